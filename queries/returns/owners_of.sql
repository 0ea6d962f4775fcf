-- owners_of: which commune each site, village and activity id belongs to (a return may only speak of its own).
-- grain: one row per record of the three tables a return covers.
with

sites as (
    select 'sites' as table_name, site_id as record_id, commune_code from sites
),

villages as (
    select 'craft_villages', village_id, commune_code from craft_villages
),

activities as (
    select 'promotion_activities', activity_id, commune_code from promotion_activities
),

final as (
    select * from sites
    union all select * from villages
    union all select * from activities
)

select * from final
