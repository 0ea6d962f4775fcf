-- target_list: every programme target in the order the pages list them (programme, indicator, target year), so
-- that app/targets reads it without sorting.
-- grain: one row per target; the columns of programme_targets.
create or replace table target_list as
with

final as (
    select
        target_id, programme, decision, period_start, period_end, indicator, description_en,
        target_low, target_high, comparison, unit, target_year, source, source_vi
    from programme_targets
)

select * from final
order by programme, indicator, target_year, target_id
