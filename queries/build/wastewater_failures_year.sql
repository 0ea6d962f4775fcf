-- wastewater_failures_year: for every year, the operating clusters with a plant that were not compliant, and
-- why: the parameters outside the limits (worst measurement of each), or no sample at all (the Wastewater
-- page's failures table, app/wastewater_failures, reads it).
-- grain: one row per (year, cluster, parameter outside the limits); one row with an empty parameter for a
-- cluster that was not sampled in the year.
--   worst_value          the measurement furthest outside the limit in the year (parameter unit)
--   min_value, max_value the limit in force (parameter unit)
--   ratio_to_limit       worst_value / max_value (times the limit; empty for a value below a minimum)
--   exceedances_count    measurements of the parameter outside the limits in the year (measurements)
--   samples_count        measurements of the parameter in the year (measurements)
--   last_compliant_year  the latest earlier year in which the cluster was compliant (year; empty if never)
--   capacity_m3_per_day  design capacity of the plant (m³/day)
create or replace table wastewater_failures_year as
with

failing as (
    select year, site_id, commune_code, status
    from site_year
    where kind = 'cluster'
        and status in ('not_compliant', 'no_data')
),

parameter_checks as (
    select
        k.year,
        k.site_id,
        k.parameter,
        any_value(k.unit) as unit,
        any_value(k.min_value) as min_value,
        any_value(k.max_value) as max_value,
        count(*) filter (where k.exceeds)::integer as exceedances_count,
        count(*)::integer as samples_count,
        arg_max(k.value, greatest(coalesce(k.value / nullif(k.max_value, 0), 0),
                                  coalesce(k.min_value / nullif(k.value, 0), 0))) filter (where k.exceeds)
            as worst_value
    from sample_checks as k
    inner join failing as f on f.site_id = k.site_id and f.year = k.year
    group by k.year, k.site_id, k.parameter
    having count(*) filter (where k.exceeds) > 0
),

last_compliant as (
    select f.year, f.site_id, max(sy.year) as last_compliant_year
    from failing as f
    inner join site_year as sy on sy.site_id = f.site_id and sy.compliant and sy.year < f.year
    group by f.year, f.site_id
),

final as (
    select
        f.year,
        f.site_id,
        s.name_vi,
        s.name_en,
        f.commune_code,
        c.full_name_vi as commune_name_vi,
        f.status,
        p.parameter,
        l.parameter_vi,
        p.unit,
        p.worst_value,
        p.min_value,
        p.max_value,
        round(p.worst_value / nullif(p.max_value, 0), 2) as ratio_to_limit,
        p.exceedances_count,
        p.samples_count,
        lc.last_compliant_year,
        w.capacity_m3_per_day,
        w.standard
    from failing as f
    inner join sites as s on s.site_id = f.site_id
    inner join communes as c on c.code = f.commune_code
    left join wastewater_plants as w on w.site_id = f.site_id
    left join parameter_checks as p on p.site_id = f.site_id and p.year = f.year
    left join last_compliant as lc on lc.site_id = f.site_id and lc.year = f.year
    left join (select distinct standard, parameter, parameter_vi from wastewater_limits) as l
        on l.standard = w.standard and l.parameter = p.parameter
)

select * from final
order by year, name_vi collate vi, ratio_to_limit desc nulls last, parameter
