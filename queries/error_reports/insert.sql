-- insert: a reader's report, as typed.
insert into reports (created_at, page, filters, about, record_id, dataset, what, right_value, source, contact, client)
values ($created_at, $page, $filters, $about, $record_id, $dataset, $what, $right_value, $source, $contact, $client)
