-- recent: how many reports one browser has sent since a moment (the rate limit).
-- $client: the browser's token; $since: ISO time. grain: one row.
with

final as (
    select count(*) as reports_count
    from reports
    where client = $client and created_at >= $since
)

select * from final
