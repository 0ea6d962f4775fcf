-- si_by_commune: supporting-industry enterprises and their certified share by commune, in a year.
-- $year: the year; $sector: a sector code or null for all.
-- grain: one row per commune with at least one active supporting-industry enterprise.
--   si_enterprises_count  active supporting-industry enterprises (enterprises)
--   si_certified_count    of which certified on 31 December (enterprises)
--   si_certified_pct      certified / active (percent, 0–100)
with

filtered as (
    select commune_code, si_enterprises_count, si_certified_count
    from enterprise_year
    where year = $year and ($sector::varchar is null or sector = $sector::varchar)
),

final as (
    select
        c.code as commune_code,
        c.full_name_vi,
        sum(f.si_enterprises_count)::bigint as si_enterprises_count,
        sum(f.si_certified_count)::bigint as si_certified_count,
        round(100.0 * sum(f.si_certified_count) / sum(f.si_enterprises_count), 1) as si_certified_pct
    from filtered as f
    inner join communes as c on c.code = f.commune_code
    group by c.code, c.full_name_vi
    having sum(f.si_enterprises_count) > 0
)

select * from final
order by si_certified_pct desc, si_enterprises_count desc, commune_code
