-- activity_years: the years the promotion activity records span, which may run past the other data (a
-- programme's activities are reported in its current year).
-- grain: one row. first_year, last_year: year (empty without any activity).
with

final as (
    select min(year) as first_year, max(year) as last_year
    from promotion_activities
)

select * from final
