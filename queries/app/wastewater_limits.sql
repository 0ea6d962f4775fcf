-- wastewater_limits: the published limit values of the standards the plants apply, as stored.
-- grain: one row per (standard, parameter, valid_from).
with

final as (
    select standard, regulation, column_class, parameter, parameter_vi, min_value, max_value, unit, valid_from
    from wastewater_limits
)

select * from final
order by standard, parameter, valid_from
