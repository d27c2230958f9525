-- Issue 14: the rules each partner last said it applied to a notice it sent us, beside ours for the
-- pair; the desk shows an alarm while they differ, and it clears when a later notice's rules agree.
create table deconfliction_rules_seen (
    partner      varchar(2)   not null primary key,
    notice_id    varchar(128) not null,
    theirs       text         not null,
    ours         text         not null,
    differ       boolean      not null,
    seen_at      timestamp with time zone not null
);
