package org.concord.requests.internal;

import java.util.List;

import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.ObjectOutcome;
import org.concord.intel.Origin;
import org.concord.workflow.MessageStix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.node.ObjectNode;

/**
 * Stores the extension-definition of {@value RequestStix#TYPE} (and the identity that authors it) in
 * this node's {@code intel} collection at start, marked TLP:CLEAR, so that any STIX tool reading the
 * collection learns what the custom objects in the inboxes are.
 *
 * <p>The objects are the same, byte for byte, on every Concord node: a fixed author (the Concord
 * project's identity, not the node's), fixed ids and a fixed {@code created}. So a partner that pulls
 * them holds the very version it already has ({@code UNCHANGED}), and a restart changes nothing.
 * A new version of the schema gets a new {@code modified} and {@code version}.
 */
@Component
class PublishingWorkflowExtensionDefinitions {

    private static final Logger log = LoggerFactory.getLogger(PublishingWorkflowExtensionDefinitions.class);

    private final IntelStore intel;

    PublishingWorkflowExtensionDefinitions(IntelStore intel) {
        this.intel = intel;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publish() {
        List<ObjectOutcome> outcomes = intel.store(Collection.INTEL, List.of(author(), requestMessageDefinition()),
                new Origin.Local("concord"));
        outcomes.stream().filter(o -> !o.succeeded())
                .forEach(o -> log.warn("extension definition not stored: {}", o));
    }

    static ObjectNode author() {
        return MessageStix.author();
    }

    static ObjectNode requestMessageDefinition() {
        return MessageStix.extensionDefinition(RequestStix.EXTENSION_ID, "Concord request-for-action message",
                "A message about a request for action between two states' Concord nodes: "
                + "request, acknowledge, accept, decline, counter_propose, amend, progress_update, close, escalate. "
                + "A case is the fold of its messages; see docs/workflow.md.",
                "x-concord-request-message.json");
    }
}
