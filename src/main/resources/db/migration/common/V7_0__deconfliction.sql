-- Operation notices this node sent or received, each kept whole as the STIX object that carried it,
-- with the columns needed to find them: who notified whom, what, where (GeoJSON) and when.
create table deconfliction_notice (
    id               varchar(128) not null primary key,
    stix_id          varchar(200) not null,
    version          varchar(40)  not null,
    notifying_party  varchar(2)   not null,
    partner          varchar(2)   not null,
    direction        varchar(10)  not null,
    operation_type   varchar(32)  not null,
    window_start     timestamp with time zone not null,
    window_end       timestamp with time zone not null,
    footprint        text         not null,
    stix_object      text         not null,
    evaluation       text         not null,
    accepted         boolean      not null,
    recorded_at      timestamp with time zone not null
);
create index deconfliction_notice_window on deconfliction_notice (window_end);

-- Protected sites declared by this node or by a partner.
create table deconfliction_site (
    id               varchar(128) not null primary key,
    stix_id          varchar(200) not null,
    name             varchar(200) not null,
    kind             varchar(32)  not null,
    declared_by      varchar(2)   not null,
    area             text         not null,
    stix_object      text         not null,
    recorded_at      timestamp with time zone not null
);

-- Conflicts flagged: a notice overlapping, in area and time, a notice or a site of the other party.
create table deconfliction_conflict (
    notice_id        varchar(128) not null,
    kind             varchar(20)  not null,
    other_ref        varchar(200) not null,
    other_party      varchar(2)   not null,
    detail           varchar(64)  not null,
    during_start     timestamp with time zone,
    during_end       timestamp with time zone,
    overlap          text         not null,
    detected_at      timestamp with time zone not null,
    primary key (notice_id, kind, other_ref)
);
