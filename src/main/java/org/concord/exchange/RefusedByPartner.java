package org.concord.exchange;

import java.util.Map;

import org.concord.party.PartyCode;

/**
 * Messages of this node's outbox reached {@code partner}, whose inbox refused them before signing any
 * receipt (the TAXII status's {@code failures}): they never entered the partner's ledger, so they are
 * no part of what both sides hold. Published by the outbox's delivery after the rows are updated, for
 * the modules that keep the messages (a workflow case leaves a refused message out of its fold, as the
 * partner does). A signal, not a record: the outbox holds the truth ({@code refused_reason}).
 *
 * @param partner the partner that refused them
 * @param reasons the partner's reason, by the STIX id of each message refused
 */
public record RefusedByPartner(PartyCode partner, Map<String, String> reasons) {

    public RefusedByPartner {
        reasons = Map.copyOf(reasons);
    }
}
