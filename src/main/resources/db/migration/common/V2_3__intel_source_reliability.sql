-- The Admiralty grade of the source (A completely reliable ... F cannot be judged), from the
-- custom property x_concord_source_reliability, beside confidence (0-100), so both can be filtered on.
alter table intel_object add column source_reliability varchar(1);
