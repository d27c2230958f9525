-- The messages whose receipt stayed a promise: asked past the deadline and the grace, the partner answered without the
-- completed receipt (exchange.sync.ReceiptCompletion raises BROKEN_PROMISE and stops asking). One row each, kept, so that
-- an officer sees which messages the partner's log lost and may send each again, once: a new outbox row (resent_seq)
-- with the same message, through the same gate as any message.
create table exchange_broken_promise (
    seq        bigint                   not null primary key references exchange_outbox (seq),
    partner    varchar(2)               not null,
    broken_at  timestamp with time zone,
    answer     varchar(200)             not null,
    resent_seq bigint                   references exchange_outbox (seq),
    resent_at  timestamp with time zone,
    resent_by  varchar(200)
);
create index exchange_broken_promise_partner on exchange_broken_promise (partner, seq);

-- Promises broken before this table: delivered, still a promise in the outbox, and no longer asked for.
insert into exchange_broken_promise (seq, partner, broken_at, answer)
    select seq, partner, null, 'broken before this list was kept (see the BROKEN_PROMISE alarm)' from exchange_outbox o
    where o.delivered_at is not null and o.receipt is not null and o.receipt like '%"promise"%'
      and not exists (select 1 from exchange_receipt_promise p where p.seq = o.seq);
