-- sectors: the 13 priority supporting-industry sectors of Decision 6126/QĐ-UBND, then `other`.
-- grain: one row per sector.
with

final as (
    select sector, name_en, name_vi, priority
    from sectors
)

select * from final
order by priority desc, sector
