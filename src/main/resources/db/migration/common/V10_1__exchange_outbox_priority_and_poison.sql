-- Issue 9, defects 2, 4 and 10: the channel to a partner keeps moving.
--
-- Each queued message has a priority (0 ROUTINE, 1 PRIORITY, 2 FLASH: higher goes first), the case
-- it belongs to (a workflow message's case, otherwise its own object id: messages of one case never
-- overtake each other), its size in bytes (batches are sized to the partner's max_content_length),
-- and, when it can never be delivered, the time and reason it was set aside as poison.
alter table exchange_outbox add column priority smallint default 0 not null;
alter table exchange_outbox add column case_key varchar(200);
alter table exchange_outbox add column size_bytes bigint;
alter table exchange_outbox add column poisoned_at timestamp with time zone;
alter table exchange_outbox add column poison_reason varchar(2000);
-- A poisoned message is an alarm until a person acknowledges it (ADMIN or LIAISON).
alter table exchange_outbox add column poison_acknowledged_at timestamp with time zone;
alter table exchange_outbox add column poison_acknowledged_by varchar(200);
update exchange_outbox set case_key = object_id, size_bytes = octet_length(object);
create index exchange_outbox_pending on exchange_outbox (partner, delivered_at, poisoned_at, seq);

-- One row per case and partner, locked (updated) by every enqueue of the case until its transaction
-- commits: a later message of a case takes its seq only after the earlier one is committed, so seq
-- order within a case is commit order.
create table exchange_outbox_case (
    partner   varchar(2)   not null,
    case_key  varchar(200) not null,
    messages  bigint       not null,
    primary key (partner, case_key)
);

-- The link to each partner as the sender sees it: the partner's advertised max_content_length
-- (cached, refreshed on failure and periodically), whether it answered the last contact, the
-- consecutive delivery failures behind the backoff, and the batch size after a 413 split.
create table exchange_partner_link (
    partner             varchar(2)    not null primary key,
    max_content_length  bigint,
    limit_checked_at    timestamp with time zone,
    reachable           boolean,
    last_contact_at     timestamp with time zone,
    last_checked_at     timestamp with time zone,
    last_error          varchar(1000),
    failures            integer       not null,
    last_failure_at     timestamp with time zone,
    batch_limit         integer
);
