-- predecessor_search: new communes whose former communes/wards or former district match a search.
-- $q: the search text folded (lower case, no diacritics, đ→d); matched as a substring of the old name
-- or the old district (both without their unit word).
-- grain: one row per (new commune, old unit).
with

matches as (
    select code, old_code, old_name, old_district, is_partial
    from commune_predecessors
    where length($q) >= 2
        and (contains(old_name_folded, $q) or contains(old_district_folded, $q))
),

final as (
    select m.code, c.full_name_vi, m.old_code, m.old_name, m.old_district, m.is_partial
    from matches as m
    inner join communes as c on c.code = m.code
)

select * from final
order by old_district collate vi, old_name collate vi, code
limit 200
