-- Every write looks up the versions held of its batch's ids (id in (...), up to 500 at a time) and
-- retires their current versions. H2 takes an IN list to an index only on the index's first column:
-- with (collection, id, version_key) it walked every row of the collection for each batch, so that
-- ingest slowed down as the store grew (issue 13). With the id first, both databases go straight
-- to the ids; nothing filters on the collection alone through this index.
drop index intel_object_version;
create unique index intel_object_version on intel_object (id, collection, version_key);
