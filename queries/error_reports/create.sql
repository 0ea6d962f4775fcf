-- create: the readers' error reports and the log of their statuses (SQLite, beside the live database).
create table if not exists reports (
    id integer primary key autoincrement,
    created_at text not null,
    page text not null,
    filters text not null,
    about text not null,
    record_id text,
    dataset text,
    what text not null,
    right_value text,
    source text,
    contact text,
    client text not null,
    status text not null default 'new',
    corrected_by text,
    why text
);

create table if not exists status_log (
    report_id integer not null references reports (id),
    at text not null,
    who text not null,
    old_status text,
    new_status text not null,
    note text
);

create index if not exists reports_client on reports (client, created_at);
