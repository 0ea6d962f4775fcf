-- site_enterprises: what is inside a cluster or park: its active enterprises by sector and size.
-- $site_id: the site; $year: the year.
-- grain: one row per (sector, size) with at least one active enterprise.
--   enterprises_count      active enterprises on 31 December (enterprises)
--   si_enterprises_count   of which supporting-industry enterprises (enterprises)
--   employees              their employees (people)
with

active as (
    select sector, size, supporting_industry, employees
    from enterprises
    where site_id = $site_id
        and founded_year <= $year
        and (closed_year is null or closed_year > $year)
),

final as (
    select
        sector,
        size,
        count(*) as enterprises_count,
        count(*) filter (where supporting_industry) as si_enterprises_count,
        coalesce(sum(employees), 0)::bigint as employees
    from active
    group by sector, size
)

select * from final
order by enterprises_count desc, sector, size
