-- database_columns: the tables and columns the database holds, to tell a file made by an earlier version of the
-- dashboard (a table or a column the data model has since gained).
-- grain: one row per column of a table of the main schema.
with

final as (
    select table_name, column_name
    from information_schema.columns
    where table_schema = 'main'
)

select * from final
order by table_name, column_name
