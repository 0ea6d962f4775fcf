-- commune_points: a point inside each commune, where a record a commune adds is drawn until it is placed.
-- grain: one row per commune.
with

final as (
    select code, lon, lat
    from communes
)

select * from final
order by code
