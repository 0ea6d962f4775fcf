-- communes: the 126 commune-level units for filters and labels (no geometry).
-- grain: one row per commune.
with

final as (
    select code, name_vi, name_en, full_name_vi, kind, name_folded, area_km2, lon, lat
    from communes
)

select * from final
order by code
