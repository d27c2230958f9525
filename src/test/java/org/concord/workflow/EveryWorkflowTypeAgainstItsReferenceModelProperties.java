package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.concord.commitments.Commitment;
import org.concord.commitments.CommitmentMessage;
import org.concord.commitments.CommitmentType;
import org.concord.hotline.HotlineMessage;
import org.concord.hotline.HotlineType;
import org.concord.hotline.Official;
import org.concord.hotline.Priority;
import org.concord.incidents.Casualties;
import org.concord.incidents.Claim;
import org.concord.incidents.IncidentCaseType;
import org.concord.incidents.IncidentMessage;
import org.concord.incidents.IncidentReport;
import org.concord.incidents.IncidentType;
import org.concord.incidents.Verdict;
import org.concord.party.PartyCode;
import org.concord.requests.CounterProposal;
import org.concord.requests.DeclineReason;
import org.concord.requests.EvidenceRef;
import org.concord.requests.Outcome;
import org.concord.requests.RequestForAction;
import org.concord.requests.RequestMessage;
import org.concord.requests.RequestType;
import org.concord.requests.RequestedAction;
import org.concord.requests.Urgency;

/**
 * Whatever both sides (and a stranger) send about a case of any of the four types — in or out of
 * turn, naming a stale or unknown previous message, after the case is over, twice, reusing another
 * message's id, about another case — the one fold ({@link Cases#fold}) shows what a naive reference
 * model of the protocol says: the same state, whether it is over, the same rung, who must act and
 * what they may do, whether a deadline runs, and exactly the same messages applied, refused (by
 * the same rule), waiting and conflicting.
 *
 * <p>The four reference models below are tables written from docs/workflow.md and docs/cases.md
 * (the protocols, their refusals in the documented order, who acts next): they never call
 * {@code apply()} or any state class. Each message sent names the latest message of the case the
 * sender saw, or now and then an earlier one (a stale view); clocks move forward, so the canonical
 * order is the order of sending and the model can take the messages one by one. Every step folds
 * everything sent so far, shuffled and with duplicates, as the other node might hold it.
 *
 * <p>{@code requests.RequestStateMachineProperties} stays: it checks invariants of the request
 * states themselves (history, terms, outcomes) and concurrent messages with clocks running behind,
 * which this property leaves to {@code DeliveryOrderProperties}.
 */
class EveryWorkflowTypeAgainstItsReferenceModelProperties {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final PartyCode AF = PartyCode.of("AF");
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    // ------------------------------------------------------------------ what is tried

    /** How a message is placed, besides its kind and sender. */
    enum Twist {
        /** names the latest message of the case */
        IN_TURN,
        /** names an earlier message (the sender had not seen the latest) */
        STALE_VIEW,
        /** a message already sent, delivered again */
        DUPLICATE,
        /** a new message that reuses an earlier message's id */
        REUSED_ID,
        /** names a previous message nobody holds: it waits */
        UNKNOWN_PREVIOUS,
        /** about another case */
        OTHER_CASE
    }

    /** The side of the case that sends: the one that opened it, the other, or a third party. */
    enum Who { OPENER, OTHER, STRANGER }

    /**
     * One message to try.
     *
     * @param kind which of the type's message kinds (modulo their number; a kind listed twice comes twice as often)
     * @param variant which content: valid or missing a field (modulo what the kind has)
     * @param pick picks the earlier message, the rung, the reference named
     */
    record Try(int kind, Who who, Twist twist, int variant, int pick) {
    }

    @Provide
    Arbitrary<Try> tries() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 11),
                Arbitraries.frequency(Tuple.of(10, Who.OPENER), Tuple.of(10, Who.OTHER), Tuple.of(1, Who.STRANGER)),
                Arbitraries.frequency(Tuple.of(16, Twist.IN_TURN), Tuple.of(2, Twist.STALE_VIEW), Tuple.of(1, Twist.DUPLICATE),
                        Tuple.of(1, Twist.REUSED_ID), Tuple.of(1, Twist.UNKNOWN_PREVIOUS), Tuple.of(1, Twist.OTHER_CASE)),
                Arbitraries.integers().between(0, 11),
                Arbitraries.integers().between(0, 999))
                .as(Try::new);
    }

    // ------------------------------------------------------------------ the reference model's contract

    /**
     * A message as the reference model reads it: its kind, who sent it, and what it carries that
     * the protocol judges (a variant of the content, a referenced message, a rung).
     */
    record Msg(StixId id, String kind, PartyCode sender, int variant, StixId ref, EscalationLevel to) {
    }

    /** What a case shows, as the reference model predicts it. */
    interface Model {
        /** The rule that refuses the message in the case as it stands, or null when it applies (and the model moves). */
        String offer(Msg message);

        String state();

        boolean closed();

        EscalationLevel level();

        PartyCode nextParty();

        List<String> actions();

        /** What the other party (whose turn it is not) may do meanwhile: withdraw, escalate, answer anew, ... */
        List<String> otherActions();

        boolean deadlineRuns();

        /** Ids worth naming in a reference (terms on the table, findings): a sender usually names what it sees. */
        List<StixId> onTheTable();
    }

    /** One type: its message kinds, how a model message becomes a real one, and its reference model. */
    interface Protocol<M extends CaseMessage> {
        CaseType<M, ?, ?> type();

        List<String> kinds();

        /** How many variants of content a kind has (0 is always valid). */
        int variants(String kind);

        /** The opening message from PK; {@code valid} false makes it one the type refuses. */
        M opening(StixId id, Instant at, boolean valid);

        /** The rule that refuses an invalid opening. */
        String invalidOpeningRule();

        /** The rule that refuses a message of no case opened here. */
        String unknownCaseRule();

        M build(Msg message, Envelope envelope);

        /** The reference model of a case opened by a valid opening message {@code caseId}. */
        Model model(StixId caseId);
    }

    // ------------------------------------------------------------------ the harness

    /** What the fold shows: compared with the model's prediction after every message. */
    record Shown(String state, boolean closed, EscalationLevel level, PartyCode nextParty, List<String> actions,
            PartyCode otherParty, List<String> otherActions, boolean deadlineRuns, List<StixId> applied, Map<StixId, String> refused, Set<StixId> waiting,
            List<StixId> conflicting) {
    }

    static <M extends CaseMessage, S, R extends CaseRefusal> Shown fold(CaseType<M, S, R> type, StixId caseId,
            List<M> messages) {
        Folded<M, S, R> folded = Cases.fold(type, caseId, messages);
        Map<StixId, String> refused = new TreeMap<>();
        folded.refused().forEach(r -> refused.put(r.message().id(), r.refusal().ruleName()));
        Set<StixId> waiting = new TreeSet<>();
        folded.waiting().forEach(m -> waiting.add(m.id()));
        List<StixId> conflicting = new ArrayList<>(folded.conflicting().stream().map(CaseMessage::id).toList());
        Collections.sort(conflicting);
        List<StixId> applied = folded.applied().stream().map(CaseMessage::id).toList();
        if (folded.state().isEmpty()) {
            return new Shown(null, false, null, null, List.of(), null, List.of(), false, applied, refused, waiting, conflicting);
        }
        S state = folded.current();
        NextActor next = type.nextActor(state);
        NextActor other = type.otherActor(state);
        return new Shown(type.stateName(state), type.isClosed(state), type.level(state), next.party(), next.actions(),
                other.party(), other.actions(), type.deadline(state).isPresent(), applied, refused, waiting, conflicting);
    }

    static Shown predicted(Model model, List<StixId> applied, Map<StixId, String> refused, Set<StixId> waiting,
            List<StixId> conflicting) {
        List<StixId> sortedConflicting = new ArrayList<>(conflicting);
        Collections.sort(sortedConflicting);
        if (model == null) {
            return new Shown(null, false, null, null, List.of(), null, List.of(), false, List.copyOf(applied), new TreeMap<>(refused),
                    new TreeSet<>(waiting), sortedConflicting);
        }
        return new Shown(model.state(), model.closed(), model.level(), model.nextParty(), model.actions(),
                model.closed() ? null : other(model.nextParty()), model.otherActions(), model.deadlineRuns(), List.copyOf(applied), new TreeMap<>(refused), new TreeSet<>(waiting),
                sortedConflicting);
    }

    /** Sends the tries one by one and compares fold and model after each. */
    static <M extends CaseMessage> void exchange(Protocol<M> protocol, boolean validOpening, List<Try> tries, long seed) {
        CaseType<M, ?, ?> type = protocol.type();
        String stixType = type.stixType();
        Random random = new Random(seed);
        StixId caseId = StixId.random(stixType);
        Instant clock = T0;
        M opening = protocol.opening(caseId, clock, validOpening);
        List<M> sent = new ArrayList<>(List.of(opening));
        List<M> chain = new ArrayList<>(List.of(opening));
        Model model = validOpening ? protocol.model(caseId) : null;
        List<StixId> applied = new ArrayList<>();
        Map<StixId, String> refused = new HashMap<>();
        Set<StixId> waiting = new HashSet<>();
        List<StixId> conflicting = new ArrayList<>();
        List<StixId> ids = new ArrayList<>(List.of(caseId));
        if (validOpening) {
            applied.add(caseId);
        } else {
            refused.put(caseId, protocol.invalidOpeningRule());
        }
        Set<String> visited = new TreeSet<>();
        record(visited, model);

        for (Try t : tries) {
            clock = clock.plus(Duration.ofMinutes(1 + t.pick() % 5));
            String kind = protocol.kinds().get(t.kind() % protocol.kinds().size());
            PartyCode sender = switch (t.who()) {
                case OPENER -> PK;
                case OTHER -> IR;
                case STRANGER -> AF;
            };
            int variant = t.variant() % protocol.variants(kind);
            StixId ref = reference(model, ids, t.pick());
            EscalationLevel current = model == null ? EscalationLevel.LIAISON_OFFICERS : model.level();
            EscalationLevel to = EscalationLevel.values()[Math.min(EscalationLevel.values().length - 1,
                    Math.max(0, current.ordinal() + new int[] {1, 1, 1, 0, 2, -1}[t.pick() % 6]))];
            StixId id = StixId.random(stixType);
            Msg message = new Msg(id, kind, sender, variant, ref, to);
            M last = chain.get(chain.size() - 1);
            switch (t.twist()) {
                case DUPLICATE -> {
                    sent.add(sent.get(t.pick() % sent.size()));
                }
                case REUSED_ID -> {
                    if (chain.size() < 2) {
                        continue;
                    }
                    M original = chain.get(1 + t.pick() % (chain.size() - 1));
                    M impostor = protocol.build(new Msg(original.id(), kind, sender, variant, ref, to), Envelope.answer(
                            original.id(), caseId, sender, clock, original.previous().orElseThrow()));
                    if (impostor.equals(original)) {
                        continue;
                    }
                    sent.add(impostor);
                    conflicting.add(impostor.id());
                }
                case UNKNOWN_PREVIOUS -> {
                    sent.add(protocol.build(message, Envelope.answer(id, caseId, sender, clock, StixId.random(stixType))));
                    waiting.add(id);
                    ids.add(id);
                }
                case OTHER_CASE -> {
                    StixId other = StixId.random(stixType);
                    sent.add(protocol.build(message, Envelope.answer(id, other, sender, clock, other)));
                    refused.put(id, protocol.unknownCaseRule());
                    ids.add(id);
                }
                case IN_TURN, STALE_VIEW -> {
                    M previous = t.twist() == Twist.IN_TURN ? last : chain.get(t.pick() % chain.size());
                    M m = protocol.build(message, Envelope.answer(id, caseId, sender, clock, previous.id()));
                    sent.add(m);
                    chain.add(m);
                    ids.add(id);
                    String rule = model == null ? protocol.unknownCaseRule() : model.offer(message);
                    if (rule == null) {
                        applied.add(id);
                    } else {
                        refused.put(id, rule);
                    }
                }
            }
            record(visited, model);

            List<M> asTheOtherNodeHoldsThem = new ArrayList<>(sent);
            for (int i = 0; i < sent.size() / 3; i++) {
                asTheOtherNodeHoldsThem.add(sent.get(random.nextInt(sent.size())));
            }
            Collections.shuffle(asTheOtherNodeHoldsThem, random);
            assertThat(fold(type, caseId, asTheOtherNodeHoldsThem))
                    .as("%s after %s by %s (%s), variant %d", type.name(), kind, sender, t.twist(), variant)
                    .isEqualTo(predicted(model, applied, refused, waiting, conflicting));
        }
        visited.forEach(v -> Statistics.label("states visited").collect(v));
        Statistics.label("refused").collect(refused.size() == 0 ? "none" : refused.size() < 4 ? "1-3" : "4+");
    }

    private static void record(Set<String> visited, Model model) {
        if (model != null) {
            visited.add(model.state() + (model.level() == EscalationLevel.LIAISON_OFFICERS ? "" : "@" + model.level()));
        }
    }

    /** Mostly what is on the table; sometimes an earlier message; sometimes nothing anyone sent. */
    private static StixId reference(Model model, List<StixId> ids, int pick) {
        List<StixId> table = model == null ? List.of() : model.onTheTable();
        int choice = pick % 6;
        if (choice < 4 && !table.isEmpty()) {
            return table.get(choice % table.size());
        }
        if (choice == 4) {
            return ids.get(pick % ids.size());
        }
        return StixId.random("report");
    }

    // ------------------------------------------------------------------ the properties

    @Property(tries = 250)
    void requestsFoldAsTheReferenceModelSays(@ForAll @Size(max = 30) List<@From("tries") Try> tries,
            @ForAll("validOpening") boolean valid, @ForAll long seed) {
        exchange(new Requests(), valid, tries, seed);
    }

    @Property(tries = 150)
    void hotlineCallsFoldAsTheReferenceModelSays(@ForAll @Size(max = 15) List<@From("tries") Try> tries,
            @ForAll("validOpening") boolean valid, @ForAll long seed) {
        exchange(new Calls(), valid, tries, seed);
    }

    @Property(tries = 250)
    void incidentsFoldAsTheReferenceModelSays(@ForAll @Size(max = 30) List<@From("tries") Try> tries,
            @ForAll("validOpening") boolean valid, @ForAll long seed) {
        exchange(new Incidents(), valid, tries, seed);
    }

    @Property(tries = 200)
    void commitmentsFoldAsTheReferenceModelSays(@ForAll @Size(max = 20) List<@From("tries") Try> tries,
            @ForAll("validOpening") boolean valid, @ForAll long seed) {
        exchange(new Commitments(true), valid, tries, seed);
    }

    @Property(tries = 100)
    void commitmentsOwnedByTheProposerFoldAsTheReferenceModelSays(@ForAll @Size(max = 20) List<@From("tries") Try> tries,
            @ForAll long seed) {
        exchange(new Commitments(false), true, tries, seed);
    }

    @Provide
    Arbitrary<Boolean> validOpening() {
        return Arbitraries.frequency(Tuple.of(12, true), Tuple.of(1, false));
    }

    // ------------------------------------------------------------------ shared by the models

    static String escalationRule(EscalationLevel level, EscalationLevel to) {
        if (to.ordinal() <= level.ordinal()) {
            return "ALREADY_AT_LEVEL";
        }
        return to.ordinal() == level.ordinal() + 1 ? null : "ESCALATION_SKIPS_A_LEVEL";
    }

    static PartyCode other(PartyCode party) {
        return party.equals(PK) ? IR : PK;
    }

    // ------------------------------------------------------------------ requests for action (docs/workflow.md, "Requests for action")

    /** PK requests, IR responds. */
    static final class Requests implements Protocol<RequestMessage> {

        @Override public CaseType<RequestMessage, ?, ?> type() { return RequestType.DEFAULT; }

        @Override
        public List<String> kinds() {
            return List.of("acknowledge", "accept", "decline", "counterPropose", "amend", "progressUpdate", "close",
                    "escalate");
        }

        @Override
        public int variants(String kind) {
            return switch (kind) {
                case "decline" -> 4; // a reason; no reason; OTHER without text; OTHER with text
                case "counterPropose" -> 3; // a kind; OTHER without text; OTHER with text
                case "progressUpdate" -> 2; // text; none
                case "close" -> 4; // WITHDRAWN; ACTION_TAKEN; ABANDONED without text; ABANDONED with text
                default -> 1;
            };
        }

        static RequestForAction terms(String detail) {
            return new RequestForAction(List.of(StixId.random("intrusion-set")), List.of(EvidenceRef.of(StixId.random("report"))),
                    RequestedAction.of(RequestedAction.Kind.DISMANTLE_HIDEOUT, detail), Urgency.URGENT, "seen on 30 January");
        }

        @Override
        public RequestMessage opening(StixId id, Instant at, boolean valid) {
            return RequestMessage.Request.of(id, PK, valid ? IR : PK, at, terms("the compound"));
        }

        @Override public String invalidOpeningRule() { return "SELF_ADDRESSED"; }
        @Override public String unknownCaseRule() { return "UNKNOWN_CASE"; }

        @Override
        public RequestMessage build(Msg m, Envelope e) {
            return switch (m.kind()) {
                case "acknowledge" -> new RequestMessage.Acknowledge(e);
                case "accept" -> new RequestMessage.Accept(e, m.ref(), "");
                case "decline" -> switch (m.variant()) {
                    case 0 -> new RequestMessage.Decline(e, DeclineReason.NOT_IN_OUR_TERRITORY, "");
                    case 1 -> new RequestMessage.Decline(e, null, "no reason");
                    case 2 -> new RequestMessage.Decline(e, DeclineReason.OTHER, "");
                    default -> new RequestMessage.Decline(e, DeclineReason.OTHER, "we are busy");
                };
                case "counterPropose" -> new RequestMessage.CounterPropose(e, switch (m.variant()) {
                    case 0 -> CounterProposal.of(CounterProposal.Kind.JOINT_OPERATION, "");
                    case 1 -> CounterProposal.of(CounterProposal.Kind.OTHER, "");
                    default -> CounterProposal.of(CounterProposal.Kind.OTHER, "something else");
                });
                case "amend" -> new RequestMessage.Amend(e, terms("the compound, and the one next to it"));
                case "progressUpdate" -> new RequestMessage.ProgressUpdate(e, m.variant() == 0 ? "moving" : "");
                case "close" -> switch (m.variant()) {
                    case 0 -> new RequestMessage.Close(e, Outcome.WITHDRAWN, "");
                    case 1 -> new RequestMessage.Close(e, Outcome.ACTION_TAKEN, "");
                    case 2 -> new RequestMessage.Close(e, Outcome.ABANDONED, "");
                    default -> new RequestMessage.Close(e, Outcome.ABANDONED, "the weather");
                };
                default -> new RequestMessage.Escalate(e, m.to(), e.sentAt(), "asked");
            };
        }

        @Override public Model model(StixId caseId) { return new RequestModel(caseId); }
    }

    /** The transition table of docs/workflow.md, with the refusals checked in the documented order. */
    static final class RequestModel implements Model {
        final PartyCode requester = PK;
        final PartyCode responder = IR;
        String state = "Requested";
        EscalationLevel level = EscalationLevel.LIAISON_OFFICERS;
        StixId termsRef;
        StixId proposalRef;

        RequestModel(StixId requestId) {
            termsRef = requestId;
        }

        @Override
        public String offer(Msg m) {
            boolean fromRequester = m.sender().equals(requester);
            if (!m.sender().equals(requester) && !m.sender().equals(responder)) {
                return "NOT_A_PARTY_TO_THE_CASE";
            }
            if (closed()) {
                return "CASE_CLOSED";
            }
            boolean responderOnly = switch (m.kind()) {
                case "acknowledge", "counterPropose", "progressUpdate" -> true;
                case "accept", "decline" -> !state.equals("CounterProposed");
                default -> false;
            };
            if (responderOnly && fromRequester) {
                return "REQUESTER_CANNOT_ANSWER_OWN_REQUEST";
            }
            if (m.kind().equals("amend") && !fromRequester) {
                return "ONLY_THE_REQUESTER_MAY";
            }
            boolean withdrawal = m.kind().equals("close") && m.variant() == 0;
            if (m.kind().equals("close") && withdrawal != fromRequester) {
                return "OUTCOME_NOT_YOURS";
            }
            String missing = switch (m.kind()) {
                case "decline" -> m.variant() == 1 ? "FIELD_REQUIRED" : m.variant() == 2 ? "TEXT_REQUIRED" : null;
                case "counterPropose" -> m.variant() == 1 ? "TEXT_REQUIRED" : null;
                case "progressUpdate" -> m.variant() == 1 ? "TEXT_REQUIRED" : null;
                case "close" -> m.variant() == 2 ? "TEXT_REQUIRED" : null;
                case "escalate" -> escalationRule(level, m.to());
                default -> null;
            };
            if (missing != null) {
                return missing;
            }
            boolean accepted = state.equals("Accepted");
            switch (m.kind()) {
                case "escalate" -> {
                    level = m.to();
                    return null;
                }
                case "acknowledge" -> {
                    if (!state.equals("Requested")) {
                        return "ALREADY_ACKNOWLEDGED";
                    }
                    state = "Acknowledged";
                    return null;
                }
                case "accept" -> {
                    if (accepted) {
                        return "ALREADY_ACCEPTED";
                    }
                    StixId onTheTable = fromRequester ? proposalRef : termsRef;
                    if (!onTheTable.equals(m.ref())) {
                        return "TERMS_CHANGED";
                    }
                    state = "Accepted";
                    return null;
                }
                case "decline" -> {
                    if (accepted) {
                        return "ALREADY_ACCEPTED";
                    }
                    state = fromRequester ? "Acknowledged" : "Declined";
                    proposalRef = null;
                    return null;
                }
                case "counterPropose" -> {
                    if (accepted) {
                        return "ALREADY_ACCEPTED";
                    }
                    state = "CounterProposed";
                    proposalRef = m.id();
                    return null;
                }
                case "amend" -> {
                    if (accepted) {
                        return "ALREADY_ACCEPTED";
                    }
                    state = state.equals("Requested") ? "Requested" : "Acknowledged";
                    termsRef = m.id();
                    proposalRef = null;
                    return null;
                }
                case "progressUpdate" -> {
                    return accepted ? null : "NOT_ACCEPTED_YET";
                }
                default -> { // close
                    if (!withdrawal && !accepted) {
                        return "NOT_ACCEPTED_YET";
                    }
                    state = "Closed";
                    return null;
                }
            }
        }

        @Override public String state() { return state; }
        @Override public boolean closed() { return state.equals("Declined") || state.equals("Closed"); }
        @Override public EscalationLevel level() { return level; }

        @Override
        public PartyCode nextParty() {
            return closed() ? null : state.equals("CounterProposed") ? requester : responder;
        }

        /** The next party's every action: its answer, and withdrawing (the requester) and escalating (either) below the top rung. */
        @Override
        public List<String> actions() {
            List<String> actions = new ArrayList<>(switch (state) {
                case "Requested" -> List.of("acknowledge", "accept", "decline", "counterPropose");
                case "Acknowledged" -> List.of("accept", "decline", "counterPropose");
                case "CounterProposed" -> List.of("accept", "decline", "amend", "close");
                case "Accepted" -> List.of("progressUpdate", "close");
                default -> List.of();
            });
            if (!closed() && level != EscalationLevel.JOINT_COORDINATION_MECHANISM) {
                actions.add("escalate");
            }
            return actions;
        }

        /** The requester amends or withdraws while the responder answers; the responder may answer anew a counter-proposal. */
        @Override
        public List<String> otherActions() {
            List<String> actions = new ArrayList<>(switch (state) {
                case "Requested", "Acknowledged" -> List.of("amend", "close");
                case "CounterProposed" -> List.of("accept", "decline", "counterPropose");
                case "Accepted" -> List.of("close");
                default -> List.of();
            });
            if (!closed() && level != EscalationLevel.JOINT_COORDINATION_MECHANISM) {
                actions.add("escalate");
            }
            return actions;
        }

        @Override public boolean deadlineRuns() { return !closed(); }

        @Override
        public List<StixId> onTheTable() {
            return proposalRef == null ? List.of(termsRef) : List.of(proposalRef, termsRef);
        }
    }

    // ------------------------------------------------------------------ hotline calls (docs/workflow.md "Hotline", docs/cases.md "Taking a case back")

    /** PK calls, IR answers. */
    static final class Calls implements Protocol<HotlineMessage> {

        @Override public CaseType<HotlineMessage, ?, ?> type() { return HotlineType.DEFAULT; }
        @Override public List<String> kinds() { return List.of("acknowledge", "escalate", "withdraw"); }
        @Override public int variants(String kind) { return 1; }

        @Override
        public HotlineMessage opening(StixId id, Instant at, boolean valid) {
            return HotlineMessage.Send.of(id, new Official(PK, "Duty officer PK", "DGMO"),
                    new Official(valid ? IR : PK, "Duty officer", "Operations"), Priority.FLASH, at, "shots near the border");
        }

        @Override public String invalidOpeningRule() { return "SAME_SIDE"; }
        @Override public String unknownCaseRule() { return "UNKNOWN_CALL"; }

        @Override
        public HotlineMessage build(Msg m, Envelope e) {
            return switch (m.kind()) {
                case "acknowledge" -> new HotlineMessage.Acknowledge(e, new Official(e.sender(), "Duty officer " + e.sender(), "Ops"));
                case "escalate" -> new HotlineMessage.Escalate(e, m.to(), e.sentAt(), "asked");
                default -> new HotlineMessage.Withdraw(e, "sent in error");
            };
        }

        @Override
        public Model model(StixId caseId) {
            return new Model() {
                String state = "Unacknowledged";
                EscalationLevel level = EscalationLevel.LIAISON_OFFICERS;

                @Override
                public String offer(Msg m) {
                    if (!m.sender().equals(PK) && !m.sender().equals(IR)) {
                        return "NOT_A_PARTY_TO_THE_CALL";
                    }
                    if (state.equals("Withdrawn")) {
                        return "CALL_WITHDRAWN";
                    }
                    if (state.equals("Acknowledged")) {
                        return "ALREADY_ACKNOWLEDGED";
                    }
                    switch (m.kind()) {
                        case "acknowledge" -> {
                            if (m.sender().equals(PK)) {
                                return "SENDER_CANNOT_ACKNOWLEDGE";
                            }
                            state = "Acknowledged";
                        }
                        case "withdraw" -> {
                            if (!m.sender().equals(PK)) {
                                return "ONLY_THE_CALLER_MAY";
                            }
                            state = "Withdrawn";
                        }
                        default -> {
                            String rule = escalationRule(level, m.to());
                            if (rule != null) {
                                return rule;
                            }
                            level = m.to();
                        }
                    }
                    return null;
                }

                @Override public String state() { return state; }
                @Override public boolean closed() { return !state.equals("Unacknowledged"); }
                @Override public EscalationLevel level() { return level; }
                @Override public PartyCode nextParty() { return closed() ? null : IR; }
                @Override public List<String> actions() { return closed() ? List.of() : List.of("acknowledge"); }
                /** The caller may withdraw its call while nobody has acknowledged it (escalations are the job's). */
                @Override public List<String> otherActions() { return closed() ? List.of() : List.of("withdraw"); }
                @Override public boolean deadlineRuns() { return !closed(); }
                @Override public List<StixId> onTheTable() { return List.of(); }
            };
        }
    }

    // ------------------------------------------------------------------ incidents (docs/workflow.md "Incidents")

    /** PK reports two claims, IR answers them; either proposes findings; both sign off. */
    static final class Incidents implements Protocol<IncidentMessage> {

        @Override public CaseType<IncidentMessage, ?, ?> type() { return IncidentCaseType.INSTANCE; }
        @Override public List<String> kinds() { return List.of("answerClaim", "proposeFindings", "signOff"); }

        @Override
        public int variants(String kind) {
            return switch (kind) {
                // claim-1 / claim-2 / claim-9 (not made) x CONFIRM, DISPUTE with evidence, DISPUTE without, UNKNOWN
                case "answerClaim" -> 12;
                case "proposeFindings" -> 3; // findings; other findings; none
                default -> 1;
            };
        }

        @Override
        public IncidentMessage opening(StixId id, Instant at, boolean valid) {
            return IncidentMessage.Report.of(id, PK, valid ? IR : PK, at, new IncidentReport(at.minusSeconds(3600),
                    "{\"type\":\"Point\",\"coordinates\":[62.33,27.37]}", IncidentType.CROSS_BORDER_STRIKE,
                    "drones struck a village", new Casualties(9, 0, "nine"),
                    List.of(new Claim("claim-1", "nine people were killed"), new Claim("claim-2", "they were not nationals"))));
        }

        @Override public String invalidOpeningRule() { return "SELF_ADDRESSED"; }
        @Override public String unknownCaseRule() { return "UNKNOWN_INCIDENT"; }

        static String claim(int variant) {
            return List.of("claim-1", "claim-2", "claim-9").get(variant / 4);
        }

        static Verdict verdict(int variant) {
            return List.of(Verdict.CONFIRM, Verdict.DISPUTE, Verdict.DISPUTE, Verdict.UNKNOWN).get(variant % 4);
        }

        @Override
        public IncidentMessage build(Msg m, Envelope e) {
            return switch (m.kind()) {
                case "answerClaim" -> new IncidentMessage.AnswerClaim(e, claim(m.variant()), verdict(m.variant()),
                        m.variant() % 4 == 1 ? List.of(StixId.random("report")) : List.of(), "as we know it");
                case "proposeFindings" -> new IncidentMessage.ProposeFindings(e,
                        List.of("a strike by mistake", "a strike on militants", "").get(m.variant()));
                default -> new IncidentMessage.SignOff(e, m.ref());
            };
        }

        @Override
        public Model model(StixId caseId) {
            return new Model() {
                String state = "UnderReview";
                final Map<String, Verdict> answers = new LinkedHashMap<>();
                StixId findings;
                PartyCode proposer;
                final Set<PartyCode> signed = new HashSet<>();

                @Override
                public String offer(Msg m) {
                    if (!m.sender().equals(PK) && !m.sender().equals(IR)) {
                        return "NOT_A_PARTY_TO_THE_INCIDENT";
                    }
                    if (state.equals("Settled")) {
                        return "INCIDENT_SETTLED";
                    }
                    switch (m.kind()) {
                        case "answerClaim" -> {
                            String claim = claim(m.variant());
                            int v = m.variant() % 4;
                            if (m.sender().equals(PK)) {
                                return "REPORTER_CANNOT_ANSWER_OWN_CLAIMS";
                            }
                            if (claim.equals("claim-9")) {
                                return "UNKNOWN_CLAIM";
                            }
                            if (v == 2) {
                                return "EVIDENCE_REQUIRED";
                            }
                            Verdict earlier = answers.get(claim);
                            if (earlier != null && earlier != Verdict.UNKNOWN) {
                                return "CLAIM_ALREADY_ANSWERED";
                            }
                            answers.put(claim, verdict(m.variant()));
                        }
                        case "proposeFindings" -> {
                            if (m.variant() == 2) {
                                return "FIELD_REQUIRED";
                            }
                            state = "FindingsProposed";
                            findings = m.id();
                            proposer = m.sender();
                            signed.clear();
                        }
                        default -> {
                            if (findings == null || !findings.equals(m.ref())) {
                                return "NOT_THE_CURRENT_FINDINGS";
                            }
                            if (!signed.add(m.sender())) {
                                return "ALREADY_SIGNED";
                            }
                            if (signed.size() == 2) {
                                state = "Settled";
                            }
                        }
                    }
                    return null;
                }

                boolean claimsOpen() {
                    return List.of("claim-1", "claim-2").stream()
                            .anyMatch(c -> answers.get(c) == null || answers.get(c) == Verdict.UNKNOWN);
                }

                @Override public String state() { return state; }
                @Override public boolean closed() { return state.equals("Settled"); }
                @Override public EscalationLevel level() { return EscalationLevel.LIAISON_OFFICERS; }

                @Override
                public PartyCode nextParty() {
                    return switch (state) {
                        case "UnderReview" -> claimsOpen() ? IR : PK;
                        case "FindingsProposed" -> signed.contains(other(proposer)) ? proposer : other(proposer);
                        default -> null;
                    };
                }

                /** The next party's every action: the addressee may answer an open claim while findings are on the table too. */
                @Override
                public List<String> actions() {
                    return switch (state) {
                        case "UnderReview" -> claimsOpen() ? List.of("answerClaim", "proposeFindings") : List.of("proposeFindings");
                        case "FindingsProposed" -> nextParty().equals(IR) && claimsOpen()
                                ? List.of("answerClaim", "signOff", "proposeFindings") : List.of("signOff", "proposeFindings");
                        default -> List.of();
                    };
                }

                /** Either side may propose findings; the addressee answer open claims; a side sign off findings it has not signed. */
                @Override
                public List<String> otherActions() {
                    if (closed()) {
                        return List.of();
                    }
                    PartyCode party = other(nextParty());
                    List<String> actions = new ArrayList<>();
                    if (party.equals(IR) && claimsOpen()) {
                        actions.add("answerClaim");
                    }
                    if (state.equals("FindingsProposed") && !signed.contains(party)) {
                        actions.add("signOff");
                    }
                    actions.add("proposeFindings");
                    return actions;
                }

                @Override public boolean deadlineRuns() { return false; }
                @Override public List<StixId> onTheTable() { return findings == null ? List.of() : List.of(findings); }
            };
        }
    }

    // ------------------------------------------------------------------ commitments (docs/workflow.md "Commitments", docs/cases.md "Taking a case back")

    /** PK proposes to IR; the owner is IR (owed to PK) or PK itself. */
    static final class Commitments implements Protocol<CommitmentMessage> {
        final PartyCode owner;

        Commitments(boolean ownedByTheCounterpart) {
            owner = ownedByTheCounterpart ? IR : PK;
        }

        @Override public CaseType<CommitmentMessage, ?, ?> type() { return CommitmentType.DEFAULT; }
        /** Withdrawal, which either side may send at any time, less often than the rest, so that commitments get fulfilled too. */
        @Override
        public List<String> kinds() {
            return List.of("agree", "attest", "escalate", "attest", "agree", "attest", "withdraw");
        }
        @Override public int variants(String kind) { return kind.equals("attest") ? 3 : 1; } // text; evidence only; neither

        @Override
        public CommitmentMessage opening(StixId id, Instant at, boolean valid) {
            return CommitmentMessage.Propose.of(id, PK, valid ? IR : PK, at,
                    new Commitment("reopen the crossing at Taftan", owner, at.plus(Duration.ofDays(3))));
        }

        @Override public String invalidOpeningRule() { return "SELF_ADDRESSED"; }
        @Override public String unknownCaseRule() { return "UNKNOWN_COMMITMENT"; }

        @Override
        public CommitmentMessage build(Msg m, Envelope e) {
            return switch (m.kind()) {
                case "agree" -> new CommitmentMessage.Agree(e);
                case "attest" -> switch (m.variant()) {
                    case 0 -> new CommitmentMessage.Attest(e, "reopened on the 12th", List.of());
                    case 1 -> new CommitmentMessage.Attest(e, "", List.of(StixId.random("report")));
                    default -> new CommitmentMessage.Attest(e, " ", List.of());
                };
                case "escalate" -> new CommitmentMessage.Escalate(e, m.to(), e.sentAt(), "overdue");
                default -> new CommitmentMessage.Withdraw(e, "the crossing stays shut");
            };
        }

        @Override
        public Model model(StixId caseId) {
            return new Model() {
                String state = "Proposed";
                EscalationLevel level = EscalationLevel.LIAISON_OFFICERS;
                final Set<PartyCode> attested = new HashSet<>();

                @Override
                public String offer(Msg m) {
                    if (!m.sender().equals(PK) && !m.sender().equals(IR)) {
                        return "NOT_A_PARTY_TO_THE_COMMITMENT";
                    }
                    if (state.equals("Fulfilled")) {
                        return "ALREADY_FULFILLED";
                    }
                    if (state.equals("Withdrawn")) {
                        return "COMMITMENT_WITHDRAWN";
                    }
                    if (m.kind().equals("withdraw")) {
                        state = "Withdrawn";
                        return null;
                    }
                    if (state.equals("Proposed")) {
                        if (!m.kind().equals("agree")) {
                            return "NOT_AGREED_YET";
                        }
                        if (m.sender().equals(PK)) {
                            return "PROPOSER_CANNOT_AGREE";
                        }
                        state = "Agreed";
                        return null;
                    }
                    switch (m.kind()) {
                        case "agree" -> {
                            return "ALREADY_AGREED";
                        }
                        case "escalate" -> {
                            String rule = escalationRule(level, m.to());
                            if (rule == null) {
                                level = m.to();
                            }
                            return rule;
                        }
                        default -> {
                            if (m.variant() == 2) {
                                return "FIELD_REQUIRED";
                            }
                            if (!attested.add(m.sender())) {
                                return "ALREADY_ATTESTED";
                            }
                            if (attested.size() == 2) {
                                state = "Fulfilled";
                            }
                            return null;
                        }
                    }
                }

                @Override public String state() { return state; }
                @Override public boolean closed() { return state.equals("Fulfilled") || state.equals("Withdrawn"); }
                @Override public EscalationLevel level() { return level; }

                @Override
                public PartyCode nextParty() {
                    return switch (state) {
                        case "Proposed" -> IR;
                        case "Agreed" -> attested.contains(owner) ? other(owner) : owner;
                        default -> null;
                    };
                }

                @Override
                public List<String> actions() {
                    return switch (state) {
                        case "Proposed" -> List.of("agree", "withdraw");
                        case "Agreed" -> List.of("attest", "withdraw");
                        default -> List.of();
                    };
                }

                /** Either side may withdraw an open commitment; an agreed one may be attested by a side that has not. */
                @Override
                public List<String> otherActions() {
                    return switch (state) {
                        case "Proposed" -> List.of("withdraw");
                        case "Agreed" -> attested.contains(other(nextParty())) ? List.of("withdraw") : List.of("attest", "withdraw");
                        default -> List.of();
                    };
                }

                @Override public boolean deadlineRuns() { return state.equals("Agreed"); }
                @Override public List<StixId> onTheTable() { return List.of(); }
            };
        }
    }
}
