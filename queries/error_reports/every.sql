-- every: every report, newest first. grain: one row per report.
with

final as (
    select *
    from reports
)

select * from final
order by id desc
