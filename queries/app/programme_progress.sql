-- programme_progress: what has been achieved for each indicator, by year, with its source.
-- $lang: en or vi; source: in that language (source_vi in Vietnamese where given, else source).
-- grain: one row per (indicator, year); value in the indicator's unit (see programme_targets.unit).
with

final as (
    select
        indicator, year, value, unit,
        case when $lang = 'vi' then coalesce(nullif(source_vi, ''), source) else source end as source,
        is_demo
    from programme_progress
)

select * from final
order by indicator, year
