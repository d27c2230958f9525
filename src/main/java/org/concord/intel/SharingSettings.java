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
 * </pre>
 */
@ConfigurationProperties("concord.sharing")
public record SharingSettings(List<String> amber, List<String> unmarked, Map<String, List<String>> reShare) {

    public SharingSettings {
        amber = amber == null ? List.of() : List.copyOf(amber);
        unmarked = unmarked == null ? List.of() : List.copyOf(unmarked);
        reShare = reShare == null ? Map.of() : Map.copyOf(reShare);
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
