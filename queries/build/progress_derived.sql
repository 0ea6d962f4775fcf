-- progress_derived: the indicators the dashboard computes from its own tables, added to
-- programme_progress so that the scorecard reads one table:
--   si_enterprises                   active supporting-industry enterprises on 31 Dec (enterprises)
--   si_international_standard_share  certified / active supporting-industry enterprises (percent)
--   wastewater_compliance_rate       compliant / counted operating clusters (percent)
insert into programme_progress
with

si as (
    select
        year,
        sum(si_enterprises_count) as si_enterprises,
        sum(si_certified_count) as si_certified
    from enterprise_year
    group by year
),

ww as (
    select
        year,
        count(*) filter (where counted) as counted,
        count(*) filter (where compliant) as compliant
    from site_year
    where kind = 'cluster'
    group by year
),

final as (
    select 'si_enterprises' as indicator, year, si_enterprises::double as value, 'enterprises' as unit
    from si
    union all
    select 'si_international_standard_share', year, round(100.0 * si_certified / nullif(si_enterprises, 0), 1), 'percent'
    from si
    where si_enterprises > 0
    union all
    select 'wastewater_compliance_rate', year, round(100.0 * compliant / nullif(counted, 0), 1), 'percent'
    from ww
    where counted > 0
)

select indicator, year, value, unit, $source as source, $source_vi as source_vi, $is_demo as is_demo
from final
order by indicator, year
