-- Commitments: every message of every commitment, sent or received; a commitment's state is the fold of its messages.
create table commitment (
    commitment_id varchar(120) primary key,
    partner       varchar(2)   not null,
    opened_at     timestamp    not null
);

create table commitment_message (
    id            varchar(120) primary key,
    commitment_id varchar(120) not null,
    message_type  varchar(40)  not null,
    sender        varchar(2)   not null,
    direction     varchar(8)   not null,
    sent_at       timestamp    not null,
    recorded_at   timestamp    not null,
    object        text         not null
);

create index commitment_message_commitment on commitment_message (commitment_id);

-- Reminders before a due date: local notices, raised once each.
create table commitment_reminder (
    commitment_id varchar(120) not null,
    remind_at     timestamp    not null,
    before_due    varchar(40)  not null,
    raised_at     timestamp    not null,
    primary key (commitment_id, remind_at)
);
