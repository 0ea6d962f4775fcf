-- activities_list: every promotion activity of $year, for the whole city or chosen communes, with where it
-- went and to whom (the rows of activity_list, built with the database).
-- $year: the year; $communes: commune codes (empty list: every activity, city-wide events included).
-- grain: one row per activity.
--   budget_state_million_vnd, budget_counterpart_million_vnd  funds (million VND)
--   beneficiaries  what it reached (establishments, businesses or officials, by kind)
with

final as (
    select *
    from activity_list
    where year = $year
        and (len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null)
)

-- no order by: the rows keep activity_list's order (kind, activity_id); DuckDB keeps a table's row order through where and select
select * from final
