-- wastewater_by_commune: where the gap is: compliance of operating clusters by commune in a year (from
-- cluster_commune_year, built with the database).
-- $year: the year; $communes: commune codes to keep (empty list: the whole city).
-- grain: one row per commune with at least one operating cluster counted in the year, and one per chosen commune
--   even without (clusters_count 0, compliance_pct null: shown as having no operating cluster, never left out).
--   clusters_count        operating clusters counted (clusters)
--   compliant_count       compliant clusters (clusters)
--   short_count           clusters still to fix: not compliant, no data or no plant (clusters)
--   compliance_pct        compliant_count / clusters_count (percent, 0–100)
with

final as (
    select
        commune_code,
        full_name_vi,
        name_en,
        clusters_count,
        compliant_count,
        clusters_count - compliant_count as short_count,
        compliance_pct
    from cluster_commune_year
    where year = $year
        and (
            (len($communes::varchar[]) = 0 and clusters_count > 0)
            or list_position($communes::varchar[], commune_code) is not null
        )
)

-- no order by: the rows keep cluster_commune_year's order (compliance_pct, short_count desc, full_name_vi collate vi); DuckDB keeps a table's row order through where and select
select * from final
