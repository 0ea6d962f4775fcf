-- open_counts: the reports still open (new or being checked) about each dataset. grain: one row per dataset.
with

final as (
    select dataset, count(*) as reports_count
    from reports
    where status in ('new', 'checking')
    group by dataset
)

select * from final
