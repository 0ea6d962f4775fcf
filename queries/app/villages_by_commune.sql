-- villages_by_commune: craft villages by commune, ranked, with recognition, households and workers (the rows of
-- villages_commune_year, built with the database).
-- $year: the year (recognised in or before it).
-- grain: one row per commune with at least one craft village.
--   villages_count, recognised_count (villages); households (households); workers (people)
with

final as (
    select * exclude (year)
    from villages_commune_year
    where year = $year
)

-- no order by: the rows keep villages_commune_year's order (villages_count desc, recognised_count desc, commune_code); DuckDB keeps a table's row order through where and select
select * from final
