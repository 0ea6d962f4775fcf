-- sites: a commune's clusters and parks as its return workbook shows them, with their wastewater plant.
-- $commune: the commune's code. grain: one row per site.
with

plants as (
    select site_id, capacity_m3_per_day
    from wastewater_plants
),

final as (
    select
        sites.site_id,
        sites.name_vi,
        sites.area_ha,
        sites.status,
        sites.opened_year,
        plants.site_id is not null as plant,
        plants.capacity_m3_per_day
    from sites
    left join plants using (site_id)
    where sites.commune_code = $commune
)

select * from final
order by site_id
