-- overview_villages: craft villages and those officially recognised by the end of each year.
-- $communes: commune codes to keep (empty list: the whole city).
-- grain: one row per year from the first to the last data year (years).
--   villages_count    craft villages and villages with a craft (villages)
--   recognised_count  of which recognised by the city in or before the year (villages)
with

villages as (
    select village_id, recognised, recognised_year
    from craft_villages
    where len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null
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
