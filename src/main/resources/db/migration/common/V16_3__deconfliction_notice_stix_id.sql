-- The inbox looks a partner's notice up by its STIX id as well as its notice id, to refuse one that takes the id of
-- a notice this node sent (NoticeInboxCheck): by an index, not a scan of every notice, on each notice delivered.
create index deconfliction_notice_stix_id on deconfliction_notice (stix_id);
