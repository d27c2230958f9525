package org.concord.exchange;

import java.util.List;

import org.concord.party.PartyCode;

/**
 * Messages of this node's outbox reached {@code partner}, which accepted them with a receipt (or
 * completed a promised receipt later). Published by the outbox's delivery after the rows are
 * updated, for whoever shows delivery marks live (the web console's case and hotline pages, through
 * the workflow's {@code CaseChanged}). A signal, not a record: the outbox holds the truth.
 *
 * @param partner the partner that received them
 * @param objectIds the STIX ids of the messages delivered with a receipt
 */
public record Delivered(PartyCode partner, List<String> objectIds) {

    public Delivered {
        objectIds = List.copyOf(objectIds);
    }
}
