-- largest_communes: communes by their number of active enterprises in the last year, largest first;
-- the benchmark filters on them (the heaviest one-commune and five-commune views).
-- $year: the year. grain: one row per commune with enterprises.
with

final as (
    select commune_code, sum(enterprises_count) as enterprises_count
    from enterprise_year
    where year = $year
    group by commune_code
)

select * from final
order by enterprises_count desc, commune_code
