-- commune_trends: the wastewater compliance and the certified share of each chosen commune, by year
-- (the trends of the Commune profile, for every commune profiled in one answer).
-- $communes: the communes' codes; $sector: a sector code, or null for all.
-- grain: one row per (commune, year), from the first to the last data year (cluster_commune_year has them all).
--   clusters_count        operating clusters counted in the year (clusters)
--   compliant_count       of which compliant with the standard of their plant (clusters)
--   compliance_pct        100 × compliant / counted (% of clusters, one decimal; empty without a counted cluster)
--   si_enterprises_count  active supporting-industry enterprises on 31 December (enterprises)
--   si_certified_count    of which holding a valid certificate on 31 December (enterprises)
--   si_certified_pct      100 × certified / supporting-industry enterprises (% of them, one decimal; empty without one)
with

enterprises as (
    select
        commune_code,
        year,
        sum(si_enterprises_count) as si_enterprises_count,
        sum(si_certified_count) as si_certified_count
    from enterprise_year
    where list_position($communes::varchar[], commune_code) is not null
        and ($sector::varchar is null or sector = $sector::varchar)
    group by commune_code, year
),

final as (
    -- cluster_commune_year holds every commune in every year, with its clusters counted and compliant
    select
        k.commune_code,
        k.year,
        k.clusters_count,
        k.compliant_count,
        k.compliance_pct,
        coalesce(e.si_enterprises_count, 0)::bigint as si_enterprises_count,
        coalesce(e.si_certified_count, 0)::bigint as si_certified_count,
        round(100.0 * e.si_certified_count / nullif(e.si_enterprises_count, 0), 1) as si_certified_pct
    from cluster_commune_year as k
    left join enterprises as e on e.commune_code = k.commune_code and e.year = k.year
    where list_position($communes::varchar[], k.commune_code) is not null
)

select * from final
order by commune_code, year
