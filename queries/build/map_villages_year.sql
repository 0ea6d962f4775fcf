-- map_villages_year: every craft village in every year, with whether it was recognised by the end of the year
-- and its commune's names, built once so that the map reads one table (app/map_villages).
-- grain: one row per (year, craft village), every year of the years table.
--   recognised           recognised by the city at some time (true/false; empty when not known)
--   recognised_in_year   recognised by the city in or before the year (true/false)
--   households           households practising the craft (households)
--   workers              workers in the craft (people)
--   figures_imputed      the households and workers of a real village are illustrative (made for the demonstration)
create or replace table map_villages_year as
with

final as (
    select
        y.year,
        v.village_id,
        v.name_vi,
        v.name_en,
        v.craft,
        v.craft_vi,
        v.commune_code,
        c.full_name_vi as commune_name_vi,
        c.name_en as commune_name_en,
        v.lon,
        v.lat,
        v.recognised,
        coalesce(v.recognised and v.recognised_year <= y.year, false) as recognised_in_year,
        v.households,
        v.workers,
        coalesce(contains(v.imputed, 'households'), false) as figures_imputed,
        v.is_demo
    from years as y
    cross join craft_villages as v
    inner join communes as c on c.code = v.commune_code
)

select * from final
order by year, name_vi collate vi
