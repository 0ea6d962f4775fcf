-- wastewater_failures: which operating clusters with a plant were not compliant in a year, and why (the rows of
-- wastewater_failures_year, built with the database: its columns are documented in
-- queries/build/wastewater_failures_year.sql).
-- $year: the year; $communes: commune codes to keep (empty list: the whole city).
-- grain: one row per (cluster, parameter outside the limits); one row with an empty parameter for a
-- cluster that was not sampled in the year.
with

final as (
    select * exclude (year)
    from wastewater_failures_year
    where year = $year
        and (len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null)
)

-- no order by: the rows keep wastewater_failures_year's order (name_vi collate vi, ratio_to_limit desc nulls last, parameter); DuckDB keeps a table's row order through where and select
select * from final
