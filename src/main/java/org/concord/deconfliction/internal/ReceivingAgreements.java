package org.concord.deconfliction.internal;

import java.util.Optional;

import org.concord.intel.InboxReceived;
import org.concord.intel.IntelStore;
import org.springframework.context.ApplicationEventPublisher;
import org.concord.intel.InboxTaker;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * A partner's agreement proposal or signature, taken from the inbox once stored there (its
 * signature was checked at the gate, {@link AgreementInboxCheck}); idempotent on the id, since
 * Spring Modulith delivers {@link InboxReceived} at least once.
 */
@Component
class ReceivingAgreements implements InboxTaker {

    private final IntelStore intel;
    private final SigningAgreements agreements;
    private final ApplicationEventPublisher events;

    ReceivingAgreements(IntelStore intel, SigningAgreements agreements, ApplicationEventPublisher events) {
        this.intel = intel;
        this.agreements = agreements;
        this.events = events;
    }

    /** The STIX types this listener takes: a partner's proposal of rules and its signature of ours. */
    public static boolean takes(String type) {
        return SigningAgreements.TYPE.equals(type) || SigningAgreements.SIGNATURE_TYPE.equals(type);
    }

    /** The hand-over asks: only its own types are given to it ({@link org.concord.intel.InboxHandOver}). */
    @Override
    public boolean wants(String type) {
        return takes(type);
    }

    /**
     * A hand-over recorded by a node before deliveries were handed over whole (one publication per message and
     * listener, under this method's listener id): still in the log after an upgrade, it is resubmitted to this
     * method. Nothing publishes {@code InboxReceived} on its own any more.
     */
    @org.springframework.modulith.events.ApplicationModuleListener
    void on(InboxReceived event) {
        take(event);
    }

    /** One message handed over from the inbox (idempotent: it may be handed over again). */
    @Override
    public void take(InboxReceived event) {
        boolean proposal = SigningAgreements.TYPE.equals(event.type());
        if (!takes(event.type())) {
            return;
        }
        Optional<JsonNode> announced = intel.announced(event);
        if (announced.isEmpty()) {
            return;
        }
        JsonNode object = announced.get();
        if (proposal) {
            agreements.received(event.from(), object);
        } else {
            agreements.receivedSignature(event.from(), object);
        }
        // a signal for live pages (the desk's alarms)
        events.publishEvent(new org.concord.workflow.CaseChanged("agreement", event.id(), event.type(),
                org.concord.workflow.Workflow.RECEIVED));
    }
}
