-- certification_year: active supporting-industry enterprises holding a valid certificate of each
-- standard on 31 December, per (year, commune, sector, standard). An enterprise holding several
-- standards counts once under each.
create or replace table certification_year as
with

holders as (
    select distinct c.enterprise_id, c.standard, y.year
    from certifications as c
    inner join years as y
        on c.issued_on <= make_date(y.year, 12, 31)
        and (c.expires_on is null or c.expires_on >= make_date(y.year, 12, 31))
),

final as (
    select
        h.year,
        e.commune_code,
        e.sector,
        h.standard,
        count(*) as si_holders_count
    from holders as h
    inner join enterprises as e on e.enterprise_id = h.enterprise_id
    where e.supporting_industry
        and e.founded_year <= h.year
        and (e.closed_year is null or e.closed_year > h.year)
    group by h.year, e.commune_code, e.sector, h.standard
)

select * from final
order by year, commune_code, sector, standard
