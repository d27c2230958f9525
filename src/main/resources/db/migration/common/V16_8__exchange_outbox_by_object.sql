-- How the delivery of one message stands (exchange.Outbox.latest: partner and object id, the latest queued version):
-- the case page asks it of every message this node sent, and the desk of each listed case's latest message. Without
-- an index it walked the partner's outbox from the newest row back, so a case page or the desk slowed down as the
-- outbox grew (10,000 queued: the desk 80 ms to 373 ms at p50 once it asked for the latest message's receipt).
create index exchange_outbox_object on exchange_outbox (object_id, partner, seq);
