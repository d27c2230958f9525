-- The partner's answer to a flagged conflict (acknowledge, or object with a reason), one per conflict,
-- kept whole as the STIX object that carried it. The conflict id is derived from the conflict's notice,
-- kind and other reference (both nodes derive the same), so an answer survives the conflicts of a
-- notice being flagged again.
create table deconfliction_conflict_answer (
    conflict_id      varchar(80)  not null primary key,
    notice_id        varchar(128) not null,
    answered_by      varchar(2)   not null,
    verdict          varchar(16)  not null,
    reason           varchar(2000),
    answered_at      timestamp with time zone not null,
    direction        varchar(10)  not null,
    stix_id          varchar(200) not null,
    stix_object      text         not null,
    recorded_at      timestamp with time zone not null
);

-- Alarms raised by the deconfliction deadlines, once each: a conflict unanswered past its deadline,
-- an unplanned event not sent in time, a received unplanned event unacknowledged past the FLASH deadline.
create table deconfliction_alarm (
    subject          varchar(20)  not null,
    subject_id       varchar(128) not null,
    reason           varchar(64)  not null,
    due_at           timestamp with time zone not null,
    raised_at        timestamp with time zone not null,
    detail           varchar(500) not null,
    primary key (subject, subject_id, reason)
);

-- Unplanned events: the outbox position of the report (sent ones), and the acknowledgement (received ones).
alter table deconfliction_event add column outbox_seq bigint;
alter table deconfliction_event add column acknowledged_at timestamp with time zone;
alter table deconfliction_event add column acknowledged_by varchar(200);
