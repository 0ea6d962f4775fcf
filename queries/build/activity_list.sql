-- activity_list: every promotion activity with where it went and to whom (its commune's, enterprise's and craft
-- village's names), joined once at build time so that the Activities page's list (app/activities_list) never
-- reads the enterprises.
-- grain: one row per activity.
--   budget_state_million_vnd, budget_counterpart_million_vnd  funds (million VND)
--   beneficiaries  what it reached (establishments, businesses or officials, by kind)
create or replace table activity_list as
with

final as (
    select
        a.activity_id,
        a.programme,
        a.year,
        a.kind,
        a.title_vi,
        a.title_en,
        a.commune_code,
        c.full_name_vi as commune_name_vi,
        e.name as enterprise_name,
        v.name_vi as village_name_vi,
        a.budget_state_million_vnd,
        a.budget_counterpart_million_vnd,
        a.beneficiaries,
        a.status,
        a.source
    from promotion_activities as a
    left join communes as c on c.code = a.commune_code
    left join enterprises as e on e.enterprise_id = a.enterprise_id
    left join craft_villages as v on v.village_id = a.village_id
)

select * from final
order by year, kind, activity_id
