-- Spring Modulith's event publication log (schema v2): an event handed to a listener in another
-- module is recorded in the publishing transaction and marked complete when the listener is done,
-- so no event is lost to a crash.
create table event_publication (
    id                     uuid         not null primary key,
    listener_id            text         not null,
    event_type             text         not null,
    serialized_event       text         not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
