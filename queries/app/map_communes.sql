-- map_communes: every commune with the indicators a map can colour it by (its boundary: commune_shapes).
-- $year: the year; $sector: a sector code or null for all (enterprise figures only).
-- grain: one row per commune (126).
--   clusters_count          operating industrial clusters counted in the year (clusters)
--   not_compliant_count     counted clusters not compliant in the year (clusters)
--   compliance_pct          compliant / counted clusters (percent, 0–100; empty without clusters)
--   enterprises_count       active enterprises on 31 December (enterprises)
--   enterprises_per_km2     enterprises_count / area_km2 (enterprises per km²)
--   si_enterprises_count    active supporting-industry enterprises (enterprises)
--   si_certified_pct        certified / active supporting-industry enterprises (percent, 0–100; empty without any)
--   villages_count          craft villages (villages)
--   recognised_count        craft villages recognised in or before the year (villages)
--   support_million_vnd     state industrial-promotion funds spent in the commune from $from_year to the year
--                           (million VND; activities not cancelled)
with

clusters as (
    select
        commune_code,
        count(*) filter (where counted) as clusters_count,
        count(*) filter (where compliant) as compliant_count
    from site_year
    where kind = 'cluster' and year = $year
    group by commune_code
),

enterprises as (
    select
        commune_code,
        sum(enterprises_count) as enterprises_count,
        sum(si_enterprises_count) as si_enterprises_count,
        sum(si_certified_count) as si_certified_count
    from enterprise_year
    where year = $year and ($sector::varchar is null or sector = $sector::varchar)
    group by commune_code
),

villages as (
    select
        commune_code,
        count(*) as villages_count,
        count(*) filter (where recognised and recognised_year <= $year) as recognised_count
    from craft_villages
    group by commune_code
),

support as (
    select commune_code, sum(budget_state_million_vnd) as support_million_vnd
    from promotion_activities
    where status <> 'cancelled' and commune_code is not null and year between $from_year and $year
    group by commune_code
),

final as (
    select
        c.code,
        c.full_name_vi,
        c.name_en,
        c.kind,
        c.area_km2,
        c.lon,
        c.lat,
        coalesce(cl.clusters_count, 0)::integer as clusters_count,
        (coalesce(cl.clusters_count, 0) - coalesce(cl.compliant_count, 0))::integer as not_compliant_count,
        round(100.0 * cl.compliant_count / nullif(cl.clusters_count, 0), 1) as compliance_pct,
        coalesce(e.enterprises_count, 0)::bigint as enterprises_count,
        round(coalesce(e.enterprises_count, 0) / nullif(c.area_km2, 0), 1) as enterprises_per_km2,
        coalesce(e.si_enterprises_count, 0)::bigint as si_enterprises_count,
        round(100.0 * e.si_certified_count / nullif(e.si_enterprises_count, 0), 1) as si_certified_pct,
        coalesce(v.villages_count, 0)::integer as villages_count,
        coalesce(v.recognised_count, 0)::integer as recognised_count,
        coalesce(s.support_million_vnd, 0) as support_million_vnd
    from communes as c
    left join clusters as cl on cl.commune_code = c.code
    left join enterprises as e on e.commune_code = c.code
    left join villages as v on v.commune_code = c.code
    left join support as s on s.commune_code = c.code
)

select * from final
order by code
