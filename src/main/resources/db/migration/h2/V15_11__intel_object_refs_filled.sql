-- intel_object_ref (V15_10) for the rows already held: one row per id of their refs column, split at the spaces.
-- Rows written by the oldest versions list fewer ids in refs than rule 5 names today (only the relationship,
-- sighting and container properties): for them the reference index is short too, which only lets SQL return a row
-- that the Java decision, run on every row SQL returns, then withholds.
insert into intel_object_ref (id, collection, version_key, ref)
with recursive parts (id, collection, version_key, ref, rest) as (
    select id, collection, version_key, cast(null as varchar(200)), refs || ' ' from intel_object where refs is not null
    union all
    select id, collection, version_key, substring(rest, 1, position(' ', rest) - 1), substring(rest, position(' ', rest) + 1)
    from parts where rest <> ''
)
select distinct id, collection, version_key, ref from parts where ref is not null and ref <> '';
