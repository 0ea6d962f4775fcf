-- years: the years the dashboard shows, from the first to the last data year (dataset_info's first_year and
-- last_year); the derived tables and the yearly series are built over it.
-- grain: one row per year.
create or replace table years as
with

final as (
    select unnest(range($first_year, $last_year + 1))::integer as year
)

select * from final
order by year
