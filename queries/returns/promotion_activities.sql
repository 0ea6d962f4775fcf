-- promotion_activities: the promotion activities delivered in a commune in a year, as its return workbook shows them.
-- $commune: the commune's code; $year: the period's year. grain: one row per activity.
with

final as (
    select
        activity_id, title_vi, kind, budget_state_million_vnd, budget_counterpart_million_vnd, beneficiaries, status
    from promotion_activities
    where commune_code = $commune and year = $year
)

select * from final
order by activity_id
