-- What the sharing policy's rules 1 to 4 look at, in one indexed column: the object's effective TLP
-- level (or '-' when unmarked) and the partner it came from (or '-' when made on this node), e.g.
-- 'GREEN:-' or 'AMBER:IR'. A partner's page is read as one ordered index range per kind the policy
-- admits for it (intel.stix.SharingPolicy.Admission), so withheld rows are never read at all.
-- The column is written with every row (intel.persistence.IntelTable.insert); existing rows get it here.
alter table intel_object add column share_class varchar(24);
update intel_object set share_class = coalesce(tlp, '-') || ':' || coalesce(source_party, '-');
alter table intel_object alter column share_class set not null;
create index intel_object_shared on intel_object (collection, share_class, is_current, date_added, seq);
