-- map_villages: craft villages, with whether each was recognised by the end of the year.
-- $year: the year; $communes: commune codes to keep (empty list: the whole city).
-- grain: one row per craft village.
--   recognised           recognised by the city at some time (true/false; empty when not known)
--   recognised_in_year   recognised by the city in or before the year (true/false)
--   households           households practising the craft (households)
--   workers              workers in the craft (people)
with

final as (
    select
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
        coalesce(v.recognised and v.recognised_year <= $year, false) as recognised_in_year,
        v.households,
        v.workers,
        v.is_demo
    from craft_villages as v
    inner join communes as c on c.code = v.commune_code
    where len($communes::varchar[]) = 0 or list_contains($communes::varchar[], v.commune_code)
)

select * from final
order by name_vi
