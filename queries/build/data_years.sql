-- data_years: the span of years an imported dataset covers, when its files do not state it: from the first to the
-- last year with a wastewater sample, a certificate issued or a report form's period (its last day: 14 December of
-- the year, 14 June of its first half), never after the current year.
-- grain: one row. first_year, last_year: year; data_date: date (last sample or certificate).
with

dates as (
    select sampled_on as on_date from wastewater_samples
    union all
    select issued_on from certifications
    union all
    select make_date(year, case period when 'half' then 6 else 12 end, 14) from reported_figures
),

final as (
    select
        coalesce(min(year(on_date)), year(current_date) - 1) as first_year,
        least(coalesce(max(year(on_date)), year(current_date) - 1), year(current_date)) as last_year,
        coalesce(max(on_date), make_date(cast(year(current_date) - 1 as integer), 12, 31)) as data_date
    from dates
)

select * from final
