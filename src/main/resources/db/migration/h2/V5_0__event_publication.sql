-- Spring Modulith's event publication log (schema v2): an event handed to a listener in another
-- module is recorded in the publishing transaction and marked complete when the listener is done,
-- so no event is lost to a crash. H2 cannot compare large objects, hence a long VARCHAR here.
create table event_publication (
    id                     uuid          not null primary key,
    listener_id            varchar(512)  not null,
    event_type             varchar(512)  not null,
    serialized_event       varchar(1000000) not null,
    publication_date       timestamp(9) with time zone not null,
    completion_date        timestamp(9) with time zone,
    status                 varchar(20),
    completion_attempts    int,
    last_resubmission_date timestamp(9) with time zone
);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
