-- map_communes_year: every commune in every year, for every sector and for all of them, with the indicators the
-- map can colour it by, built once so that the map reads one table (app/map_communes).
-- Clusters, villages and support come from cluster_commune_year, villages_commune_year and activities_commune_year
-- (support since metrics.ACTIVITIES_FROM), built before it.
-- grain: one row per (year, sector, commune): every year of the years table, every sector of the sectors table
-- and an empty sector for all of them (enterprise figures only), all 126 communes.
--   clusters_count          operating industrial clusters counted in the year (clusters)
--   not_compliant_count     counted clusters not compliant in the year (clusters)
--   compliance_pct          compliant / counted clusters (percent, 0–100; empty without clusters)
--   enterprises_count       active enterprises on 31 December (enterprises)
--   enterprises_per_km2     enterprises_count / area_km2 (enterprises per km²)
--   si_enterprises_count    active supporting-industry enterprises (enterprises)
--   si_certified_pct        certified / active supporting-industry enterprises (percent, 0–100; empty without any)
--   villages_count          craft villages (villages)
--   recognised_count        craft villages recognised in or before the year (villages)
--   support_million_vnd     state industrial-promotion funds spent in the commune from metrics.ACTIVITIES_FROM to the year
--                           (million VND; activities not cancelled)
create or replace table map_communes_year as
with

scopes as (
    -- every sector, and an empty one for all of them
    select sector from sectors
    union all
    select null::varchar as sector
),

enterprises as (
    select
        year,
        commune_code,
        sector,
        sum(enterprises_count) as enterprises_count,
        sum(si_enterprises_count) as si_enterprises_count,
        sum(si_certified_count) as si_certified_count
    from enterprise_year
    group by grouping sets ((year, commune_code, sector), (year, commune_code))
),

final as (
    select
        y.year,
        sc.sector,
        c.code,
        c.full_name_vi,
        c.name_en,
        c.kind,
        c.area_km2,
        c.lon,
        c.lat,
        coalesce(cl.clusters_count, 0)::integer as clusters_count,
        (coalesce(cl.clusters_count, 0) - coalesce(cl.compliant_count, 0))::integer as not_compliant_count,
        cl.compliance_pct,
        coalesce(e.enterprises_count, 0)::bigint as enterprises_count,
        round(coalesce(e.enterprises_count, 0) / nullif(c.area_km2, 0), 1) as enterprises_per_km2,
        coalesce(e.si_enterprises_count, 0)::bigint as si_enterprises_count,
        round(100.0 * e.si_certified_count / nullif(e.si_enterprises_count, 0), 1) as si_certified_pct,
        coalesce(v.villages_count, 0)::integer as villages_count,
        coalesce(v.recognised_count, 0)::integer as recognised_count,
        coalesce(s.state_million_vnd, 0) as support_million_vnd
    from years as y
    cross join scopes as sc
    cross join communes as c
    left join cluster_commune_year as cl on cl.year = y.year and cl.commune_code = c.code
    left join enterprises as e
        on e.year = y.year and e.commune_code = c.code and e.sector is not distinct from sc.sector
    left join villages_commune_year as v on v.year = y.year and v.commune_code = c.code
    left join activities_commune_year as s on s.year = y.year and s.code = c.code
)

select * from final
order by year, sector, code
