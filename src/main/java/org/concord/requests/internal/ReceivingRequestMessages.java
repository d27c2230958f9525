package org.concord.requests.internal;

import java.time.Clock;
import java.util.Optional;

import org.concord.audit.AuditLog;
import org.concord.intel.InboxReceived;
import org.concord.intel.IntelStore;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.requests.RequestMessage;
import org.concord.workflow.MessageStix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * Receiving a partner's message about a request for action: store it (applied or refused by the
 * fold, it is in the ledger either way) and nothing else; the case is re-folded whenever it is read.
 * Idempotent on the message id, so a re-delivery or a replayed event changes nothing.
 *
 * <p>Only the party the message came from may be its sender: a message whose {@code sender} is not
 * the partner that delivered it is not stored. A message whose envelope cannot be read cannot be
 * placed in any case and is not stored either (it stays in the inbox, as delivered).
 */
@Service
public class ReceivingRequestMessages {

    private static final Logger log = LoggerFactory.getLogger(ReceivingRequestMessages.class);
    private final RequestMessageTable table;
    private final IntelStore intel;
    private final Clock clock;
    private final AuditLog audit;

    ReceivingRequestMessages(RequestMessageTable table, IntelStore intel, Clock clock, AuditLog audit) {
        this.table = table;
        this.intel = intel;
        this.clock = clock;
        this.audit = audit;
    }

    @ApplicationModuleListener
    void on(InboxReceived event) {
        if (!RequestStix.TYPE.equals(event.type())) {
            return;
        }
        Optional<String> json = intel.inboxObject(event.id(), event.version());
        if (json.isEmpty()) {
            log.warn("inbox object {} version {} announced but not found", event.id(), event.version());
            return;
        }
        receive(event.from(), RequestStix.JSON.readTree(json.get()));
    }

    /**
     * Stores a message {@code from} a partner.
     *
     * @return whether it was new
     */
    @Transactional
    public boolean receive(PartyCode from, JsonNode object) {
        RequestMessage message;
        try {
            message = RequestStix.fromStix(object);
        } catch (MessageStix.Malformed e) {
            log.warn("request message {} from {} not stored: {}", object.path("id").asString(""), from, e.getMessage());
            return false;
        }
        if (!message.sender().equals(from)) {
            log.warn("request message {} delivered by {} claims sender {}: not stored", message.id(), from, message.sender());
            return false;
        }
        Tlp tlp = Tlp.of(object).orElse(Tlp.GREEN);
        table.addCase(message.caseId().value(), from, tlp, message.sentAt());
        table.lockCase(message.caseId().value());
        boolean added = table.addMessage(message, "RECEIVED", clock.instant(), object);
        if (added) {
            audit.record(from.value(), "requests.received", message.id().value(),
                    RequestStix.messageType(message) + " in case " + message.caseId());
        }
        return added;
    }
}
