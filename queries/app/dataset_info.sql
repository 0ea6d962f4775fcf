-- dataset_info: what the database holds (kind demo/official, build date, sources).
-- grain: one row per key.
with

final as (
    select key, value
    from dataset_info
)

select * from final
order by key
