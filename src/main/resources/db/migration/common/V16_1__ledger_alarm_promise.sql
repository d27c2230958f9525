-- The evidence of a BROKEN_PROMISE alarm: the receipt the partner signed promising to record a message in its log by a
-- deadline, kept here exactly as the partner signed it (the other evidence columns hold signed checkpoints).
alter table ledger_alarm add column promise text;
