-- Incidents: every message of every incident, sent or received; an incident's state is the fold of its messages.
create table incident (
    incident_id varchar(120) primary key,
    partner     varchar(2)   not null,
    opened_at   timestamp    not null
);

create table incident_message (
    id           varchar(120) primary key,
    incident_id  varchar(120) not null,
    message_type varchar(40)  not null,
    sender       varchar(2)   not null,
    direction    varchar(8)   not null,
    sent_at      timestamp    not null,
    recorded_at  timestamp    not null,
    object       text         not null
);

create index incident_message_incident on incident_message (incident_id);
