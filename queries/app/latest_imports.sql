-- latest_imports: when an import or a commune's return last brought records into each table.
-- grain: one row per table with imported records.
with

final as (
    select table_name, max(imported_at) as latest
    from record_sources
    group by table_name
)

select * from final
order by table_name
