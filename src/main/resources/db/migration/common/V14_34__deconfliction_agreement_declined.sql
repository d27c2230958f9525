-- Issue 14: a proposal the other side's administrator declined (signed, over the same bytes, as a refusal):
-- set once, at the decliner when it declines and at the proposer when the refusal arrives; it clears the alarm.
alter table deconfliction_agreement add column declined_at timestamp with time zone;
