-- map_villages: craft villages, with whether each was recognised by the end of the year (the rows of
-- map_villages_year, built with the database: its columns are documented in queries/build/map_villages_year.sql).
-- $year: the year; $communes: commune codes to keep (empty list: the whole city).
-- grain: one row per craft village.
with

final as (
    select * exclude (year)
    from map_villages_year
    where year = $year
        and (len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null)
)

-- no order by: the rows keep map_villages_year's order (name_vi collate vi); DuckDB keeps a table's row order through where and select
select * from final
