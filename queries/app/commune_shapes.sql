-- commune_shapes: the simplified boundary of every commune, for maps (the same every year: pages keep it once
-- per data version, apart from the figures of map_communes, which change with the year).
-- grain: one row per commune (126).
--   geometry_simplified  the boundary simplified for maps, about 20 m tolerance (GeoJSON geometry, WGS 84)
with

final as (
    select code, geometry_simplified
    from communes
)

select * from final
order by code
