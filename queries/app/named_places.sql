-- named_places: the real clusters, parks and craft villages by name, with the commune each is in, for reading an
-- address that names one ("CCN Phú Nghĩa, Chương Mỹ"); demonstration records are not places, and a record placed only
-- within its district or the city (location_precision) does not place an address.
-- grain: one row per named site or village.
with

named_sites as (
    select name_vi, commune_code, 'site' as kind
    from sites
    where not is_demo and commune_code is not null
        and coalesce(location_precision, 'commune') not in ('district', 'city')
),

named_villages as (
    select name_vi, commune_code, 'village' as kind
    from craft_villages
    where not is_demo and commune_code is not null
        and coalesce(location_precision, 'commune') not in ('district', 'city')
),

final as (
    select * from named_sites
    union all
    select * from named_villages
)

select * from final
order by name_vi collate vi, commune_code
