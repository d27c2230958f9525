-- intel_object_ref (V15_10) for the rows already held: one row per id of their refs column.
insert into intel_object_ref (id, collection, version_key, ref)
select distinct id, collection, version_key, ref
from (select id, collection, version_key, unnest(string_to_array(refs, ' ')) as ref from intel_object where refs is not null) r
where ref <> '';
