-- The weekly test call as set through the API (PUT /api/hotline/tests/schedule): one row per schedule.
-- active = false records a removal, so that a schedule from the configuration file does not come back.
create table hotline_test_schedule (
    name            varchar(80)  primary key,
    active          boolean      not null,
    slot_day        varchar(10),
    slot_time       varchar(8),
    slot_zone       varchar(64),
    tolerance       varchar(40),
    first_slot      timestamp,
    caller_party    varchar(2),
    caller_name     varchar(200),
    caller_post     varchar(200),
    answerer_party  varchar(2),
    answerer_name   varchar(200),
    answerer_post   varchar(200),
    set_by          varchar(200) not null,
    set_at          timestamp    not null
);
