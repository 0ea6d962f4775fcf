-- craft_villages: a commune's craft villages as its return workbook shows them.
-- $commune: the commune's code. grain: one row per village.
with

final as (
    select village_id, name_vi, craft, households, workers, recognised_year
    from craft_villages
    where commune_code = $commune
)

select * from final
order by village_id
