-- Every message sent is in the ledger before it leaves (its leaf index), and the partner's signed
-- receipt is kept next to it: proof of delivery the partner cannot later deny.
alter table exchange_outbox add column ledger_index bigint;
alter table exchange_outbox add column receipt text;
