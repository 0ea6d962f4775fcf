-- cluster_commune_year: the industrial clusters and parks counted in each commune in each year, by wastewater
-- status, aggregated once at build time from site_year (the yearly series of app/overview_clusters and the
-- ranking of app/wastewater_by_commune read it).
-- grain: one row per (year, commune), every year of the years table and all 126 communes; in each year ranked as
-- the Wastewater page shows them (lowest compliance first, then most clusters still to fix, then by name).
--   clusters_count        operating clusters counted in the year (clusters)
--   with_plant_count      counted clusters with a plant commissioned in or before the year (clusters)
--   compliant_count       compliant clusters (clusters)
--   not_compliant_count   counted clusters with a plant that exceeded a limit (clusters)
--   no_data_count         counted clusters with a plant but no sample in the year (clusters)
--   no_plant_count        counted clusters with no plant (clusters)
--   compliance_pct        compliant_count / clusters_count (percent, 0–100; empty without clusters)
--   parks_count           industrial parks and the Hi-Tech Park operating in the year (parks)
create or replace table cluster_commune_year as
with

counts as (
    select
        year,
        commune_code,
        count(*) filter (where kind = 'cluster' and counted) as clusters_count,
        count(*) filter (where kind = 'cluster' and counted and has_plant) as with_plant_count,
        count(*) filter (where kind = 'cluster' and compliant) as compliant_count,
        count(*) filter (where kind = 'cluster' and status = 'not_compliant') as not_compliant_count,
        count(*) filter (where kind = 'cluster' and status = 'no_data') as no_data_count,
        count(*) filter (where kind = 'cluster' and status = 'no_plant') as no_plant_count,
        count(*) filter (where kind in ('industrial_park', 'high_tech_park') and counted) as parks_count
    from site_year
    group by year, commune_code
),

final as (
    select
        y.year,
        c.code as commune_code,
        c.full_name_vi,
        c.name_en,
        coalesce(k.clusters_count, 0)::integer as clusters_count,
        coalesce(k.with_plant_count, 0)::integer as with_plant_count,
        coalesce(k.compliant_count, 0)::integer as compliant_count,
        coalesce(k.not_compliant_count, 0)::integer as not_compliant_count,
        coalesce(k.no_data_count, 0)::integer as no_data_count,
        coalesce(k.no_plant_count, 0)::integer as no_plant_count,
        round(100.0 * k.compliant_count / nullif(k.clusters_count, 0), 1) as compliance_pct,
        coalesce(k.parks_count, 0)::integer as parks_count
    from years as y
    cross join communes as c
    left join counts as k on k.year = y.year and k.commune_code = c.code
)

select * from final
order by year, compliance_pct, clusters_count - compliant_count desc, full_name_vi collate vi
