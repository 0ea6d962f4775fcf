-- record_sources: where each record of a table came from (the file, sheet and row an import read it from, or the
-- commune whose return reported it), with the reporting commune's name.
-- $table: the table's name (sites, craft_villages, promotion_activities, …).
-- grain: one row per record with a known source.
with

reporters as (
    select code, full_name_vi
    from communes
),

final as (
    select
        record_sources.record_id,
        record_sources.file,
        record_sources.sheet,
        record_sources."row",
        record_sources.imported_by,
        record_sources.imported_at,
        record_sources.reported_by,
        record_sources.period,
        reporters.full_name_vi as reported_by_name
    from record_sources
    left join reporters on reporters.code = record_sources.reported_by
    where record_sources.table_name = $table
)

select * from final
order by record_id
