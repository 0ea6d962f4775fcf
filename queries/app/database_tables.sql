-- database_tables: the tables the database holds, to tell a file made by an earlier version of the dashboard.
-- grain: one row per table of the main schema.
with

final as (
    select table_name
    from information_schema.tables
    where table_schema = 'main'
)

select * from final
order by table_name
