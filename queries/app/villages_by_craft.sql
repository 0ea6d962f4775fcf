-- villages_by_craft: craft villages by craft group, with recognition, households and workers.
-- $year: the year (recognised in or before it); $communes: commune codes (empty list: the whole city).
-- grain: one row per craft group with at least one village.
--   villages_count    craft villages (villages)
--   recognised_count  recognised by the city in or before the year (villages)
--   households        households practising the craft (households)
--   workers           workers in the craft (people)
with

villages as (
    select craft, recognised, recognised_year, households, workers
    from craft_villages
    where len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null
),

final as (
    select
        craft,
        count(*)::integer as villages_count,
        count(*) filter (where recognised and recognised_year <= $year)::integer as recognised_count,
        coalesce(sum(households), 0)::bigint as households,
        coalesce(sum(workers), 0)::bigint as workers
    from villages
    group by craft
)

select * from final
order by villages_count desc, craft
