-- create_tables: the database's base tables (the contract every page, import and test relies on).
-- Meanings and units of every column: industry/schema.py (rendered in README.md, "Data model").
create table communes (
    code varchar primary key,
    name_vi varchar not null,
    name_en varchar not null,
    full_name_vi varchar not null,
    kind varchar not null check (kind in ('phường', 'xã')),
    area_km2 double,
    lon double not null,
    lat double not null,
    name_folded varchar not null,
    geometry varchar not null,
    geometry_simplified varchar not null
);

create table commune_predecessors (
    code varchar not null references communes (code),
    old_code varchar not null,
    old_name varchar not null,
    old_district_code varchar,
    old_district varchar,
    is_partial boolean not null,
    merge_note varchar,
    old_name_folded varchar not null,
    old_district_folded varchar
);

create table sectors (
    sector varchar primary key,
    name_en varchar not null,
    name_vi varchar not null,
    priority boolean not null
);

create table sites (
    site_id varchar primary key,
    kind varchar not null check (kind in ('cluster', 'industrial_park', 'high_tech_park')),
    name_vi varchar not null,
    name_en varchar not null,
    commune_code varchar not null references communes (code),
    lon double not null,
    lat double not null,
    area_ha double check (area_ha > 0),
    status varchar check (status in ('operating', 'under_construction', 'planned')),
    opened_year integer,
    craft_village_cluster boolean,
    established boolean,
    note varchar,
    location_precision varchar not null check (location_precision in ('commune', 'district', 'city')),
    imputed varchar,
    is_demo boolean not null,
    source varchar not null
);

create table wastewater_limits (
    standard varchar not null,
    regulation varchar not null,
    column_class varchar not null,
    parameter varchar not null,
    parameter_vi varchar not null,
    min_value double,
    max_value double,
    unit varchar,
    valid_from date not null,
    primary key (standard, parameter, valid_from)
);

create table wastewater_plants (
    site_id varchar primary key references sites (site_id),
    capacity_m3_per_day double check (capacity_m3_per_day > 0),
    commissioned_year integer not null,
    standard varchar not null,
    is_demo boolean not null
);

create table wastewater_samples (
    site_id varchar not null references sites (site_id),
    sampled_on date not null,
    parameter varchar not null,
    value double,
    unit varchar,
    qualifier varchar check (qualifier in ('below', 'not_detected')),
    is_demo boolean not null,
    check (value is not null or qualifier = 'not_detected')
);

create table craft_villages (
    village_id varchar primary key,
    name_vi varchar not null,
    name_en varchar not null,
    craft varchar not null,
    craft_vi varchar,
    commune_code varchar not null references communes (code),
    lon double not null,
    lat double not null,
    recognised boolean,
    recognised_year integer,
    households integer check (households >= 0),
    workers integer check (workers >= 0),
    note varchar,
    location_precision varchar not null check (location_precision in ('commune', 'district', 'city')),
    imputed varchar,
    is_demo boolean not null,
    source varchar not null
);

create table enterprises (
    enterprise_id bigint primary key,
    name varchar not null,
    commune_code varchar not null,
    site_id varchar,
    sector varchar not null,
    supporting_industry boolean not null,
    employees integer check (employees >= 0),
    size varchar not null check (size in ('micro', 'small', 'medium', 'large')),
    founded_year integer not null,
    closed_year integer,
    is_demo boolean not null
);

create table certifications (
    enterprise_id bigint not null,
    standard varchar not null,
    issued_on date not null,
    expires_on date,
    is_demo boolean not null
);

create table programme_targets (
    target_id varchar primary key,
    programme varchar not null,
    decision varchar,
    period_start integer,
    period_end integer,
    indicator varchar not null,
    description_en varchar not null,
    target_low double not null,
    target_high double not null,
    comparison varchar not null check (comparison in ('at_least', 'more_than', 'below')),
    unit varchar not null,
    target_year integer,
    source varchar not null,
    source_vi varchar
);

create table programme_progress (
    indicator varchar not null,
    year integer not null,
    value double not null,
    unit varchar not null,
    source varchar not null,
    source_vi varchar,
    is_demo boolean not null,
    primary key (indicator, year)
);

create table reported_figures (
    site_id varchar references sites (site_id),
    year integer not null,
    period varchar not null check (period in ('year', 'half')),
    indicator varchar not null,
    label_vi varchar not null,
    value double,
    unit varchar,
    form varchar not null,
    reported_by varchar,
    is_demo boolean not null,
    source varchar not null
);

create table promotion_activities (
    activity_id varchar primary key,
    programme varchar not null,
    year integer not null,
    kind varchar not null check (kind in ('demonstration_model', 'machinery_technology', 'cleaner_production',
        'digital_transformation', 'trade_fair', 'international_exhibition', 'giftshow', 'training', 'product_design')),
    title_vi varchar not null,
    title_en varchar not null,
    commune_code varchar references communes (code),
    enterprise_id bigint,
    village_id varchar references craft_villages (village_id),
    budget_state_million_vnd double check (budget_state_million_vnd >= 0),
    budget_counterpart_million_vnd double check (budget_counterpart_million_vnd >= 0),
    beneficiaries integer check (beneficiaries >= 0),
    status varchar not null check (status in ('planned', 'in_progress', 'completed', 'cancelled')),
    is_demo boolean not null,
    source varchar not null
);

create table record_sources (
    table_name varchar not null,
    record_id varchar not null,
    file varchar,
    sheet varchar,
    "row" integer,
    imported_by varchar,
    imported_at varchar,
    reported_by varchar,
    period varchar,
    primary key (table_name, record_id)
);

create table dataset_info (
    key varchar primary key,
    value varchar
);
