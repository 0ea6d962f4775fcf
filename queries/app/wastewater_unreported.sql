-- wastewater_unreported: operating clusters with neither a measurement nor a report in the year: not sampled, and no
-- Biểu số 02 from their infrastructure investor for the year (or its first six months).
-- $year: the year; $communes: commune codes to keep (empty list: the whole city).
-- grain: one row per cluster, in the order of map_sites_year (names in Vietnamese order).
--   has_plant   served by a central treatment plant commissioned in or before the year
with

reported as (
    select distinct site_id
    from reported_figures
    where year = $year and site_id is not null
),

final as (
    select
        m.site_id,
        m.name_vi,
        m.name_en,
        m.commune_name_vi,
        m.commune_name_en,
        sy.has_plant
    from map_sites_year as m
    inner join site_year as sy on sy.site_id = m.site_id and sy.year = m.year
    where m.year = $year
        and sy.kind = 'cluster'
        and sy.counted
        and not sy.sampled
        and m.site_id not in (select site_id from reported)
        and (len($communes::varchar[]) = 0 or list_position($communes::varchar[], m.commune_code) is not null)
)

select * from final
