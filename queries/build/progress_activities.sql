-- progress_activities: the Decision 6069 targets that count activities, computed from promotion_activities
-- (completed activities of the 2026–2030 programme) and added to programme_progress:
--   businesses_at_international_fairs      businesses reached by international exhibitions (businesses)
--   establishments_digital_transformation  establishments helped with digital transformation (establishments)
--   giftshow_editions                      Hanoi Giftshow editions held (editions)
--   official_training_courses              training courses for officials (courses)
--   officials_trained                      officials trained (officials)
-- grain: one row per (indicator, year) with at least one completed activity.
insert into programme_progress
with

done as (
    select year, kind, beneficiaries
    from promotion_activities
    where programme = 'industrial_promotion_2026_2030'
        and status = 'completed'
),

final as (
    select 'businesses_at_international_fairs' as indicator, year, sum(beneficiaries)::double as value,
        'businesses' as unit
    from done
    where kind = 'international_exhibition'
    group by year
    union all
    select 'establishments_digital_transformation', year, sum(beneficiaries)::double, 'establishments'
    from done
    where kind = 'digital_transformation'
    group by year
    union all
    select 'giftshow_editions', year, count(*)::double, 'editions'
    from done
    where kind = 'giftshow'
    group by year
    union all
    select 'official_training_courses', year, count(*)::double, 'courses'
    from done
    where kind = 'training'
    group by year
    union all
    select 'officials_trained', year, sum(beneficiaries)::double, 'officials'
    from done
    where kind = 'training'
    group by year
)

select indicator, year, value, unit, $source as source, $source_vi as source_vi, $is_demo as is_demo
from final
order by indicator, year
