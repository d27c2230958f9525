-- intel_object_ref (V15_10) for the rows already held: one row per id of their refs column.
-- Rows written by the oldest versions list fewer ids in refs than rule 5 names today (only the relationship,
-- sighting and container properties): for them the reference index is short too, which only lets SQL return a row
-- that the Java decision, run on every row SQL returns, then withholds.
insert into intel_object_ref (id, collection, version_key, ref)
select distinct id, collection, version_key, ref
from (select id, collection, version_key, unnest(string_to_array(refs, ' ')) as ref from intel_object where refs is not null) r
where ref <> '';
