-- commune_predecessors: the former communes and wards (and their districts) a commune was formed from,
-- from the official conversion table.
-- $code: the commune. grain: one row per former unit.
--   is_partial   only part of the former unit went into this commune (true/false)
with

final as (
    select old_code, old_name, old_district, is_partial, merge_note
    from commune_predecessors
    where code = $code
)

select * from final
order by old_district, old_name
