-- si_uncertified: active supporting-industry enterprises in the 13 priority sectors holding no valid
-- international-standard certificate on 31 December of the year: whom to help toward certification.
-- $year: the year; $communes: commune codes (empty list: the whole city); $sector: a code or null;
-- $limit: the most rows to return (largest enterprises first).
-- grain: one row per enterprise.
--   employees     employees (people)
--   total_count   enterprises in the list before the limit (enterprises)
with

active as (
    select e.enterprise_id, e.name, e.commune_code, e.sector, e.size, e.employees, e.founded_year
    from enterprises as e
    inner join sectors as s on s.sector = e.sector and s.priority
    where e.supporting_industry
        and e.founded_year <= $year
        and (e.closed_year is null or e.closed_year > $year)
        and (len($communes::varchar[]) = 0 or list_contains($communes::varchar[], e.commune_code))
        and ($sector::varchar is null or e.sector = $sector::varchar)
),

certified as (
    select distinct enterprise_id
    from certifications
    where issued_on <= make_date($year, 12, 31)
        and (expires_on is null or expires_on >= make_date($year, 12, 31))
),

uncertified as (
    select a.*
    from active as a
    where a.enterprise_id not in (select enterprise_id from certified)
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
