-- wastewater_by_commune: where the gap is: compliance of operating clusters by commune in a year.
-- $year: the year; $communes: commune codes to keep (empty list: the whole city).
-- grain: one row per commune with at least one operating cluster counted in the year.
--   clusters_count        operating clusters counted (clusters)
--   compliant_count       compliant clusters (clusters)
--   short_count           clusters still to fix: not compliant, no data or no plant (clusters)
--   compliance_pct        compliant_count / clusters_count (percent, 0–100)
with

counted as (
    select commune_code, compliant
    from site_year
    where kind = 'cluster'
        and year = $year
        and counted
        and (len($communes::varchar[]) = 0 or list_contains($communes::varchar[], commune_code))
),

final as (
    select
        c.code as commune_code,
        c.full_name_vi,
        c.name_en,
        count(*)::integer as clusters_count,
        count(*) filter (where k.compliant)::integer as compliant_count,
        count(*) filter (where not k.compliant)::integer as short_count,
        round(100.0 * count(*) filter (where k.compliant) / count(*), 1) as compliance_pct
    from counted as k
    inner join communes as c on c.code = k.commune_code
    group by c.code, c.full_name_vi, c.name_en
)

select * from final
order by compliance_pct, short_count desc, full_name_vi
