-- Operations (issue 9): an administrator acknowledges a ledger alarm once people have looked at it;
-- until then it keeps the ledger health at ALARM and counts in concord.ledger.alarms. The alarm
-- and its evidence stay; the acknowledgement says who, when and why.
alter table ledger_alarm add column acknowledged_at timestamp with time zone;
alter table ledger_alarm add column acknowledged_by varchar(200);
alter table ledger_alarm add column acknowledgement text;

-- When a partner's checkpoint was last checked and found good (grown or unchanged), for the
-- witness lag: a partner whose log is idle is still witnessed.
alter table ledger_witness add column checked_at timestamp with time zone;
