-- uncertified_year: for each year, the active supporting-industry enterprises of the 13 priority sectors
-- holding no valid international-standard certificate on 31 December (the Supporting-industry page's list of
-- whom to help toward certification), built once so that the page never scans enterprises or certifications.
-- Active in Y: founded_year <= Y and (closed_year is null or closed_year > Y); certified in Y: a certificate
-- with issued_on <= 31 Dec Y and (expires_on is null or expires_on >= 31 Dec Y).
-- grain: one row per (year, enterprise).
create or replace table uncertified_year as
with

active as (
    select y.year, e.enterprise_id, e.name, e.commune_code, e.sector, e.size, e.employees, e.founded_year
    from enterprises as e
    inner join sectors as s on s.sector = e.sector and s.priority
    inner join years as y on e.founded_year <= y.year and (e.closed_year is null or e.closed_year > y.year)
    where e.supporting_industry
),

certified as (
    select distinct y.year, c.enterprise_id
    from certifications as c
    inner join years as y
        on c.issued_on <= make_date(y.year, 12, 31)
        and (c.expires_on is null or c.expires_on >= make_date(y.year, 12, 31))
),

final as (
    select a.*
    from active as a
    left join certified as c on c.year = a.year and c.enterprise_id = a.enterprise_id
    where c.enterprise_id is null
)

select * from final
order by year, employees desc, enterprise_id
