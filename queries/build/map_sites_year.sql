-- map_sites_year: every industrial cluster and park in every year, with its wastewater status and what the map,
-- the Wastewater and the Craft-villages pages show of it, joined once at build time so that those pages read one
-- table (app/map_sites).
-- grain: one row per (site, year), every year of the years table.
--   area_ha               site area (ha)
--   year_status           compliant | not_compliant | no_data | no_plant | not_operating, in the year
--   capacity_m3_per_day   design capacity of its central treatment plant (m³/day; empty without a plant
--                         commissioned in or before the year)
--   standard              the standard that plant's effluent must meet (empty likewise)
--   enterprises_count     active enterprises located in the site on 31 December (enterprises)
--   position_approximate  true when the site's coordinates were not given and it is drawn at a point of its
--                         commune (imputed lon, lat)
create or replace table map_sites_year as
with

final as (
    select
        sy.year,
        s.site_id,
        s.kind,
        s.name_vi,
        s.name_en,
        s.commune_code,
        c.full_name_vi as commune_name_vi,
        c.name_en as commune_name_en,
        s.lon,
        s.lat,
        s.area_ha,
        s.status,
        s.opened_year,
        s.craft_village_cluster,
        sy.status as year_status,
        sy.exceedances_count,
        case when p.commissioned_year <= sy.year then p.capacity_m3_per_day end as capacity_m3_per_day,
        case when p.commissioned_year <= sy.year then p.standard end as standard,
        coalesce(sy.enterprises_count, 0)::bigint as enterprises_count,
        s.is_demo,
        s.location_precision,
        coalesce(s.imputed like '%lon%', false) as position_approximate
    from site_year as sy
    inner join sites as s on s.site_id = sy.site_id
    inner join communes as c on c.code = s.commune_code
    left join wastewater_plants as p on p.site_id = s.site_id
)

select * from final
order by year, kind, name_vi collate vi
