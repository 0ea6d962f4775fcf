-- map_sites: industrial clusters and parks with their wastewater status in the year.
-- $year: the year; $communes: commune codes to keep (empty list: the whole city).
-- grain: one row per site.
--   area_ha               site area (ha)
--   year_status           compliant | not_compliant | no_data | no_plant | not_operating, in the year
--   capacity_m3_per_day   design capacity of its central treatment plant (m³/day; empty without a plant
--                         commissioned in or before the year)
--   standard              the standard that plant's effluent must meet (empty likewise)
--   enterprises_count     active enterprises located in the site on 31 December (enterprises)
with

final as (
    select
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
        case when p.commissioned_year <= $year then p.capacity_m3_per_day end as capacity_m3_per_day,
        case when p.commissioned_year <= $year then p.standard end as standard,
        coalesce(sy.enterprises_count, 0)::bigint as enterprises_count,
        s.is_demo,
        s.location_precision
    from sites as s
    inner join communes as c on c.code = s.commune_code
    left join site_year as sy on sy.site_id = s.site_id and sy.year = $year
    left join wastewater_plants as p on p.site_id = s.site_id
    where len($communes::varchar[]) = 0 or list_contains($communes::varchar[], s.commune_code)
)

select * from final
order by kind, name_vi
