-- map_sites: industrial clusters and parks with their wastewater status in the year (the rows of
-- map_sites_year, built with the database: its columns are documented in queries/build/map_sites_year.sql).
-- $year: the year; $communes: commune codes to keep (empty list: the whole city).
-- grain: one row per site.
with

final as (
    select * exclude (year)
    from map_sites_year
    where year = $year
        and (len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null)
)

-- no order by: the rows keep map_sites_year's order (kind, name_vi collate vi); DuckDB keeps a table's row order through where and select
select * from final
