package org.concord.intel.stix;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The TLP level that governs a whole object: the most restrictive TLP marking among its object
 * markings ({@code object_marking_refs}) and its granular markings.
 *
 * <p>Granular markings: a granular marking that marks a selector with a TLP level makes the
 * whole object at least that restrictive. We do not redact the selected property for a partner
 * that may not see it, because (1) many selected properties are required ({@code name},
 * {@code pattern}, {@code source_ref}), so the redacted object would fail the partner's schema
 * validation or change meaning; (2) the granular marking itself still names the selector, so
 * the partner would learn that something was hidden and where. Most restrictive wins is the
 * only rule that cannot leak. Non-TLP markings (statements, copyright) do not restrict sharing.
 */
final class Markings {

    private Markings() {
    }

    /** The most restrictive TLP level marking the object or any part of it; empty if none. */
    static Optional<Tlp> effectiveTlp(JsonNode object) {
        Tlp most = null;
        for (JsonNode ref : object.path("object_marking_refs")) {
            most = stricter(most, ref);
        }
        for (JsonNode granular : object.path("granular_markings")) {
            most = stricter(most, granular.path("marking_ref"));
        }
        return Optional.ofNullable(most);
    }

    private static Tlp stricter(Tlp most, JsonNode ref) {
        Tlp tlp = ref.isString() ? Tlp.byMarkingRef().get(ref.stringValue()) : null;
        if (tlp == null) {
            return most;
        }
        return most == null || tlp.isMoreRestrictiveThan(most) ? tlp : most;
    }
}
