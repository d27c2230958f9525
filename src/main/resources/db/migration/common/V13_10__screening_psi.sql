-- Screening: private set intersection sessions with a partner (docs/screening.md, "Private set intersection").
-- No names and no blinded values of this node's list are kept: only the session, its set sizes and this
-- node's own entries that matched. screening_psi_seen keeps a few of the partner's singly-blinded values
-- per session, so that a partner that reuses its secret key (or replays a set) is refused.
create table screening_psi_session (
    id                varchar(36)  not null primary key,
    partner           varchar(16)  not null,
    our_role          varchar(10)  not null,
    state             varchar(12)  not null,
    list_source       varchar(60),
    own_set_size      integer,
    partner_set_size  integer,
    matched_entries   integer,
    requested_by      varchar(120) not null,
    accepted_by       varchar(120),
    requested_at      timestamp    not null,
    accepted_at       timestamp,
    completed_at      timestamp,
    failure           varchar(400)
);

create index screening_psi_session_partner on screening_psi_session (partner, requested_at);

create table screening_psi_match (
    session_id  varchar(36)   not null,
    reference   varchar(60)   not null,
    name        varchar(2000) not null,
    keys_matched varchar(40)  not null,
    primary key (session_id, reference)
);

create table screening_psi_seen (
    partner     varchar(16)  not null,
    value_hash  varchar(64)  not null,
    session_id  varchar(36)  not null,
    primary key (partner, value_hash)
);
