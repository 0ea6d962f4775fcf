-- referenced: the sites and villages that other records point to (a return cannot remove them: their plant,
-- measurements, enterprises or activities would point nowhere).
-- grain: one row per (table, record) pointed to, with what points to it.
with

plant_sites as (
    select distinct 'sites' as table_name, site_id as record_id, 'wastewater_plants' as by_table
    from wastewater_plants
),

sample_sites as (
    select distinct 'sites', site_id, 'wastewater_samples'
    from wastewater_samples
),

enterprise_sites as (
    select distinct 'sites', site_id, 'enterprises'
    from enterprises
    where site_id is not null
),

activity_villages as (
    select distinct 'craft_villages', village_id, 'promotion_activities'
    from promotion_activities
    where village_id is not null
),

final as (
    select * from plant_sites
    union all select * from sample_sites
    union all select * from enterprise_sites
    union all select * from activity_villages
)

select * from final
order by table_name, record_id, by_table
