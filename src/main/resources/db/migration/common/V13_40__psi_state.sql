-- Screening: the requester's state of a private set intersection between the responder's messages
-- (docs/screening.md, "A session" and "Surviving a restart"), so that a restart of the requesting node
-- does not lose a session. Deleted when the session completes, fails or expires.
--
-- sealed_key is the session's secret scalar encrypted with AES-256-GCM (the session id as associated
-- data) under a key derived from this node's Ed25519 signing key, never written in plaintext; it is set to
-- null as soon as the last chunk of this node's own blinded set has been served, the last use of the
-- scalar. order_seed orders this node's keys as they were sent; keys_digest is the SHA-256 of the keys, so
-- that a list changed by an import in the meantime fails the session instead of mismatching.
create table screening_psi_state (
    session_id        varchar(36) not null primary key,
    list_source       varchar(60) not null,
    sealed_key        bytea,
    order_seed        bytea       not null,
    keys_digest       bytea       not null,
    own_count         integer     not null,
    own_chunk_size    integer     not null,
    own_chunks        integer     not null,
    partner_count     integer     not null,
    partner_chunks    integer     not null,
    received_chunks   integer     not null,
    received_values   integer     not null,
    served_chunks     integer     not null,
    reblinded_chunks  integer     not null,
    expires_at        timestamp   not null
);

-- The pieces of that state that arrive chunk by chunk: part 'doubly' holds the partner's values doubly
-- blinded (16 bytes of each point's abscissa, enough to compare), part 'matched' the positions (4 bytes
-- each) of this node's keys found among them.
create table screening_psi_state_chunk (
    session_id  varchar(36) not null,
    part        varchar(12) not null,
    chunk       integer     not null,
    data        bytea       not null,
    primary key (session_id, part, chunk)
);
