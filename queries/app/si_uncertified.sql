-- si_uncertified: active supporting-industry enterprises in the 13 priority sectors holding no valid
-- international-standard certificate on 31 December of the year: whom to help toward certification.
-- $year: the year; $communes: commune codes (empty list: the whole city); $sector: a code or null;
-- $limit: the most rows to return (largest enterprises first).
-- Read from uncertified_year, built with the database.
-- grain: one row per enterprise.
--   employees     employees (people)
--   total_count   enterprises in the list before the limit (enterprises)
with

uncertified as (
    select enterprise_id, name, commune_code, sector, size, employees, founded_year
    from uncertified_year
    where year = $year
        and (len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null)
        and ($sector::varchar is null or sector = $sector::varchar)
),

total as (
    -- counted apart from the list: a count over the window would keep every row only to count them
    select count(*) as total_count from uncertified
),

top as (
    select * from uncertified
    order by employees desc, enterprise_id
    limit $limit
),

final as (
    select
        t.enterprise_id,
        t.name,
        t.commune_code,
        m.full_name_vi as commune_name_vi,
        t.sector,
        t.size,
        t.employees,
        t.founded_year,
        total.total_count
    from top as t
    inner join communes as m on m.code = t.commune_code
    cross join total
)

select * from final
order by employees desc, enterprise_id
