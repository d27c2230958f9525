package org.concord.incidents.internal;

import java.util.List;

import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.Origin;
import org.concord.intel.stix.Tlp;
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

    static final String AUTHOR_ID = "identity--0f5e8c3a-6b2d-4e19-9c47-5a1d3e7b2c10";
    static final String CREATED = "2026-11-01T00:00:00.000Z";
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
        ObjectNode o = IncidentStix.JSON.createObjectNode();
        o.put("type", "extension-definition");
        o.put("spec_version", "2.1");
        o.put("id", IncidentStix.EXTENSION_ID);
        o.put("created", CREATED);
        o.put("modified", CREATED);
        o.put("created_by_ref", AUTHOR_ID);
        o.put("name", "Concord incident message");
        o.put("description", "A message about a cross-border incident between two states' Concord nodes: report (time, "
                + "place as GeoJSON, type, casualties, claims), answer a claim (CONFIRM, DISPUTE with evidence, UNKNOWN), "
                + "propose joint findings, sign them off. See docs/workflow.md.");
        o.put("schema", "docs/extensions/x-concord-incident-message.json (JSON Schema 2020-12) in the Concord source");
        o.put("version", "1.0.0");
        o.putArray("extension_types").add("new-sdo");
        o.putArray("object_marking_refs").add(Tlp.CLEAR.markingDefinitionId());
        return o;
    }
}
