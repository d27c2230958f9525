package org.concord.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.concord.commitments.SeedingCommitments;
import org.concord.hotline.HotlineType;
import org.concord.hotline.Official;
import org.concord.intel.stix.Tlp;
import org.concord.requests.RequestType;
import org.concord.workflow.Workflow;
import org.concord.hotline.TestCallSchedules;
import org.concord.hotline.WeeklyTestCall;
import org.concord.incidents.SeedingIncidents;
import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.ObjectOutcome;
import org.concord.intel.Origin;
import org.concord.party.NodeIdentity;
import org.concord.party.PartyCode;
import org.concord.party.Partners;
import org.concord.deconfliction.SeedingDeconfliction;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * What {@code concord demo} seeds into each of its two nodes, in one place: the node's intelligence
 * on the January 2024 case ({@link DemoIntel}) and its own messages of {@link January2024}: incidents,
 * commitments, the counterfactual requests for action (each text says so) and the hotline exchange. Each node stores and queues
 * its own messages; the outbox delivers them once the nodes start, so a node holds the partner's
 * only after delivery. And the weekly test call the two sides agreed ({@link #weeklyTestCall()}),
 * unless one was set already (a schedule changed through the API stays). The January 2024 case is
 * seeded into PK and IR only; with AF in the demo ({@code --parties PK,IR,AF}) PK and AF also get
 * the {@link ChamanExercise}. Seeding again changes nothing.
 */
public final class DemoSeed {

    private DemoSeed() {
    }

    /**
     * What seeding did: the intel objects the store refused (none, as the demo's data is valid) and
     * how many of the node's own incident and commitment messages were new.
     */
    public record Seeded(List<ObjectOutcome> refusedIntel, int newIncidentMessages, int newCommitmentMessages,
            int newRequestMessages, int newCallMessages) {
        public Seeded {
            refusedIntel = List.copyOf(refusedIntel);
        }
    }

    /** Seeds the demo data of the node whose beans {@code node} holds, through its own use cases, as the work of {@code actor}. */
    public static Seeded into(ListableBeanFactory node, String actor) {
        PartyCode self = node.getBean(NodeIdentity.class).party().code();
        Partners partners = node.getBean(Partners.class);
        TestCallSchedules schedules = node.getBean(TestCallSchedules.class);
        boolean januaryPair = (self.equals(January2024.PK) && partners.byCode(January2024.IR).isPresent())
                || (self.equals(January2024.IR) && partners.byCode(January2024.PK).isPresent());
        if (januaryPair && schedules.current().isEmpty()) {
            schedules.set(weeklyTestCall(), actor);
        }
        Seeded seeded = into(node.getBean(NodeIdentity.class), node.getBean(IntelStore.class), node.getBean(SeedingIncidents.class),
                node.getBean(SeedingCommitments.class), actor);
        // the counterfactual requests and the hotline exchange, through the same seeding the workflow gives every type
        var january = January2024.scenario();
        Workflow workflow = node.getBean(Workflow.class);
        int requests = workflow.seed(node.getBean(RequestType.class), january.requests(), Tlp.AMBER);
        int calls = workflow.seed(node.getBean(HotlineType.class), january.calls(), Tlp.AMBER);
        List<ObjectOutcome> refused = new java.util.ArrayList<>(seeded.refusedIntel());
        requests += chamanExercise(node, self, partners, actor, refused);
        return new Seeded(refused, seeded.newIncidentMessages(), seeded.newCommitmentMessages(), requests, calls);
    }

    /**
     * The {@link ChamanExercise} between PK and AF, when the node is one of them and paired with the
     * other: PK's intel, patrol notice and request; AF's protected crossing.
     *
     * @return how many request messages were new
     */
    private static int chamanExercise(ListableBeanFactory node, PartyCode self, Partners partners, String actor,
            List<ObjectOutcome> refused) {
        SeedingDeconfliction deconfliction = node.getBean(SeedingDeconfliction.class);
        if (self.equals(ChamanExercise.PK) && partners.byCode(ChamanExercise.AF).isPresent()) {
            NodeIdentity identity = node.getBean(NodeIdentity.class);
            node.getBean(IntelStore.class).store(Collection.INTEL, ChamanExercise.intel(identity), new Origin.Local(actor)).stream()
                    .filter(o -> !o.succeeded()).forEach(refused::add);
            deconfliction.seedNotice(ChamanExercise.notice(node.getBean(java.time.Clock.class).instant()), actor);
            return node.getBean(Workflow.class).seed(node.getBean(RequestType.class),
                    List.of(ChamanExercise.request(identity, node.getBean(java.time.Clock.class).instant())), Tlp.GREEN);
        }
        if (self.equals(ChamanExercise.AF) && partners.byCode(ChamanExercise.PK).isPresent()) {
            deconfliction.seedSites(ChamanExercise.sites(), actor);
        }
        return 0;
    }

    /** The demo's weekly test call: PK's DGMO calls IR's director of operations every Tuesday at 11:00 in Karachi. */
    public static WeeklyTestCall weeklyTestCall() {
        return new WeeklyTestCall(DayOfWeek.TUESDAY, LocalTime.of(11, 0), ZoneId.of("Asia/Karachi"), Duration.ofMinutes(30),
                new Official(PartyCode.of("PK"), "Maj Gen A. Khan", "DGMO"),
                new Official(PartyCode.of("IR"), "Brig Gen R. Karimi", "Director of Operations"));
    }

    /** Seeds {@code node}'s intel, incidents and commitments through its own use cases, recorded as the work of {@code actor}. */
    public static Seeded into(NodeIdentity node, IntelStore intel, SeedingIncidents incidents,
            SeedingCommitments commitments, String actor) {
        List<ObjectOutcome> refused = intel.store(Collection.INTEL, DemoIntel.of(node), new Origin.Local(actor)).stream()
                .filter(o -> !o.succeeded()).toList();
        var january = January2024.builder().withoutCounterfactualRequests().build();
        return new Seeded(refused, incidents.seed(january.incidents()), commitments.seed(january.commitments()), 0, 0);
    }
}
