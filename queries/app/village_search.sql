-- village_search: craft villages whose name or craft matches a search, accents optional.
-- $q: the search text folded (lower case, no diacritics, đ→d); $communes: commune codes (empty: whole city);
-- $year: the year (recognised in or before it).
-- grain: one row per matching village (at most 50, named villages first).
with

folded as (
    select
        v.*,
        replace(strip_accents(lower(v.name_vi)), 'đ', 'd') || ' ' || lower(v.name_en) || ' '
            || replace(strip_accents(lower(coalesce(v.craft_vi, ''))), 'đ', 'd') as haystack
    from craft_villages as v
    where len($communes::varchar[]) = 0 or list_position($communes::varchar[], v.commune_code) is not null
),

final as (
    select
        f.village_id, f.name_vi, f.name_en, f.craft, f.craft_vi, f.commune_code, c.full_name_vi as commune_name_vi,
        coalesce(f.recognised and f.recognised_year <= $year, false) as recognised_in_year,
        f.recognised_year, f.households, f.workers, f.is_demo
    from folded as f
    inner join communes as c on c.code = f.commune_code
    where length($q) >= 2 and contains(f.haystack, $q)
)

select * from final
order by is_demo, name_vi collate vi
limit 50
