-- si_by_size: supporting-industry enterprises and their certified share by enterprise size, in a year.
-- $year: the year; $communes: commune codes (empty list: the whole city); $sector: a code or null.
-- grain: one row per size class with at least one active supporting-industry enterprise.
--   si_enterprises_count, si_certified_count (enterprises); si_certified_pct (percent, 0–100)
with

filtered as (
    select size, si_enterprises_count, si_certified_count
    from enterprise_year
    where year = $year
        and (len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null)
        and ($sector::varchar is null or sector = $sector::varchar)
),

final as (
    select
        size,
        sum(si_enterprises_count)::bigint as si_enterprises_count,
        sum(si_certified_count)::bigint as si_certified_count,
        round(100.0 * sum(si_certified_count) / sum(si_enterprises_count), 1) as si_certified_pct
    from filtered
    group by size
    having sum(si_enterprises_count) > 0
)

select * from final
order by case size when 'micro' then 1 when 'small' then 2 when 'medium' then 3 else 4 end
