-- Requests for action: every message of every case, sent or received, applied or refused.
-- A case's state is never stored: it is the fold of its messages (RequestCases.fold).
create table request_case (
    case_id     varchar(120) primary key,
    partner     varchar(2)   not null,
    tlp         varchar(20)  not null,
    opened_at   timestamp    not null
);

create table request_message (
    id           varchar(120) primary key,
    case_id      varchar(120) not null,
    message_type varchar(40)  not null,
    sender       varchar(2)   not null,
    direction    varchar(8)   not null,
    sent_at      timestamp    not null,
    recorded_at  timestamp    not null,
    object       text         not null
);

create index request_message_case on request_message (case_id);
