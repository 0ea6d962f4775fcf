-- si_expiring: certificates of active supporting-industry enterprises that expire in the 12 months after
-- 31 December of the year and were not renewed by then: whom to call before they lapse.
-- $year: the year; $communes: commune codes (empty list: the whole city); $sector: a code or null;
-- $today: the reader's date (certificates that expired before it are counted apart); $limit: the most rows to return.
-- Read from certificate_expiry, built with the database.
-- grain: one row per expiring certificate.
--   expires_on    expiry date (date)
--   total_count   certificates in the list before the limit (certificates)
--   lapsed_count  of those, certificates already expired before $today (certificates)
with

listed as (
    select enterprise_id, name, commune_code, sector, employees, standard, issued_on, expires_on
    from certificate_expiry
    where year = $year
        and (len($communes::varchar[]) = 0 or list_position($communes::varchar[], commune_code) is not null)
        and ($sector::varchar is null or sector = $sector::varchar)
),

total as (
    -- counted apart from the list: a count over the window would keep every row only to count them
    select
        count(*) as total_count,
        count(*) filter (where expires_on < $today::date) as lapsed_count
    from listed
),

top as (
    select * from listed
    order by expires_on, name collate vi, enterprise_id, standard
    limit $limit
),

final as (
    select
        t.enterprise_id,
        t.name,
        t.commune_code,
        m.full_name_vi as commune_name_vi,
        t.sector,
        t.employees,
        t.standard,
        t.issued_on,
        t.expires_on,
        total.total_count,
        total.lapsed_count
    from top as t
    inner join communes as m on m.code = t.commune_code
    cross join total
)

select * from final
order by expires_on, name collate vi, enterprise_id, standard
