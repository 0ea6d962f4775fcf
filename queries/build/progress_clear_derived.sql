-- progress_clear_derived: remove the indicators that progress_derived computes, so that the derived
-- tables can be rebuilt (after an import) without duplicating them.
delete from programme_progress
where indicator in ('si_enterprises', 'si_international_standard_share', 'wastewater_compliance_rate')
