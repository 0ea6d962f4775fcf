-- load_enterprises: move generated enterprises from the staging relation into `enterprises`,
-- naming the synthetic ones so that nobody mistakes them for real companies.
insert into enterprises
select
    enterprise_id,
    'Doanh nghiệp minh hoạ ' || lpad(enterprise_id::varchar, 7, '0') as name,
    commune_code,
    site_id,
    sector,
    supporting_industry,
    employees,
    size,
    founded_year,
    closed_year,
    true as is_demo
from staged_enterprises
order by enterprise_id
