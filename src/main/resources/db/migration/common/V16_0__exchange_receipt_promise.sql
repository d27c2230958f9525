-- The delivered messages whose receipt is still a promise (the partner accepted them before its next signed
-- checkpoint), one row each until ReceiptCompletion keeps the completed receipt. The completion reads this
-- table, not the outbox: it found its work by a text search of every delivered message's receipt, a cost that
-- grew with everything ever sent (about 0.5 s a run at 40k delivered messages, every 30 s).
create table exchange_receipt_promise (
    seq     bigint     not null primary key references exchange_outbox (seq),
    partner varchar(2) not null
);
create index exchange_receipt_promise_partner on exchange_receipt_promise (partner, seq);

insert into exchange_receipt_promise (seq, partner)
    select seq, partner from exchange_outbox
    where delivered_at is not null and receipt is not null and receipt like '%"promise"%';
