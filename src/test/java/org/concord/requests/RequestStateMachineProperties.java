package org.concord.requests;

import org.concord.workflow.Step;

import org.concord.workflow.Folded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.requests.RequestFixtures.AF;
import static org.concord.requests.RequestFixtures.IR;
import static org.concord.requests.RequestFixtures.PK;
import static org.concord.requests.RequestFixtures.T0;
import static org.concord.requests.RequestFixtures.anyRequestForAction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;
import org.concord.party.PartyCode;
import org.concord.requests.RequestMessage.Accept;
import org.concord.requests.RequestMessage.Acknowledge;
import org.concord.requests.RequestMessage.Close;
import org.concord.requests.RequestMessage.CounterPropose;
import org.concord.requests.RequestMessage.Decline;
import org.concord.requests.RequestMessage.Escalate;
import org.concord.requests.RequestMessage.ProgressUpdate;
import org.concord.requests.RequestMessage.Request;
import org.concord.workflow.DeliveryOrder;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;

/**
 * Whatever both sides (and a stranger) send, in whatever order it arrives: the case never reaches
 * an illegal state, a refused message changes nothing, and two observers agree.
 */
class RequestStateMachineProperties {

    /** The kinds of message a party may try to send, valid or not. */
    enum Kind { ACKNOWLEDGE, ACCEPT, DECLINE, DECLINE_WITHOUT_REASON, DECLINE_OTHER_WITHOUT_TEXT, COUNTER_PROPOSE,
        AMEND, PROGRESS, CLOSE, ESCALATE, SECOND_REQUEST }

    /**
     * One message to send.
     *
     * @param kind what
     * @param sender who
     * @param minutesLater how long after the latest message (0 allows ties; below 0 is a clock
     *     running behind, which can sort a concurrent message before ones already applied)
     * @param concurrent whether the sender had not seen the latest messages (names an earlier one)
     * @param pick picks the earlier message, the outcome, the rung
     */
    record Send(Kind kind, PartyCode sender, int minutesLater, boolean concurrent, int pick) {
    }

    /** Both nodes' messages so far, as a set the test can fold in any order. */
    static final class Exchange {
        final List<RequestMessage> messages = new ArrayList<>();
        final StixId caseId = StixId.random("x-concord-request");
        Instant latest = T0;
        int lastSentWasLast;
        final Set<String> visited = new java.util.TreeSet<>(Set.of("Requested"));

        Exchange() {
            messages.add(Request.of(caseId, PK, IR, T0, anyRequestForAction()));
        }

        void send(Send send) {
            Folded<RequestMessage, RequestCase, Refusal> before = RequestCases.fold(caseId, messages);
            List<RequestMessage> order = canonical();
            StixId previous = send.concurrent()
                    ? order.get(send.pick() % order.size()).id()
                    : order.get(order.size() - 1).id();
            latest = latest.plusSeconds(60L * send.minutesLater());
            RequestMessage message = build(send, Envelope.answer(StixId.random("x-concord-request-answer"), caseId,
                    send.sender(), latest, previous), before);
            messages.add(message);

            Folded<RequestMessage, RequestCase, Refusal> after = RequestCases.fold(caseId, messages);
            visited.add(after.current().name());
            List<RequestMessage> newOrder = canonical();
            if (newOrder.get(newOrder.size() - 1).equals(message)) {
                lastSentWasLast++;
                RequestCase was = before.current();
                Step<RequestCase, Refusal> transition = was.apply(message);
                if (transition instanceof Step.Refused<RequestCase, Refusal> refused) {
                    assertThat(after.current()).as("a refused message changes nothing").isEqualTo(was);
                    assertThat(after.refused()).contains(new Folded.RefusedMessage<>(message, refused.refusal()));
                } else {
                    assertThat(after.current()).isEqualTo(((Step.Next<RequestCase, Refusal>) transition).state());
                }
            }
        }

        List<RequestMessage> canonical() {
            return DeliveryOrder.arrange(caseId, messages).inOrder();
        }

        /** What the sender accepts: what it sees on the table, or, now and then, something stale. */
        private StixId termsSeenBy(Send send, Folded<RequestMessage, RequestCase, Refusal> before) {
            if (send.pick() % 7 == 0) {
                return StixId.random("x-concord-request-answer");
            }
            RequestCase state = before.current();
            if (state instanceof CounterProposed counter && send.sender().equals(state.file().requester())) {
                return counter.proposalRef();
            }
            return state.file().termsRef();
        }

        private RequestMessage build(Send send, Envelope envelope, Folded<RequestMessage, RequestCase, Refusal> before) {
            switch (send.kind()) {
                case ACKNOWLEDGE: return new Acknowledge(envelope);
                case ACCEPT: return new Accept(envelope, termsSeenBy(send, before), "");
                case DECLINE:
                    return new Decline(envelope, DeclineReason.values()[send.pick() % 3], "");
                case DECLINE_WITHOUT_REASON: return new Decline(envelope, null, "");
                case DECLINE_OTHER_WITHOUT_TEXT: return new Decline(envelope, DeclineReason.OTHER, "");
                case COUNTER_PROPOSE:
                    return new CounterPropose(envelope, CounterProposal.of(
                            CounterProposal.Kind.values()[send.pick() % CounterProposal.Kind.values().length], "x"));
                case AMEND: return new RequestMessage.Amend(envelope, anyRequestForAction());
                case PROGRESS: return new ProgressUpdate(envelope, "moving");
                case CLOSE:
                    return new Close(envelope, Outcome.values()[send.pick() % Outcome.values().length], "why");
                case ESCALATE:
                    return new Escalate(envelope, EscalationLevel.values()[send.pick() % 3], envelope.sentAt(), "");
                default:
                    return Request.of(StixId.random("x-concord-request"), send.sender(), IR, envelope.sentAt(),
                            anyRequestForAction());
            }
        }
    }

    static Arbitrary<Send> sends() {
        return Combinators.combine(
                Arbitraries.frequency(
                        net.jqwik.api.Tuple.of(3, Kind.ACKNOWLEDGE), net.jqwik.api.Tuple.of(3, Kind.ACCEPT),
                        net.jqwik.api.Tuple.of(1, Kind.DECLINE), net.jqwik.api.Tuple.of(1, Kind.DECLINE_WITHOUT_REASON),
                        net.jqwik.api.Tuple.of(1, Kind.DECLINE_OTHER_WITHOUT_TEXT),
                        net.jqwik.api.Tuple.of(3, Kind.COUNTER_PROPOSE), net.jqwik.api.Tuple.of(2, Kind.AMEND),
                        net.jqwik.api.Tuple.of(3, Kind.PROGRESS), net.jqwik.api.Tuple.of(1, Kind.CLOSE),
                        net.jqwik.api.Tuple.of(2, Kind.ESCALATE), net.jqwik.api.Tuple.of(1, Kind.SECOND_REQUEST)),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(9, Arbitraries.just(PK)),
                        net.jqwik.api.Tuple.of(9, Arbitraries.just(IR)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(AF))),
                Arbitraries.integers().between(-30, 180),
                Arbitraries.integers().between(0, 4).map(i -> i == 0),
                Arbitraries.integers().between(0, 1000))
                .as(Send::new);
    }

    static final class Sending implements Action.Independent<Exchange> {
        @Override
        public Arbitrary<Transformer<Exchange>> transformer() {
            return sends().map(send -> Transformer.mutate(send.toString(), exchange -> exchange.send(send)));
        }
    }

    @Provide
    Arbitrary<ActionChain<Exchange>> exchanges() {
        return ActionChain.startWith(Exchange::new).withAction(new Sending()).withMaxTransformations(40);
    }

    @Property(tries = 300)
    void no_sequence_of_messages_reaches_an_illegal_state_and_refusals_change_nothing(
            @ForAll("exchanges") ActionChain<Exchange> chain) {
        Exchange exchange = chain
                .withInvariant("the case is legal", e -> assertLegal(RequestCases.fold(e.caseId, e.messages)))
                .run();
        RequestCase last = RequestCases.fold(exchange.caseId, exchange.messages).current();
        for (String visited : exchange.visited) {
            Statistics.label("states visited").collect(visited);
        }
        Statistics.label("final rung").collect(last.file().level());
        int checked = 100 * exchange.lastSentWasLast / Math.max(1, exchange.messages.size() - 1);
        Statistics.label("share of messages that sorted last and were checked step by step")
                .collect(checked >= 75 ? "75-100 %" : checked >= 50 ? "50-74 %" : "under 50 %");
        Statistics.label("states visited").coverage(coverage -> {
            for (String name : List.of("Requested", "Acknowledged", "CounterProposed", "Accepted", "Declined",
                    "Closed")) {
                coverage.check(name).count(n -> n > 0);
            }
        });
    }

    @Property(tries = 300)
    void two_observers_folding_the_same_messages_in_any_order_with_duplicates_agree(
            @ForAll("exchanges") ActionChain<Exchange> chain, @ForAll long seed) {
        Exchange exchange = chain.run();
        Random random = new Random(seed);
        List<RequestMessage> asPkSawThem = new ArrayList<>(exchange.messages);
        List<RequestMessage> asIrSawThem = new ArrayList<>(exchange.messages);
        for (int i = 0; i < exchange.messages.size() / 2; i++) {
            asIrSawThem.add(exchange.messages.get(random.nextInt(exchange.messages.size())));
        }
        Collections.shuffle(asIrSawThem, random);

        assertThat(RequestCases.fold(exchange.caseId, asIrSawThem))
                .isEqualTo(RequestCases.fold(exchange.caseId, asPkSawThem));
    }

    /** What a legal case looks like, whatever happened to it. */
    static void assertLegal(Folded<RequestMessage, RequestCase, Refusal> folded) {
        RequestCase state = folded.current();
        CaseFile file = state.file();
        List<RequestMessage> history = file.history();

        assertThat(file.requester()).isNotEqualTo(file.responder());
        assertThat(history).isEqualTo(folded.applied());
        assertThat(history.get(0)).isInstanceOf(Request.class);
        assertThat(history.stream().skip(1)).noneMatch(m -> m instanceof Request);
        assertThat(history).allMatch(m -> file.isParty(m.sender()), "every applied message is from a party");
        Set<StixId> ids = new HashSet<>();
        assertThat(history).allMatch(m -> ids.add(m.id()), "no message applied twice");

        assertThat(history).noneMatch(m -> m.sender().equals(file.requester())
                && (m instanceof Acknowledge || m instanceof ProgressUpdate || m instanceof CounterPropose));
        assertThat(history.stream().filter(m -> m instanceof Acknowledge).count()).isLessThanOrEqualTo(1);
        assertThat(history.stream().filter(m -> m instanceof Accept).count()).isLessThanOrEqualTo(1);
        assertThat(history.stream().filter(m -> m instanceof Escalate).count())
                .as("one rung per applied escalation").isEqualTo(file.level().ordinal());
        assertThat(history.stream().filter(m -> m instanceof Decline d && d.reason() == null)).isEmpty();

        int acceptedAt = indexOf(history, Accept.class);
        int firstProgress = indexOf(history, ProgressUpdate.class);
        if (firstProgress >= 0) {
            assertThat(acceptedAt).as("progress only after acceptance").isBetween(0, firstProgress);
        }
        RequestMessage last = history.get(history.size() - 1);
        if (state instanceof Accepted accepted) {
            assertThat(acceptedAt).isPositive();
            Accept acceptance = (Accept) history.get(acceptedAt);
            if (accepted.agreedCounterProposal().isEmpty()) {
                assertThat(acceptance.termsRef()).as("the responder accepted the terms in force")
                        .isEqualTo(file.termsRef());
            } else {
                assertThat(acceptance.sender()).isEqualTo(file.requester());
            }
        }
        if (state instanceof Declined) {
            assertThat(last).isInstanceOf(Decline.class);
            assertThat(last.sender()).isEqualTo(file.responder());
        }
        if (state instanceof Closed closed) {
            assertThat(last).isInstanceOf(Close.class);
            assertThat(closed.outcome().isTheRequesters()).isEqualTo(last.sender().equals(file.requester()));
        }
        if (!state.isClosed()) {
            assertThat(history).noneMatch(m -> m instanceof Close);
        }
        for (Folded.RefusedMessage<RequestMessage, Refusal> refused : folded.refused()) {
            assertThat(history).doesNotContain(refused.message());
        }
    }

    private static int indexOf(List<RequestMessage> history, Class<?> type) {
        for (int i = 0; i < history.size(); i++) {
            if (type.isInstance(history.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
