-- The ids each version of an object refers to (the sharing policy's rule 5; intel.stix.SharingPolicy.References),
-- one row per id: the same ids as intel_object.refs (every *_ref and *_refs at any depth, the standard TLP marking
-- definitions left out), keyed by the version's own key, so that a partner's page can leave out in SQL every row
-- that refers to an object the partner may not know (a GREEN relationship to an AMBER object), instead of reading
-- and parsing each such row and its target in Java. Written with every row (intel.persistence.IntelTable.insert);
-- V15_11 fills it for rows already held.
create table intel_object_ref (
    id          varchar(200) not null,
    collection  varchar(16)  not null,
    version_key varchar(40)  not null,
    ref         varchar(200) not null,
    primary key (id, collection, version_key, ref)
);
