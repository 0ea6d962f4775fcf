-- activities_by_year: promotion activities by year and kind, for the whole city or chosen communes.
-- $communes: commune codes (empty list: the whole city, city-wide events included; otherwise only the
-- activities delivered in those communes).
-- grain: one row per (year, kind) with at least one activity that was not cancelled.
--   activities_count     activities (activities)
--   state_million_vnd    state industrial-promotion funds (million VND)
--   counterpart_million_vnd  counterpart funds (million VND)
--   beneficiaries        what the activities reached (establishments, businesses or officials, by kind)
with

scoped as (
    select year, kind, budget_state_million_vnd, budget_counterpart_million_vnd, beneficiaries
    from promotion_activities
    where status <> 'cancelled'
        and (len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null)
),

final as (
    select
        year,
        kind,
        count(*)::integer as activities_count,
        coalesce(sum(budget_state_million_vnd), 0) as state_million_vnd,
        coalesce(sum(budget_counterpart_million_vnd), 0) as counterpart_million_vnd,
        coalesce(sum(beneficiaries), 0)::bigint as beneficiaries
    from scoped
    group by year, kind
)

select * from final
order by year, kind
