-- Issue 14: the rules each notice a partner sent us said it applied, beside ours for the pair, one row
-- per version received (only inserted, so notices received side by side never contend for a row); the
-- desk shows an alarm while a partner's latest differs, and it clears when a later notice's rules agree.
create table deconfliction_rules_seen (
    partner      varchar(2)   not null,
    notice_id    varchar(128) not null,
    version      varchar(40)  not null,
    theirs       text         not null,
    ours         text         not null,
    differ       boolean      not null,
    seen_at      timestamp with time zone not null,
    primary key (partner, notice_id, version)
);
create index deconfliction_rules_seen_latest on deconfliction_rules_seen (partner, seen_at);
