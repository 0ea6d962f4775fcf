-- has_table: whether the database has a table of this name (a database an earlier version made may lack a newer one).
-- $name: the table's name.
-- grain: one row, one column.
with

final as (
    select count(*) > 0 as found
    from information_schema.tables
    where table_name = $name
)

select * from final
