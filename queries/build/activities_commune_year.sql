-- activities_commune_year: support against need in every commune, from $from_year to each year, built once for the
-- Activities page and its ranking (app/activities_by_commune).
-- Support: local activities delivered in the commune (not cancelled). Need: the rural industrial
-- establishments (active micro and small enterprises on 31 December of the year), craft villages and their workers.
-- grain: one row per (year, commune): every year of the years table, all 126 communes.
--   activities_count         activities in the commune, $from_year to the year (activities)
--   state_million_vnd        state funds spent there (million VND)
--   counterpart_million_vnd  counterpart funds (million VND)
--   establishments_count     active micro and small enterprises (establishments)
--   villages_count           craft villages (villages)
--   village_workers          workers of its craft villages (people)
--   state_per_100            state funds per 100 establishments and villages (million VND)
create or replace table activities_commune_year as
with

support as (
    select
        y.year,
        a.commune_code,
        count(*) as activities_count,
        sum(a.budget_state_million_vnd) as state_million_vnd,
        sum(a.budget_counterpart_million_vnd) as counterpart_million_vnd
    from years as y
    inner join promotion_activities as a on a.year between $from_year and y.year
    where a.status <> 'cancelled'
        and a.commune_code is not null
    group by y.year, a.commune_code
),

establishments as (
    select year, commune_code, sum(enterprises_count) as establishments_count
    from enterprise_year
    where size in ('micro', 'small')
    group by year, commune_code
),

villages as (
    select commune_code, count(*) as villages_count, coalesce(sum(workers), 0) as village_workers
    from craft_villages
    group by commune_code
),

final as (
    select
        y.year,
        c.code,
        c.full_name_vi,
        c.name_en,
        c.kind,
        coalesce(s.activities_count, 0)::integer as activities_count,
        coalesce(s.state_million_vnd, 0) as state_million_vnd,
        coalesce(s.counterpart_million_vnd, 0) as counterpart_million_vnd,
        coalesce(e.establishments_count, 0)::bigint as establishments_count,
        coalesce(v.villages_count, 0)::integer as villages_count,
        coalesce(v.village_workers, 0)::bigint as village_workers,
        round(100.0 * coalesce(s.state_million_vnd, 0)
            / nullif(coalesce(e.establishments_count, 0) + coalesce(v.villages_count, 0), 0), 1) as state_per_100
    from years as y
    cross join communes as c
    left join support as s on s.year = y.year and s.commune_code = c.code
    left join establishments as e on e.year = y.year and e.commune_code = c.code
    left join villages as v on v.commune_code = c.code
)

select * from final
order by year, code
