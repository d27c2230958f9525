-- A message this node sent that the partner's inbox refused before signing a receipt (its reason, as the partner gave it):
-- it never entered the partner's ledger, so the case's fold leaves it out here as the partner does, and the case's
-- timeline shows it refused. Null for every other message.
alter table workflow_message add column refused_by_partner varchar(2000);
