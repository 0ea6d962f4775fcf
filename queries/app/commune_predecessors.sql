-- commune_predecessors: the former communes and wards (and their districts) each chosen commune was formed
-- from, from the official conversion table.
-- $communes: the communes' codes. grain: one row per (commune, former unit).
--   code         the commune (5-digit code)
--   is_partial   only part of the former unit went into this commune (true/false)
with

final as (
    select code, old_code, old_name, old_district, is_partial, merge_note
    from commune_predecessors
    where list_position($communes::varchar[], code) is not null
)

select * from final
order by code, old_district collate vi, old_name collate vi
