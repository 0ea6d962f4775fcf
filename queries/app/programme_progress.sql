-- programme_progress: what has been achieved for each indicator, by year, with its source.
-- grain: one row per (indicator, year); value in the indicator's unit (see programme_targets.unit).
with

final as (
    select indicator, year, value, unit, source, is_demo
    from programme_progress
)

select * from final
order by indicator, year
