-- reported_wastewater: wastewater compliance as the report forms state it, beside the measured one, by year.
-- Biểu số 02 (Circular 14/2024/TT-BCT), row 14: each cluster's infrastructure investor reports whether its central
-- plant meets the environmental standard (1 or 0); Biểu số 04, rows 15 and 27: the Department's summary for the city.
-- A year's report is used, else the report of its first six months. Reported figures are not measured: the measured
-- rate comes from the samples (overview_clusters).
-- $communes: commune codes to keep (empty list: the whole city; the city's own summary is shown only then).
-- grain: one row per year from the first to the last data year (years).
--   clusters_count             operating clusters counted in the year (clusters)
--   reporting_count            of which with a Biểu 02 for the year (clusters)
--   reported_compliant_count   of which reported as having a plant that meets the standard (clusters)
--   reported_pct               reported_compliant_count / clusters_count (percent, 0–100; empty without reports)
--   city_operating_count       operating clusters, as the city's Biểu 04 reports them (clusters)
--   city_compliant_count       clusters with a plant meeting the standard, as the city's Biểu 04 reports them
--   city_pct                   city_compliant_count / city_operating_count (percent, 0–100)
--   city_reported_by           who sent the city's summary
with

reports as (
    select *
    from reported_figures
    qualify row_number() over (
        partition by site_id, year, indicator order by case period when 'year' then 0 else 1 end
    ) = 1
),

site_reports as (
    select
        site_id,
        year,
        max(value) filter (where indicator = 'wwtp_meets_standard') as meets
    from reports
    where site_id is not null
    group by site_id, year
),

counted as (
    select site_id, year
    from site_year
    where kind = 'cluster'
        and counted
        and (len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null)
),

by_year as (
    select
        y.year,
        count(c.site_id)::bigint as clusters_count,
        count(r.site_id)::bigint as reporting_count,
        count(r.site_id) filter (where r.meets = 1)::bigint as reported_compliant_count
    from years as y
    left join counted as c on c.year = y.year
    left join site_reports as r on r.site_id = c.site_id and r.year = c.year
    group by y.year
),

city as (
    select
        year,
        max(value) filter (where indicator = 'operating_clusters') as city_operating_count,
        max(value) filter (where indicator = 'wwtp_meets_standard_clusters') as city_compliant_count,
        max(reported_by) as city_reported_by
    from reports
    where site_id is null and len($communes::varchar[]) = 0
    group by year
),

final as (
    select
        b.year,
        b.clusters_count,
        b.reporting_count,
        b.reported_compliant_count,
        case when b.reporting_count > 0
            then round(100.0 * b.reported_compliant_count / nullif(b.clusters_count, 0), 1) end as reported_pct,
        c.city_operating_count,
        c.city_compliant_count,
        round(100.0 * c.city_compliant_count / nullif(c.city_operating_count, 0), 1) as city_pct,
        c.city_reported_by
    from by_year as b
    left join city as c on c.year = b.year
)

select * from final
order by year
