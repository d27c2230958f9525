package org.concord.incidents.internal;

import java.util.List;

import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.Origin;
import org.concord.workflow.MessageStix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.node.ObjectNode;

/**
 * Stores the extension-definition of {@value IncidentStix#TYPE} in the {@code intel} collection at
 * start, TLP:CLEAR, identical on every node (fixed id, author and {@code created}); as the hotline's
 * {@code PublishingHotlineExtensionDefinition}, whose author identity the requests module's {@code PublishingWorkflowExtensionDefinitions} stores.
 */
@Component
class PublishingIncidentExtensionDefinition {

    private static final Logger log = LoggerFactory.getLogger(PublishingIncidentExtensionDefinition.class);
    private final IntelStore intel;

    PublishingIncidentExtensionDefinition(IntelStore intel) {
        this.intel = intel;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publish() {
        intel.store(Collection.INTEL, List.of(definition()), new Origin.Local("concord")).stream()
                .filter(o -> !o.succeeded()).forEach(o -> log.warn("extension definition not stored: {}", o));
    }

    static ObjectNode definition() {
        return MessageStix.extensionDefinition(IncidentStix.EXTENSION_ID, "Concord incident message",
                "A message about a cross-border incident between two states' Concord nodes: report (time, "
                + "place as GeoJSON, type, casualties, claims), answer a claim (CONFIRM, DISPUTE with evidence, UNKNOWN), "
                + "propose joint findings, sign them off. See docs/workflow.md.",
                "x-concord-incident-message.json");
    }
}
