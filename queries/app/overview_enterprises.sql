-- overview_enterprises: active enterprises and certified supporting-industry enterprises, by year.
-- $communes: commune codes to keep (empty list: the whole city); $sector: a sector code, or null for all.
-- grain: one row per year from the first to the last data year (years).
--   enterprises_count     active enterprises on 31 December (enterprises)
--   si_enterprises_count  active supporting-industry enterprises (enterprises)
--   si_certified_count    of which holding a valid international-standard certificate (enterprises)
--   si_certified_pct      si_certified_count / si_enterprises_count (percent, 0–100; empty when no enterprise)
with

filtered as (
    select *
    from enterprise_year
    where (len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null)
        and ($sector::varchar is null or sector = $sector::varchar)
),

final as (
    select
        y.year,
        coalesce(sum(f.enterprises_count), 0)::bigint as enterprises_count,
        coalesce(sum(f.si_enterprises_count), 0)::bigint as si_enterprises_count,
        coalesce(sum(f.si_certified_count), 0)::bigint as si_certified_count,
        round(100.0 * sum(f.si_certified_count) / nullif(sum(f.si_enterprises_count), 0), 1) as si_certified_pct
    from years as y
    left join filtered as f on f.year = y.year
    group by y.year
)

select * from final
order by year
