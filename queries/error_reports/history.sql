-- history: the changes of one report's status, oldest first. $id: the report's number. grain: one row per change.
with

final as (
    select rowid as seq, *
    from status_log
    where report_id = $id
)

select * from final
order by seq
