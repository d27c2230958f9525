-- The object markings as given (object_marking_refs, space separated), beside the effective TLP
-- level, so that markings other than TLP (statements, copyright) can be found too.
alter table intel_object add column marking_refs text;
