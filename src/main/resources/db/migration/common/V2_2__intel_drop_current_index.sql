-- Lookups by id go through the unique (collection, id, version_key) index and reads in order of
-- adding through the primary key; this index only slowed every insert down.
drop index intel_object_current;
