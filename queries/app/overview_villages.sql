-- overview_villages: craft villages and those officially recognised by the end of each year.
-- $communes: commune codes to keep (empty list: the whole city).
-- grain: one row per year from the first to the last data year (dataset_info).
--   villages_count    craft villages and villages with a craft (villages)
--   recognised_count  of which recognised by the city in or before the year (villages)
with

span as (
    select
        max(value) filter (where key = 'first_year') as first_year,
        max(value) filter (where key = 'last_year') as last_year
    from dataset_info
),

years as (
    select unnest(range(first_year::integer, last_year::integer + 1))::integer as year
    from span
),

villages as (
    select village_id, recognised, recognised_year
    from craft_villages
    where len($communes::varchar[]) = 0 or list_contains($communes::varchar[], commune_code)
),

final as (
    select
        y.year,
        count(v.village_id) as villages_count,
        count(v.village_id) filter (where v.recognised and v.recognised_year <= y.year) as recognised_count
    from years as y
    left join villages as v on true
    group by y.year
)

select * from final
order by year
