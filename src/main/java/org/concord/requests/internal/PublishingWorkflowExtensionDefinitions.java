package org.concord.requests.internal;

import java.util.List;

import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.ObjectOutcome;
import org.concord.intel.Origin;
import org.concord.intel.stix.Tlp;
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

    static final String AUTHOR_ID = "identity--0f5e8c3a-6b2d-4e19-9c47-5a1d3e7b2c10";
    static final String CREATED = "2026-11-01T00:00:00.000Z";
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
        ObjectNode o = RequestStix.JSON.createObjectNode();
        o.put("type", "identity");
        o.put("spec_version", "2.1");
        o.put("id", AUTHOR_ID);
        o.put("created", CREATED);
        o.put("modified", CREATED);
        o.put("name", "Concord (the cooperation workflow's extension definitions)");
        o.put("identity_class", "system");
        o.putArray("object_marking_refs").add(Tlp.CLEAR.markingDefinitionId());
        return o;
    }

    static ObjectNode requestMessageDefinition() {
        ObjectNode o = RequestStix.JSON.createObjectNode();
        o.put("type", "extension-definition");
        o.put("spec_version", "2.1");
        o.put("id", RequestStix.EXTENSION_ID);
        o.put("created", CREATED);
        o.put("modified", CREATED);
        o.put("created_by_ref", AUTHOR_ID);
        o.put("name", "Concord request-for-action message");
        o.put("description", "A message about a request for action between two states' Concord nodes: "
                + "request, acknowledge, accept, decline, counter_propose, amend, progress_update, close, escalate. "
                + "A case is the fold of its messages; see docs/workflow.md.");
        o.put("schema", "docs/extensions/x-concord-request-message.json (JSON Schema 2020-12) in the Concord source");
        o.put("version", "1.0.0");
        o.putArray("extension_types").add("new-sdo");
        o.putArray("object_marking_refs").add(Tlp.CLEAR.markingDefinitionId());
        return o;
    }
}
