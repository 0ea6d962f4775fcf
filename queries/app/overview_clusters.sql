-- overview_clusters: industrial clusters and parks in operation, and wastewater status, by year (sums of
-- cluster_commune_year, built with the database).
-- $communes: commune codes to keep (empty list: the whole city).
-- grain: one row per year from the first to the last data year (years), whatever the communes.
--   clusters_count        operating clusters counted in the year (clusters)
--   with_plant_count      of which served by a central treatment plant (clusters)
--   compliant_count       of which compliant with the standard (clusters)
--   not_compliant_count   of which with a plant, sampled, and outside the limits at least once (clusters)
--   no_data_count         of which with a plant but not sampled in the year: not compliant (clusters)
--   no_plant_count        of which with no treatment plant: not compliant (clusters)
--   compliance_pct        compliant_count / clusters_count (percent, 0–100)
--   parks_count           industrial and hi-tech parks operating in the year (parks)
with

clusters as (
    select
        y.year,
        coalesce(sum(k.clusters_count), 0)::bigint as clusters_count,
        coalesce(sum(k.with_plant_count), 0)::bigint as with_plant_count,
        coalesce(sum(k.compliant_count), 0)::bigint as compliant_count,
        coalesce(sum(k.not_compliant_count), 0)::bigint as not_compliant_count,
        coalesce(sum(k.no_data_count), 0)::bigint as no_data_count,
        coalesce(sum(k.no_plant_count), 0)::bigint as no_plant_count,
        coalesce(sum(k.parks_count), 0)::bigint as parks_count
    from years as y
    left join cluster_commune_year as k
        on k.year = y.year
        and (len($communes::varchar[]) = 0 or list_position($communes::varchar[], k.commune_code) is not null)
    group by y.year
),

final as (
    select
        year,
        clusters_count,
        with_plant_count,
        compliant_count,
        not_compliant_count,
        no_data_count,
        no_plant_count,
        round(100.0 * compliant_count / nullif(clusters_count, 0), 1) as compliance_pct,
        parks_count
    from clusters
)

select * from final
order by year
