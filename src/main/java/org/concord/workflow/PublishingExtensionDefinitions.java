package org.concord.workflow;

import java.util.ArrayList;
import java.util.List;

import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.ObjectOutcome;
import org.concord.intel.Origin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Stores the extension-definition of every workflow type (and the identity that authors them) in
 * this node's {@code intel} collection at start, marked TLP:CLEAR, so that any STIX tool reading the
 * collection learns what the custom objects in the inboxes are. The objects are the same, byte for
 * byte, on every Concord node (a fixed author, fixed ids, a fixed {@code created}): a partner that
 * pulls them holds the very version it already has, and a restart changes nothing.
 */
@Component
class PublishingExtensionDefinitions {

    private static final Logger log = LoggerFactory.getLogger(PublishingExtensionDefinitions.class);
    private final IntelStore intel;
    private final WorkflowTypes types;

    PublishingExtensionDefinitions(IntelStore intel, WorkflowTypes types) {
        this.intel = intel;
        this.types = types;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publish() {
        List<JsonNode> objects = new ArrayList<>();
        objects.add(MessageStix.author());
        types.all().forEach(t -> objects.add(t.extensionDefinition()));
        List<ObjectOutcome> outcomes = intel.store(Collection.INTEL, objects, new Origin.Local("concord"));
        outcomes.stream().filter(o -> !o.succeeded()).forEach(o -> log.warn("extension definition not stored: {}", o));
    }
}
