-- communes: the 126 communes a return workbook goes out to, with the names it is addressed by.
-- grain: one row per commune.
with

final as (
    select code, name_vi, full_name_vi, kind
    from communes
)

select * from final
order by code
