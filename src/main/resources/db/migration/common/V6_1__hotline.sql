-- Hotline: every message of every call, sent or received; a call's state is the fold of its messages.
create table hotline_call (
    call_id     varchar(120) primary key,
    partner     varchar(2)   not null,
    opened_at   timestamp    not null
);

create table hotline_message (
    id           varchar(120) primary key,
    call_id      varchar(120) not null,
    message_type varchar(40)  not null,
    sender       varchar(2)   not null,
    direction    varchar(8)   not null,
    sent_at      timestamp    not null,
    recorded_at  timestamp    not null,
    object       text         not null
);

create index hotline_message_call on hotline_message (call_id);

-- Alarms of scheduled tests (a test call not sent, or not answered in time): raised once per slot.
create table hotline_alarm (
    schedule    varchar(80)  not null,
    slot        timestamp    not null,
    reason      varchar(20)  not null,
    at_fault    varchar(2)   not null,
    raised_at   timestamp    not null,
    primary key (schedule, slot)
);
