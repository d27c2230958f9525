-- Issue 14: the notice rules a pair signed. One row per agreement, proposed by either side; signer_signature
-- and signed_at are set once, when the second party signs (at the signer's node when it signs, at the
-- proposer's when the signature arrives). The pair's newest signed agreement is the one in force.
create table deconfliction_agreement (
    id                 varchar(100) not null primary key,
    partner            varchar(2)   not null,
    version            integer      not null,
    proposed_by        varchar(2)   not null,
    proposed_at        timestamp with time zone not null,
    terms              text         not null,
    proposal           text         not null,
    signer_signature   varchar(200),
    signed_at          timestamp with time zone,
    recorded_at        timestamp with time zone not null,
    constraint deconfliction_agreement_one_per_version unique (partner, proposed_by, version)
);
