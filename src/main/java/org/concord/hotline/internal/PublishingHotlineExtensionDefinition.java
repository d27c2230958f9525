package org.concord.hotline.internal;

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
 * Stores the extension-definition of {@value HotlineStix#TYPE} in the {@code intel} collection at
 * start, TLP:CLEAR, identical on every node (fixed id, author and {@code created}); see the requests
 * module's {@code PublishingWorkflowExtensionDefinitions}, which also stores the author identity.
 */
@Component
class PublishingHotlineExtensionDefinition {

    private static final Logger log = LoggerFactory.getLogger(PublishingHotlineExtensionDefinition.class);
    private final IntelStore intel;

    PublishingHotlineExtensionDefinition(IntelStore intel) {
        this.intel = intel;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publish() {
        intel.store(Collection.INTEL, List.of(definition()), new Origin.Local("concord")).stream()
                .filter(o -> !o.succeeded()).forEach(o -> log.warn("extension definition not stored: {}", o));
    }

    static ObjectNode definition() {
        return MessageStix.extensionDefinition(HotlineStix.EXTENSION_ID, "Concord hotline message",
                "A hotline message between named officials of two states' Concord nodes: send (priority ROUTINE, "
                + "PRIORITY or FLASH; optionally the test call of a scheduled slot), acknowledge, escalate. See docs/workflow.md.",
                "x-concord-hotline-message.json");
    }
}
