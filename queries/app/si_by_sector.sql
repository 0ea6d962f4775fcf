-- si_by_sector: supporting-industry enterprises and their certified share by sector, in a year.
-- $year: the year; $communes: commune codes to keep (empty list: the whole city).
-- grain: one row per sector with at least one active supporting-industry enterprise.
--   si_enterprises_count  active supporting-industry enterprises (enterprises)
--   si_certified_count    of which certified on 31 December (enterprises)
--   si_certified_pct      certified / active (percent, 0–100)
with

filtered as (
    select sector, si_enterprises_count, si_certified_count
    from enterprise_year
    where year = $year
        and (len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null)
),

final as (
    select
        f.sector,
        s.name_en,
        s.name_vi,
        sum(f.si_enterprises_count)::bigint as si_enterprises_count,
        sum(f.si_certified_count)::bigint as si_certified_count,
        round(100.0 * sum(f.si_certified_count) / sum(f.si_enterprises_count), 1) as si_certified_pct
    from filtered as f
    inner join sectors as s on s.sector = f.sector
    group by f.sector, s.name_en, s.name_vi
    having sum(f.si_enterprises_count) > 0
)

select * from final
order by si_certified_pct desc, sector
