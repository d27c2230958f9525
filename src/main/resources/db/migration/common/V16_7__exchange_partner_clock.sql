-- What the partner probe last read of each partner's clock (exchange.PartnerClock): how far it stood from this node's
-- (positive: the partner's ahead), within how much, and when it was read. Null until a partner's answer stated a time.
alter table exchange_partner_link add column clock_offset_ms bigint;
alter table exchange_partner_link add column clock_error_ms bigint;
alter table exchange_partner_link add column clock_read_at timestamp with time zone;
