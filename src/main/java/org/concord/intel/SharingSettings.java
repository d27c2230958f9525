package org.concord.intel;

import java.util.List;
import java.util.Map;

import org.concord.intel.stix.SharingPolicy;
import org.concord.party.PartyCode;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The node's sharing policy as configured under {@code concord.sharing}. Without any of it a node
 * shares TLP:CLEAR and TLP:GREEN with every partner and nothing else:
 *
 * <pre>
 * concord:
 *   sharing:
 *     amber: [IR]            # partners that may read TLP:AMBER
 *     unmarked: []           # partners that may read objects without a TLP marking
 *     re-share:              # objects received from the key may be passed on to the listed partners
 *       IR: [AF]
 *     accept-relayed:        # from the key partner, also accept objects created by these partners
 *       IR: [AF]             # (their identities) or STIX identity ids; never this node's own
 * </pre>
 *
 * {@code re-share} is what this node passes on; {@code accept-relayed} is what it accepts passed
 * on to it (see {@code intel.stix.TrustBoundary}).
 */
@ConfigurationProperties("concord.sharing")
public record SharingSettings(List<String> amber, List<String> unmarked, Map<String, List<String>> reShare,
        Map<String, List<String>> acceptRelayed) {

    public SharingSettings {
        amber = amber == null ? List.of() : List.copyOf(amber);
        unmarked = unmarked == null ? List.of() : List.copyOf(unmarked);
        reShare = reShare == null ? Map.of() : inOrder(reShare);
        acceptRelayed = acceptRelayed == null ? Map.of() : inOrder(acceptRelayed);
        for (Map.Entry<String, List<String>> entry : acceptRelayed.entrySet()) {
            PartyCode.of(entry.getKey());
            for (String value : entry.getValue()) {
                if (!value.startsWith("identity--")) {
                    PartyCode.of(value);
                }
            }
        }
    }

    /**
     * A copy in the order configured (the binder keeps concord.yml's), not {@code Map.copyOf}'s, which
     * changes with every JVM start: of two wrong entries the first as written is told of, in every process.
     */
    private static Map<String, List<String>> inOrder(Map<String, List<String>> map) {
        Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(java.util.Objects.requireNonNull(key), java.util.Objects.requireNonNull(value)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The identity ids whose objects this node accepts from {@code partner} besides the partner's
     * own: the partners named under {@code accept-relayed} (by their identity, when paired) and
     * identity ids named directly.
     */
    public java.util.Set<String> relayedBy(PartyCode partner, java.util.function.Function<PartyCode, java.util.Optional<String>> identityOf) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (String value : acceptRelayed.getOrDefault(partner.value(), List.of())) {
            if (value.startsWith("identity--")) {
                ids.add(value);
            } else {
                identityOf.apply(PartyCode.of(value)).ifPresent(ids::add);
            }
        }
        return ids;
    }

    public SharingPolicy policy() {
        SharingPolicy policy = SharingPolicy.defaults();
        for (String code : amber) {
            policy = policy.sharingAmberWith(PartyCode.of(code));
        }
        for (String code : unmarked) {
            policy = policy.sharingUnmarkedWith(PartyCode.of(code));
        }
        for (Map.Entry<String, List<String>> pair : reShare.entrySet()) {
            for (String to : pair.getValue()) {
                policy = policy.reSharing(PartyCode.of(pair.getKey()), PartyCode.of(to));
            }
        }
        return policy;
    }
}
