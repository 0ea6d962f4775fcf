-- sample_checks: every wastewater measurement judged against the limit of its plant's standard in force
-- on the sampling date (an as-of join on valid_from). The one definition of "within the limits" that
-- site_year and the Wastewater page both read.
-- grain: one row per measurement (as wastewater_samples).
--   exceeds         true when value > max_value or value < min_value (limits inclusive); false when the
--                   standard sets no limit for the parameter or the site has no plant (not judged).
--                   A result below the method's detection limit (qualifier 'below', value = that limit) or
--                   not detected ('not_detected', no value) is within a maximum; it is below a minimum
--                   when its detection limit is at or under it (nothing detected: under any positive minimum)
--   ratio_to_limit  value / max_value (times the limit; empty without a maximum or for a qualified result)
create or replace table sample_checks as
with

samples_with_standard as (
    select s.site_id, s.sampled_on, s.parameter, s.value, s.unit, s.qualifier, p.standard
    from wastewater_samples as s
    left join wastewater_plants as p using (site_id)
),

judged as (
    select
        s.site_id,
        s.sampled_on,
        year(s.sampled_on)::integer as year,
        s.parameter,
        s.value,
        s.unit,
        s.qualifier,
        s.standard,
        l.min_value,
        l.max_value,
        l.max_value is not null or l.min_value is not null as judged,
        case
            when s.qualifier = 'not_detected' then coalesce(l.min_value > 0, false)
            when s.qualifier = 'below' then coalesce(s.value <= l.min_value, false)
            else coalesce(s.value > l.max_value, false) or coalesce(s.value < l.min_value, false)
        end as exceeds,
        case when s.qualifier is null then round(s.value / nullif(l.max_value, 0), 2) end as ratio_to_limit
    from samples_with_standard as s
    asof left join wastewater_limits as l
        on s.standard = l.standard
        and s.parameter = l.parameter
        and s.sampled_on >= l.valid_from
),

final as (
    select * from judged
)

select * from final
order by site_id, sampled_on, parameter
