package org.concord.deconfliction.internal;

import java.util.List;

import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.ObjectOutcome;
import org.concord.intel.Origin;
import org.concord.party.NodeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * At start, stores this node's {@code extension-definition}s of the notice and protected-site
 * types in its intel collection, marked TLP:CLEAR, so that a partner (or any STIX tool) reading the
 * collection learns what the custom objects are. Their ids and content are fixed per node, so a
 * restart stores nothing new.
 */
@Component
class PublishingDeconflictionExtensionDefinitions {

    private static final Logger log = LoggerFactory.getLogger(PublishingDeconflictionExtensionDefinitions.class);

    private final IntelStore intel;
    private final NodeIdentity identity;

    PublishingDeconflictionExtensionDefinitions(IntelStore intel, NodeIdentity identity) {
        this.intel = intel;
        this.identity = identity;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publish() {
        // Issue 10: the definitions' ids became UUIDv4-shaped; those under the old name-based ids are
        // removed (audited), so that an export carries one definition per type and no UUIDv3 id.
        for (String legacy : StixMapping.legacyExtensionIds(identity.stixIdentityId())) {
            if (intel.delete(Collection.INTEL, legacy, List.of(), "node:deconfliction") > 0) {
                log.info("removed the extension definition {} superseded in issue 10", legacy);
            }
        }
        List<JsonNode> definitions = List.copyOf(StixMapping.extensionDefinitions(identity.stixIdentityId()));
        for (ObjectOutcome outcome : intel.store(Collection.INTEL, definitions, new Origin.Local("node:deconfliction"))) {
            if (!outcome.succeeded()) {
                log.error("extension definition {} refused: {}", outcome.id(), outcome.message());
            }
        }
    }
}
