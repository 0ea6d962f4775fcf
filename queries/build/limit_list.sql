-- limit_list: the published limit values of the standards, in the order the Wastewater page lists them
-- (standard, parameter, date in force), so that app/wastewater_limits reads it without sorting.
-- grain: one row per (standard, parameter, valid_from); the columns of wastewater_limits.
create or replace table limit_list as
with

final as (
    select standard, regulation, column_class, parameter, parameter_vi, min_value, max_value, unit, valid_from
    from wastewater_limits
)

select * from final
order by standard, parameter, valid_from
