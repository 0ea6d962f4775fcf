-- cluster_samples: every measurement of one site with the limit in force, for its drill-down chart.
-- $site_id: the site.
-- grain: one row per measurement.
--   value                 measured value (parameter unit)
--   min_value, max_value  the limit in force on the date (parameter unit)
--   exceeds               outside the limits (true/false)
with

final as (
    select
        k.sampled_on,
        k.year,
        k.parameter,
        l.parameter_vi,
        k.unit,
        k.value,
        k.min_value,
        k.max_value,
        k.exceeds,
        k.standard
    from sample_checks as k
    left join (select distinct standard, parameter, parameter_vi from wastewater_limits) as l
        on l.standard = k.standard and l.parameter = k.parameter
    where k.site_id = $site_id
)

select * from final
order by parameter, sampled_on
