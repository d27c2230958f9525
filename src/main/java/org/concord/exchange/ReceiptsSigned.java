package org.concord.exchange;

import java.util.List;

import org.concord.party.PartyCode;

/**
 * This node accepted messages from {@code partner} at its inbox and signed a receipt for each.
 * Published by the TAXII inbox after the receipts are issued (they are issued once the messages
 * are committed, so a page that read the case when the message was announced still showed no
 * receipt), for whoever shows receipt marks live: the web console's case and hotline pages,
 * through the workflow's {@code CaseChanged}. A signal, not a record: the ledger holds the truth.
 *
 * @param partner the partner that sent them
 * @param objectIds the STIX ids of the messages receipted
 */
public record ReceiptsSigned(PartyCode partner, List<String> objectIds) {

    public ReceiptsSigned {
        objectIds = List.copyOf(objectIds);
    }
}
