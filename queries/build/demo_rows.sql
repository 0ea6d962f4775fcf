-- demo_rows: how many records of each table are demonstration data: when any are, the database is labelled demo.
-- grain: one row. demo_rows: records (sum over the tables with an is_demo column).
with

flagged as (
    select count(*) filter (where is_demo) as n from sites
    union all select count(*) filter (where is_demo) from wastewater_plants
    union all select count(*) filter (where is_demo) from wastewater_samples
    union all select count(*) filter (where is_demo) from craft_villages
    union all select count(*) filter (where is_demo) from enterprises
    union all select count(*) filter (where is_demo) from certifications
    union all select count(*) filter (where is_demo) from programme_progress
    union all select count(*) filter (where is_demo) from promotion_activities
),

final as (
    select coalesce(sum(n), 0) as demo_rows
    from flagged
)

select * from final
