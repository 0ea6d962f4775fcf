-- set_status: a report's new status; the import that corrected it, or why it is not an error.
update reports
set status = $status,
    corrected_by = coalesce($corrected_by, corrected_by),
    why = case when $status = 'not_error' then $note else why end
where id = $id
