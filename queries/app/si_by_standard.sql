-- si_by_standard: active supporting-industry enterprises holding a valid certificate of each standard.
-- $year: the year; $communes: commune codes to keep (empty list: the whole city); $sector: a code or null.
-- grain: one row per standard with at least one holder.
--   si_holders_count  enterprises holding a valid certificate of the standard on 31 December (enterprises;
--                     an enterprise holding several standards counts under each)
with

filtered as (
    select standard, si_holders_count
    from certification_year
    where year = $year
        and (len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null)
        and ($sector::varchar is null or sector = $sector::varchar)
),

final as (
    select standard, sum(si_holders_count)::bigint as si_holders_count
    from filtered
    group by standard
)

select * from final
order by si_holders_count desc, standard
