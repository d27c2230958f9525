-- One table pair for every workflow type (requests, hotline calls, incidents, commitments), keyed by
-- the case type: the engine (org.concord.workflow) stores, locks and folds every case the same way.
-- A case's state is never stored: it is the fold of its messages (Cases.fold).
create table workflow_case (
    case_id     varchar(120) primary key,
    case_type   varchar(20)  not null,
    partner     varchar(2)   not null,
    tlp         varchar(20)  not null,
    opened_at   timestamp    not null
);

create index workflow_case_type on workflow_case (case_type, opened_at);

create table workflow_message (
    id           varchar(120) primary key,
    case_id      varchar(120) not null,
    case_type    varchar(20)  not null,
    message_type varchar(40)  not null,
    sender       varchar(2)   not null,
    direction    varchar(8)   not null,
    sent_at      timestamp    not null,
    recorded_at  timestamp    not null,
    object       text         not null
);

create index workflow_message_case on workflow_message (case_id);

-- The rows of the four tables pairs this replaces, as they were: hotline, incident and commitment
-- messages were always marked TLP:AMBER.
insert into workflow_case (case_id, case_type, partner, tlp, opened_at)
    select case_id, 'request', partner, tlp, opened_at from request_case;
insert into workflow_message (id, case_id, case_type, message_type, sender, direction, sent_at, recorded_at, object)
    select id, case_id, 'request', message_type, sender, direction, sent_at, recorded_at, object from request_message;

insert into workflow_case (case_id, case_type, partner, tlp, opened_at)
    select call_id, 'call', partner, 'AMBER', opened_at from hotline_call;
insert into workflow_message (id, case_id, case_type, message_type, sender, direction, sent_at, recorded_at, object)
    select id, call_id, 'call', message_type, sender, direction, sent_at, recorded_at, object from hotline_message;

insert into workflow_case (case_id, case_type, partner, tlp, opened_at)
    select incident_id, 'incident', partner, 'AMBER', opened_at from incident;
insert into workflow_message (id, case_id, case_type, message_type, sender, direction, sent_at, recorded_at, object)
    select id, incident_id, 'incident', message_type, sender, direction, sent_at, recorded_at, object from incident_message;

insert into workflow_case (case_id, case_type, partner, tlp, opened_at)
    select commitment_id, 'commitment', partner, 'AMBER', opened_at from commitment;
insert into workflow_message (id, case_id, case_type, message_type, sender, direction, sent_at, recorded_at, object)
    select id, commitment_id, 'commitment', message_type, sender, direction, sent_at, recorded_at, object from commitment_message;

drop table request_message;
drop table request_case;
drop table hotline_message;
drop table hotline_call;
drop table incident_message;
drop table incident;
drop table commitment_message;
drop table commitment;
