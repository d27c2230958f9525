-- Unplanned events (accidental or unexplained launches, incursions) this node reported or received,
-- each kept whole as the STIX object that carried it, with its track as GeoJSON.
create table deconfliction_event (
    id               varchar(128) not null primary key,
    stix_id          varchar(200) not null,
    version          varchar(40)  not null,
    reported_by      varchar(2)   not null,
    partner          varchar(2)   not null,
    direction        varchar(10)  not null,
    kind             varchar(32)  not null,
    observed_at      timestamp with time zone not null,
    track            text         not null,
    crosses_border   boolean      not null,
    from_border_km   double precision not null,
    stix_object      text         not null,
    recorded_at      timestamp with time zone not null
);
create index deconfliction_event_observed on deconfliction_event (observed_at);
