-- The sharing settings an ADMIN set at run time (PUT /api/intel/sharing), which win over concord.sharing
-- in the configuration file until an ADMIN puts the configuration back (DELETE /api/intel/sharing:
-- settings becomes null). One row, id 1; changed_at is when the settings in force last changed, so a
-- restarted node still checks again the messages queued before it.
create table intel_sharing_settings (
    id          integer       primary key,
    settings    text,
    changed_by  varchar(200)  not null,
    changed_at  timestamp with time zone not null
);
