-- The parties this node pairs with. A partner is pinned by the SHA-256 fingerprint of its TLS
-- certificate (hex, lower case, no separators) and signs with one Ed25519 key (raw, base64).
create table party_partner (
    code                     varchar(2)    not null primary key,
    name                     varchar(200)  not null,
    url                      varchar(2048) not null,
    certificate_pem          text          not null,
    certificate_fingerprint  varchar(64)   not null unique,
    signing_key              varchar(64)   not null,
    stix_identity            text          not null,
    paired_at                timestamp with time zone not null,
    paired_by                varchar(200)  not null
);

-- People who log in. Passwords are Argon2id hashes in Spring Security's {id} format.
create table party_user (
    username      varchar(64)  not null primary key,
    password_hash varchar(255) not null,
    enabled       boolean      not null,
    created_at    timestamp with time zone not null,
    created_by    varchar(200) not null
);

create table party_user_role (
    username varchar(64) not null references party_user (username) on delete cascade,
    role     varchar(16) not null,
    primary key (username, role)
);

-- Bearer tokens for scripts. Only the SHA-256 of a token is kept; the token itself is shown once.
create table party_api_token (
    token_hash  varchar(64)  not null primary key,
    username    varchar(64)  not null references party_user (username) on delete cascade,
    label       varchar(100) not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null
);
create index party_api_token_expiry on party_api_token (expires_at);
