package org.concord.demo;

import java.util.List;

import org.concord.commitments.SeedingCommitments;
import org.concord.incidents.SeedingIncidents;
import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.ObjectOutcome;
import org.concord.intel.Origin;
import org.concord.party.NodeIdentity;

/**
 * What {@code concord demo} seeds into each of its two nodes, in one place: the node's intelligence
 * on the January 2024 case ({@link DemoIntel}) and its own incident and commitment messages of
 * {@link January2024} (without the counterfactual requests for action). Each node stores and queues
 * its own messages; the outbox delivers them once the nodes start, so a node holds the partner's
 * only after delivery. Seeding again changes nothing.
 */
public final class DemoSeed {

    private DemoSeed() {
    }

    /**
     * What seeding did: the intel objects the store refused (none, as the demo's data is valid) and
     * how many of the node's own incident and commitment messages were new.
     */
    public record Seeded(List<ObjectOutcome> refusedIntel, int newIncidentMessages, int newCommitmentMessages) {
        public Seeded {
            refusedIntel = List.copyOf(refusedIntel);
        }
    }

    /** Seeds {@code node}'s demo data through its own use cases, recorded as the work of {@code actor}. */
    public static Seeded into(NodeIdentity node, IntelStore intel, SeedingIncidents incidents,
            SeedingCommitments commitments, String actor) {
        List<ObjectOutcome> refused = intel.store(Collection.INTEL, DemoIntel.of(node), new Origin.Local(actor)).stream()
                .filter(o -> !o.succeeded()).toList();
        var january = January2024.builder().withoutCounterfactualRequests().build();
        return new Seeded(refused, incidents.seed(january.incidents()), commitments.seed(january.commitments()));
    }
}
