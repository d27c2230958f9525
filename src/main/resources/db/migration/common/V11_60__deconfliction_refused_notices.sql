-- Issue 10: a notice refused on sovereignty grounds is kept (never sent), so that its offer can be taken up in
-- one step: "ask instead" opens a request for action to the partner from it. The notice is kept whole as the
-- STIX object it would have been, with the refusal answered to the officer; once asked, the request's case id
-- and the STIX location made for it are recorded, and the notice cannot be asked about twice.
create table deconfliction_refused_notice (
    id               varchar(128) not null primary key,
    partner          varchar(2)   not null,
    stix_object      text         not null,
    evaluation       text         not null,
    refused_at       timestamp with time zone not null,
    refused_by       varchar(200) not null,
    request_case     varchar(200),
    location_id      varchar(200),
    asked_at         timestamp with time zone,
    asked_by         varchar(200)
);
