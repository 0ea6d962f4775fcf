-- villages_by_commune: craft villages by commune, ranked, with recognition, households and workers.
-- $year: the year (recognised in or before it).
-- grain: one row per commune with at least one craft village.
--   villages_count, recognised_count (villages); households (households); workers (people)
with

final as (
    select
        c.code as commune_code,
        c.full_name_vi,
        count(*)::integer as villages_count,
        count(*) filter (where v.recognised and v.recognised_year <= $year)::integer as recognised_count,
        coalesce(sum(v.households), 0)::bigint as households,
        coalesce(sum(v.workers), 0)::bigint as workers
    from craft_villages as v
    inner join communes as c on c.code = v.commune_code
    group by c.code, c.full_name_vi
)

select * from final
order by villages_count desc, recognised_count desc, commune_code
