package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.concord.commitments.CommitmentMessage;
import org.concord.commitments.CommitmentType;
import org.concord.hotline.HotlineMessage;
import org.concord.hotline.HotlineType;
import org.concord.hotline.Official;
import org.concord.incidents.IncidentCaseType;
import org.concord.incidents.IncidentMessage;
import org.concord.party.PartyCode;
import org.concord.requests.CounterProposal;
import org.concord.requests.RequestMessage;
import org.concord.requests.RequestType;
import org.concord.workflow.EveryWorkflowTypeAgainstItsReferenceModelProperties.Msg;
import org.concord.workflow.EveryWorkflowTypeAgainstItsReferenceModelProperties.Protocol;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What a case view offers each party ({@code nextActor.actions} to the party that must act,
 * {@code otherActor.actions} to the other) is exactly what the fold would apply from that party: for
 * every type, in every state the walks below reach, each party is offered an action if and only if
 * some message of that kind (any content variant of the reference models' messages, naming any id of
 * the case, to any rung) sent by it next is applied by the type's {@code apply}. The messages are
 * built by the reference models' protocols ({@link EveryWorkflowTypeAgainstItsReferenceModelProperties}),
 * not by the types' own action definitions, so this test does not check the code against itself.
 *
 * <p>The message kinds of the models are the REST API's names of the actions, but for escalations of
 * hotline calls and commitments: those are sent only by the engine's job ({@code workflow.escalate}),
 * the API has no action for them, and they are never offered.
 */
class EveryOfferedActionIsWhatTheFoldAcceptsTest {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    /** Message kinds of the models that the REST API has no action for: the engine's job sends them. */
    static final Map<String, Set<String>> SENT_BY_THE_JOB_ONLY = Map.of("call", Set.of("escalate"), "commitment",
            Set.of("escalate"));

    static List<Protocol<?>> protocols() {
        return List.of(new EveryWorkflowTypeAgainstItsReferenceModelProperties.Requests(),
                new EveryWorkflowTypeAgainstItsReferenceModelProperties.Calls(),
                new EveryWorkflowTypeAgainstItsReferenceModelProperties.Incidents(),
                new EveryWorkflowTypeAgainstItsReferenceModelProperties.Commitments(true),
                new EveryWorkflowTypeAgainstItsReferenceModelProperties.Commitments(false));
    }

    @TestFactory
    Stream<DynamicTest> everyStateReachedOffersEachPartyExactlyWhatTheFoldWouldApply() {
        return protocols().stream().map(p -> DynamicTest.dynamicTest(p.type().name() + " " + p.getClass().getSimpleName(),
                () -> walk(p)));
    }

    @TestFactory
    Stream<DynamicTest> theTypesActionsAreTheModelsMessageKindsButThoseOnlyTheJobSends() {
        return protocols().stream().map(p -> DynamicTest.dynamicTest(p.type().name(), () -> {
            Set<String> kinds = new TreeSet<>(p.kinds());
            kinds.removeAll(SENT_BY_THE_JOB_ONLY.getOrDefault(p.type().name(), Set.of()));
            assertThat(new TreeSet<>(p.type().apiActions().stream().map(Action::name).toList())).isEqualTo(kinds);
        }));
    }

    /**
     * Random walks from a valid opening by PK to IR: at each step the state reached is checked, then
     * one of the messages either party could send that the fold applies is added, so the walks reach
     * every state of the type (accepted, fulfilled, settled, withdrawn, ...) and the top rung.
     */
    static <M extends CaseMessage> void walk(Protocol<M> protocol) {
        Set<String> visited = new TreeSet<>();
        for (int seed = 0; seed < 150; seed++) {
            Random random = new Random(seed);
            CaseType<M, ?, ?> type = protocol.type();
            StixId caseId = StixId.random(type.stixType());
            Instant clock = T0;
            List<M> held = new ArrayList<>(List.of(protocol.opening(caseId, clock, true)));
            for (int step = 0; step < 25; step++) {
                clock = clock.plus(Duration.ofMinutes(1 + random.nextInt(5)));
                List<M> applicable = check(protocol, type, caseId, held, clock, visited);
                if (applicable.isEmpty()) {
                    break;
                }
                held.add(applicable.get(random.nextInt(applicable.size())));
            }
        }
        Set<String> states = new TreeSet<>(visited.stream().map(v -> v.substring(0, v.indexOf('@'))).toList());
        assertThat(states).as("states reached for %s", protocol.type().name()).containsAll(protocol.type().stateNames());
    }

    /** A message the model's protocol built, with the kind it was built as. */
    record Candidate<M>(String kind, M message) {
    }

    /** Checks what the fold of {@code held} offers both parties; returns the messages it would apply. */
    static <M extends CaseMessage, S, R extends CaseRefusal> List<M> check(Protocol<M> protocol, CaseType<M, S, R> type,
            StixId caseId, List<M> held, Instant clock, Set<String> visited) {
        Folded<M, S, R> folded = Cases.fold(type, caseId, held);
        S state = folded.current();
        visited.add(type.stateName(state) + "@" + type.level(state));
        List<StixId> ids = new ArrayList<>(folded.applied().stream().map(CaseMessage::id).toList());
        NextActor next = type.nextActor(state);
        NextActor other = type.otherActor(state);
        List<M> applicable = new ArrayList<>();
        for (PartyCode party : List.of(PK, IR)) {
            Set<String> applied = new LinkedHashSet<>();
            for (Candidate<M> c : candidates(protocol, caseId, type.head(state), party, clock, ids)) {
                if (type.apply(state, c.message()) instanceof Step.Next<S, R>) {
                    applied.add(c.kind());
                    applicable.add(c.message());
                }
            }
            applied.removeAll(SENT_BY_THE_JOB_ONLY.getOrDefault(type.name(), Set.of()));
            List<String> offered = party.equals(next.party()) ? next.actions()
                    : party.equals(other.party()) ? other.actions() : List.of();
            String where = type.name() + " " + type.stateName(state) + " at " + type.level(state) + ", " + party
                    + (party.equals(next.party()) ? " (next)" : " (other)") + ", after " + held.stream()
                            .map(m -> type.messageType(m) + " by " + m.sender()).toList();
            assertThat(offered).as(where).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(offered)).as(where).isEqualTo(new TreeSet<>(applied));
            // in the order the API lists its actions
            List<String> order = type.apiActions().stream().map(Action::name).filter(offered::contains).toList();
            assertThat(offered).as(where).isEqualTo(order);
        }
        if (type.isClosed(state)) {
            assertThat(next).isEqualTo(NextActor.nobody());
            assertThat(other).isEqualTo(NextActor.nobody());
        } else {
            assertThat(Set.of(next.party(), other.party())).isEqualTo(Set.of(PK, IR));
        }
        return applicable;
    }

    /**
     * Every message the model's protocol can build from {@code party} next: each kind and content
     * variant, naming each id of the case, to each rung (the same message built twice is tried once).
     */
    static <M extends CaseMessage> List<Candidate<M>> candidates(Protocol<M> protocol, StixId caseId, StixId head,
            PartyCode party, Instant at, List<StixId> ids) {
        StixId id = StixId.random(protocol.type().stixType());
        Envelope envelope = Envelope.answer(id, caseId, party, at, head);
        Map<M, String> all = new java.util.LinkedHashMap<>();
        for (String kind : new LinkedHashSet<>(protocol.kinds())) {
            for (int variant = 0; variant < protocol.variants(kind); variant++) {
                for (StixId ref : ids) {
                    for (EscalationLevel to : EscalationLevel.values()) {
                        all.putIfAbsent(protocol.build(new Msg(id, kind, party, variant, ref, to), envelope), kind);
                    }
                }
            }
        }
        return all.entrySet().stream().map(e -> new Candidate<>(e.getValue(), e.getKey())).toList();
    }

    // ------------------------------------------------------------------ what the tester found, by name

    @Test
    void aRequesterAnsweringACounterProposalMayAlsoWithdrawTheRequest() {
        RequestType type = RequestType.DEFAULT;
        StixId caseId = StixId.random(type.stixType());
        List<RequestMessage> held = new ArrayList<>(List.of(WorkflowSamples.request().opening().make(caseId, PK, IR, T0)));
        held.add(new RequestMessage.CounterPropose(WorkflowSamples.after(held.get(0), IR, T0.plusSeconds(60), type.stixType()),
                CounterProposal.of(CounterProposal.Kind.JOINT_OPERATION, "together")));
        var state = Cases.fold(type, caseId, held).current();

        assertThat(type.stateName(state)).isEqualTo("CounterProposed");
        assertThat(type.nextActor(state)).isEqualTo(new NextActor(PK, List.of("accept", "decline", "amend", "close", "escalate")));
        // the responder may still accept the request as it stands, decline it or counter-propose anew
        assertThat(type.otherActor(state)).isEqualTo(new NextActor(IR, List.of("accept", "decline", "counterPropose", "escalate")));
    }

    @Test
    void eitherSideMayWithdrawAProposedCommitment() {
        CommitmentType type = CommitmentType.DEFAULT;
        StixId caseId = StixId.random(type.stixType());
        List<CommitmentMessage> held = List.of(WorkflowSamples.commitment().opening().make(caseId, PK, IR, T0));
        var state = Cases.fold(type, caseId, held).current();

        assertThat(type.nextActor(state)).isEqualTo(new NextActor(IR, List.of("agree", "withdraw")));
        assertThat(type.otherActor(state)).isEqualTo(new NextActor(PK, List.of("withdraw")));
    }

    @Test
    void theCallerMayWithdrawItsUnacknowledgedCallAndNothingIsOfferedOnceItIsAcknowledged() {
        HotlineType type = HotlineType.DEFAULT;
        StixId caseId = StixId.random(type.stixType());
        List<HotlineMessage> held = new ArrayList<>(List.of(WorkflowSamples.call().opening().make(caseId, PK, IR, T0)));
        var state = Cases.fold(type, caseId, held).current();
        assertThat(type.nextActor(state)).isEqualTo(new NextActor(IR, List.of("acknowledge")));
        assertThat(type.otherActor(state)).isEqualTo(new NextActor(PK, List.of("withdraw")));

        held.add(new HotlineMessage.Acknowledge(WorkflowSamples.after(held.get(0), IR, T0.plusSeconds(60), type.stixType()),
                new Official(IR, "Duty officer IR", "Operations")));
        var acknowledged = Cases.fold(type, caseId, held).current();
        assertThat(type.nextActor(acknowledged)).isEqualTo(NextActor.nobody());
        assertThat(type.otherActor(acknowledged)).isEqualTo(NextActor.nobody());
    }

    @Test
    void theReporterMayProposeFindingsWhileItsClaimsAreBeingAnswered() {
        IncidentCaseType type = IncidentCaseType.INSTANCE;
        StixId caseId = StixId.random(type.stixType());
        List<IncidentMessage> held = List.of(WorkflowSamples.incident().opening().make(caseId, PK, IR, T0));
        var state = Cases.fold(type, caseId, held).current();

        assertThat(type.nextActor(state)).isEqualTo(new NextActor(IR, List.of("answerClaim", "proposeFindings")));
        assertThat(type.otherActor(state)).isEqualTo(new NextActor(PK, List.of("proposeFindings")));
    }
}
