-- Issue 10: a notice can be revised (a new version of its STIX object, evaluated again) and withdrawn (a
-- revoked version). The current version stays in deconfliction_notice; every version, the first included,
-- is kept in deconfliction_notice_version with its evaluation, so both nodes can show the history.
alter table deconfliction_notice add column revision integer default 1 not null;
alter table deconfliction_notice add column withdrawn_at timestamp with time zone;

create table deconfliction_notice_version (
    notice_id        varchar(128) not null,
    version          varchar(40)  not null,
    revision         integer      not null,
    change_kind      varchar(16)  not null,
    reason           varchar(2000),
    stix_object      text         not null,
    evaluation       text         not null,
    accepted         boolean      not null,
    recorded_at      timestamp with time zone not null,
    primary key (notice_id, version)
);
insert into deconfliction_notice_version (notice_id, version, revision, change_kind, reason, stix_object, evaluation,
                                          accepted, recorded_at)
    select id, version, 1, 'ISSUED', null, stix_object, evaluation, accepted, recorded_at from deconfliction_notice;

-- A conflict is flagged against one revision of its notice: a revision that still overlaps the same site or
-- operation is a new conflict, to be answered again (its id names the revision from the second one on).
alter table deconfliction_conflict add column notice_revision integer default 1 not null;

