-- log: one change of a report's status, with who and when.
insert into status_log (report_id, at, who, old_status, new_status, note)
values ($report_id, $at, $who, $old_status, $new_status, $note)
