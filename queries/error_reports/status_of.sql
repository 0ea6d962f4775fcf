-- status_of: a report's status now. $id: the report's number. grain: one row, or none for an unknown number.
with

final as (
    select status
    from reports
    where id = $id
)

select * from final
