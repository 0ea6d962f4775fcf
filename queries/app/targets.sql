-- targets: every programme target with its source (the rows of target_list, built with the database from
-- programme_targets).
-- $lang: en or vi; source: the citation in that language (source_vi in Vietnamese where given, else source).
-- grain: one row per target.
with

final as (
    select
        target_id, programme, decision, period_start, period_end, indicator, description_en,
        target_low, target_high, comparison, unit, target_year,
        case when $lang = 'vi' then coalesce(nullif(source_vi, ''), source) else source end as source
    from target_list
)

-- no order by: the rows keep target_list's order (programme, indicator, target_year, target_id); DuckDB keeps a table's row order through where and select
select * from final
