-- map_communes: every commune with the indicators a map can colour it by (its boundary: commune_shapes), from
-- map_communes_year, built with the database: its columns are documented in queries/build/map_communes_year.sql.
-- $year: the year; $sector: a sector code or null for all (enterprise figures only).
-- grain: one row per commune (126).
with

final as (
    select * exclude (year, sector)
    from map_communes_year
    where year = $year and sector is not distinct from $sector::varchar
)

-- no order by: the rows keep map_communes_year's order (code); DuckDB keeps a table's row order through where and select
select * from final
