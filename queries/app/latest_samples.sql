-- latest_samples: the date of the latest wastewater measurement (how fresh the monitoring results are).
-- grain: one row.
with

final as (
    select max(sampled_on) as latest
    from wastewater_samples
)

select * from final
