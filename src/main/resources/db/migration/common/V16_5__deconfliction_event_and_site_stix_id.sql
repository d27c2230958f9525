-- The inbox's gate (DeconflictionInboxCheck) looks a partner's unplanned event and protected site up by STIX id as well
-- as by id (the primary key), to refuse one that takes the id of an event or a site this node holds from another party:
-- by an index, not a scan of every event or site, on each one delivered.
create index deconfliction_event_stix_id on deconfliction_event (stix_id);
create index deconfliction_site_stix_id on deconfliction_site (stix_id);
