-- overview_clusters: industrial clusters and parks in operation, and wastewater status, by year.
-- $communes: commune codes to keep (empty list: the whole city).
-- grain: one row per year from the first to the last data year (years).
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
        count(*) filter (where cy.counted) as clusters_count,
        count(*) filter (where cy.counted and cy.has_plant) as with_plant_count,
        count(*) filter (where cy.compliant) as compliant_count,
        count(*) filter (where cy.status = 'not_compliant') as not_compliant_count,
        count(*) filter (where cy.status = 'no_data') as no_data_count,
        count(*) filter (where cy.status = 'no_plant') as no_plant_count
    from years as y
    left join site_year as cy
        on cy.year = y.year
        and cy.kind = 'cluster'
        and (len($communes::varchar[]) = 0 or list_contains($communes::varchar[], cy.commune_code))
    group by y.year
),

parks as (
    select
        c.year,
        count(s.site_id) as parks_count
    from clusters as c
    left join sites as s
        on s.kind in ('industrial_park', 'high_tech_park')
        and s.status = 'operating'
        and s.opened_year <= c.year
        and (len($communes::varchar[]) = 0 or list_contains($communes::varchar[], s.commune_code))
    group by c.year
),

final as (
    select
        c.year,
        c.clusters_count,
        c.with_plant_count,
        c.compliant_count,
        c.not_compliant_count,
        c.no_data_count,
        c.no_plant_count,
        round(100.0 * c.compliant_count / nullif(c.clusters_count, 0), 1) as compliance_pct,
        p.parks_count
    from clusters as c
    inner join parks as p using (year)
)

select * from final
order by year
