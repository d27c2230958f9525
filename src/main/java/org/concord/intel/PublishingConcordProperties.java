package org.concord.intel;

import java.util.List;

import org.concord.intel.stix.Tlp;
import org.concord.party.ConcordProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores the extension-definition of Concord's property extension ({@link ConcordProperties}: a
 * node identity's {@code party}, an object's {@code source_reliability}) in the {@code intel}
 * collection at start, TLP:CLEAR, with its author, so that any STIX tool reading an export learns
 * what the extension is. Like the workflow's definitions, the objects are the same on every node
 * (fixed ids, author and {@code created}), so a restart or a partner's copy changes nothing. The
 * author is the one identity that authors every Concord extension-definition; the workflow
 * publishes the same object ({@link ExtensionAuthor}), and storing it twice is {@code UNCHANGED}.
 */
@Component
class PublishingConcordProperties {

    private static final Logger log = LoggerFactory.getLogger(PublishingConcordProperties.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The author of Concord's extension-definitions, the same on every node. */
    static final String AUTHOR_ID = ExtensionAuthor.ID;
    /** When the property extension was defined; fixed, so every node holds the same version. */
    static final String PROPERTIES_DEFINED = "2026-12-02T00:00:00.000Z";

    private final IntelStore intel;

    PublishingConcordProperties(IntelStore intel) {
        this.intel = intel;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publish() {
        intel.store(Collection.INTEL, List.of(author(), definition()), new Origin.Local("concord")).stream()
                .filter(o -> !o.succeeded()).forEach(o -> log.warn("extension definition not stored: {}", o));
    }

    static ObjectNode author() {
        return ExtensionAuthor.identity();
    }

    static ObjectNode definition() {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "extension-definition");
        o.put("spec_version", "2.1");
        o.put("id", ConcordProperties.EXTENSION_ID);
        o.put("created", PROPERTIES_DEFINED);
        o.put("modified", PROPERTIES_DEFINED);
        o.put("created_by_ref", AUTHOR_ID);
        o.put("name", "Concord properties");
        o.put("description", "Concord's properties on standard STIX objects: 'party', the ISO 3166 code of the state a node's "
                + "identity speaks for; 'source_reliability', the reliability of an object's source on the Admiralty scale "
                + "(A completely reliable to E unreliable, F cannot be judged), beside STIX's confidence. See docs/stix-hygiene.md.");
        o.put("schema", "docs/extensions/concord-properties.json (JSON Schema 2020-12) in the Concord source");
        o.put("version", "1.0.0");
        o.putArray("extension_types").add("property-extension");
        o.putArray("object_marking_refs").add(Tlp.CLEAR.markingDefinitionId());
        return o;
    }
}
