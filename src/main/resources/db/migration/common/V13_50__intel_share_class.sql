-- What the sharing policy's rules 1 to 4 look at, in one indexed column (intel.stix.SharingPolicy.Admission):
-- '*' for the nine standard TLP marking definitions, which every partner may read; otherwise the object's
-- effective TLP level ('-' when unmarked) and the partner it came from ('-' when made on this node), e.g.
-- 'GREEN:-' or 'AMBER:IR'. A partner's page is read as one ordered index range per class the policy admits
-- for it, so rows it withholds are never read at all, however many there are.
-- The column is written with every row (intel.persistence.IntelTable.insert); existing rows get it here.
alter table intel_object add column share_class varchar(24);
update intel_object set share_class = coalesce(tlp, '-') || ':' || coalesce(source_party, '-');
update intel_object set share_class = '*' where id in (
    'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
    'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
    'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
    'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
    'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed');
alter table intel_object alter column share_class set not null;
create index intel_object_shared on intel_object (collection, share_class, is_current, date_added, seq);
