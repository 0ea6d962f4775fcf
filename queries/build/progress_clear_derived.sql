-- progress_clear_derived: remove the indicators that progress_derived and progress_activities compute, so that
-- the derived tables can be rebuilt (after an import) without duplicating them. The activity indicators are
-- only removed when there are activities of Decision 6069 to compute them from (otherwise imported values stay).
delete from programme_progress
where indicator in ('si_enterprises', 'si_international_standard_share', 'wastewater_compliance_rate')
    or (
        indicator in ('businesses_at_international_fairs', 'establishments_digital_transformation',
                      'giftshow_editions', 'official_training_courses', 'officials_trained')
        and exists (select 1 from promotion_activities where programme = 'industrial_promotion_2026_2030')
    )
