-- activities_by_commune: support against need in every commune, from metrics.ACTIVITIES_FROM (2021) to $year
-- (the rows of activities_commune_year, built with the database).
-- Support: local activities delivered in the commune (not cancelled). Need: the rural industrial
-- establishments (active micro and small enterprises on 31 December of $year), craft villages and their workers.
-- grain: one row per commune (126).
--   activities_count         activities in the commune, since 2021 (activities)
--   state_million_vnd        state funds spent there (million VND)
--   counterpart_million_vnd  counterpart funds (million VND)
--   establishments_count     active micro and small enterprises (establishments)
--   villages_count           craft villages (villages)
--   village_workers          workers of its craft villages (people)
--   state_per_100            state funds per 100 establishments and villages (million VND)
with

final as (
    select * exclude (year)
    from activities_commune_year
    where year = $year
)

-- no order by: the rows keep activities_commune_year's order (code); DuckDB keeps a table's row order through where and select
select * from final
