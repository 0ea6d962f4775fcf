-- wastewater_limits: the published limit values of the standards the plants apply, as stored (the rows of
-- limit_list, built with the database from wastewater_limits).
-- grain: one row per (standard, parameter, valid_from).
with

final as (
    select * from limit_list
)

-- no order by: the rows keep limit_list's order (standard, parameter, valid_from); DuckDB keeps a table's row order through where and select
select * from final
