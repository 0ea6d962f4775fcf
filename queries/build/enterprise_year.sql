-- enterprise_year: active enterprises, active supporting-industry (SI) enterprises and certified SI
-- enterprises per (year, commune, sector, size), aggregated once at build time so that pages
-- never scan the enterprise table.
-- An enterprise is active in year Y when founded_year <= Y and (closed_year is null or closed_year > Y);
-- it is certified in Y when it holds a certificate with issued_on <= 31 Dec Y and
-- (expires_on is null or expires_on >= 31 Dec Y).
create or replace table enterprise_year as
with

active as (
    select e.enterprise_id, y.year, e.commune_code, e.sector, e.size, e.supporting_industry
    from enterprises as e
    inner join years as y
        on e.founded_year <= y.year
        and (e.closed_year is null or e.closed_year > y.year)
),

certified as (
    select distinct c.enterprise_id, y.year
    from certifications as c
    inner join years as y
        on c.issued_on <= make_date(y.year, 12, 31)
        and (c.expires_on is null or c.expires_on >= make_date(y.year, 12, 31))
),

final as (
    select
        a.year,
        a.commune_code,
        a.sector,
        a.size,
        count(*) as enterprises_count,
        count(*) filter (where a.supporting_industry) as si_enterprises_count,
        count(*) filter (where a.supporting_industry and ce.enterprise_id is not null) as si_certified_count
    from active as a
    left join certified as ce on ce.enterprise_id = a.enterprise_id and ce.year = a.year
    group by a.year, a.commune_code, a.sector, a.size
)

select * from final
order by year, commune_code, sector, size
