-- targets: every programme target with its source (programme_targets).
-- grain: one row per target.
with

final as (
    select
        target_id, programme, decision, period_start, period_end, indicator, description_en,
        target_low, target_high, comparison, unit, target_year, source
    from programme_targets
)

select * from final
order by programme, indicator, target_year
