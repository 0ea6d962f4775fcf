-- villages_commune_year: craft villages by commune in every year, with recognition (in or before the year),
-- households and workers, built once for the Craft-villages page's ranking (app/villages_by_commune).
-- grain: one row per (year, commune with at least one craft village), every year of the years table.
--   villages_count, recognised_count (villages); households (households); workers (people)
create or replace table villages_commune_year as
with

final as (
    select
        y.year,
        c.code as commune_code,
        c.full_name_vi,
        count(*)::integer as villages_count,
        count(*) filter (where v.recognised and v.recognised_year <= y.year)::integer as recognised_count,
        coalesce(sum(v.households), 0)::bigint as households,
        coalesce(sum(v.workers), 0)::bigint as workers
    from years as y
    cross join craft_villages as v
    inner join communes as c on c.code = v.commune_code
    group by y.year, c.code, c.full_name_vi
)

select * from final
order by year, villages_count desc, recognised_count desc, commune_code
