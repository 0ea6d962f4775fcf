-- certificate_expiry: for each year, the certificates of active supporting-industry enterprises that expire
-- in the 12 months after 31 December of the year with no renewal issued by then (the call list of the
-- Supporting-industry page), built once so that the page never scans certifications or enterprises.
-- The certificate of an enterprise for a standard is its latest one issued on or before 31 December of the
-- year; one that never expires is never on the list.
-- grain: one row per (year, enterprise, standard).
create or replace table certificate_expiry as
with

latest as (
    select
        y.year,
        c.enterprise_id,
        c.standard,
        max(c.issued_on) as issued_on,
        max(c.expires_on) as expires_on
    from certifications as c
    inner join years as y on c.issued_on <= make_date(y.year, 12, 31)
    group by y.year, c.enterprise_id, c.standard
    having bool_and(c.expires_on is not null)
),

expiring as (
    select *
    from latest
    where expires_on >= make_date(year, 12, 31)
        and expires_on < make_date(year + 1, 12, 31)
),

final as (
    select
        x.year,
        x.enterprise_id,
        e.name,
        e.commune_code,
        e.sector,
        e.employees,
        x.standard,
        x.issued_on,
        x.expires_on
    from expiring as x
    inner join enterprises as e on e.enterprise_id = x.enterprise_id
    where e.supporting_industry
        and e.founded_year <= x.year
        and (e.closed_year is null or e.closed_year > x.year)
)

select * from final
order by year, expires_on, name collate vi, enterprise_id, standard
