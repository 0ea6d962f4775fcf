-- site_year: wastewater status of each industrial cluster and park in each year.
-- grain: one row per (site, year), every year of the years table. The city's compliance rate uses clusters only
-- (kind = 'cluster'), including craft-village clusters.
-- A site is counted in year Y when it is operating and opened in or before Y (a site whose status its source
-- does not state is not counted, and is 'not_stated'); it is compliant
-- in Y when it is also served by a plant commissioned in or before Y, was sampled in Y, and every
-- measurement of Y lies within [min_value, max_value] (inclusive) of the limit of its plant's
-- standard in force on the sampling date, as judged in sample_checks. A measurement of a parameter
-- the standard does not limit is not judged.
create or replace table site_year as
with

sites_ as (
    select site_id, kind, commune_code, craft_village_cluster, status, opened_year
    from sites
),

site_years as (
    select
        site_id,
        year,
        count(*)::integer as samples_count,
        count(*) filter (where exceeds)::integer as exceedances_count
    from sample_checks
    group by site_id, year
),

site_enterprises as (
    -- active enterprises located in the site on 31 December of each year
    select e.site_id, y.year, count(*)::bigint as enterprises_count
    from enterprises as e
    inner join years as y on e.founded_year <= y.year and (e.closed_year is null or e.closed_year > y.year)
    where e.site_id is not null
    group by e.site_id, y.year
),

flags as (
    select
        c.site_id,
        y.year,
        c.kind,
        c.commune_code,
        c.craft_village_cluster,
        coalesce(c.status = 'operating' and c.opened_year <= y.year, false) as counted,
        c.status is null as status_unknown,
        coalesce(p.commissioned_year <= y.year, false) as has_plant,
        coalesce(sy.samples_count, 0) > 0 as sampled,
        coalesce(sy.samples_count, 0) as samples_count,
        coalesce(sy.exceedances_count, 0) as exceedances_count,
        coalesce(se.enterprises_count, 0)::bigint as enterprises_count
    from sites_ as c
    cross join years as y
    left join wastewater_plants as p on p.site_id = c.site_id
    left join site_years as sy on sy.site_id = c.site_id and sy.year = y.year
    left join site_enterprises as se on se.site_id = c.site_id and se.year = y.year
),

final as (
    select
        site_id,
        year,
        kind,
        commune_code,
        craft_village_cluster,
        counted,
        has_plant,
        sampled,
        samples_count,
        exceedances_count,
        counted and has_plant and sampled and exceedances_count = 0 as compliant,
        case
            when not counted and status_unknown then 'not_stated'
            when not counted then 'not_operating'
            when not has_plant then 'no_plant'
            when not sampled then 'no_data'
            when exceedances_count = 0 then 'compliant'
            else 'not_compliant'
        end as status,
        enterprises_count
    from flags
)

select * from final
order by site_id, year
