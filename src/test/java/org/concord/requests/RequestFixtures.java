package org.concord.requests;

import org.concord.workflow.Folded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.concord.party.PartyCode;
import org.concord.requests.RequestMessage.Accept;
import org.concord.requests.RequestMessage.Acknowledge;
import org.concord.requests.RequestMessage.Amend;
import org.concord.requests.RequestMessage.Close;
import org.concord.requests.RequestMessage.CounterPropose;
import org.concord.requests.RequestMessage.Decline;
import org.concord.requests.RequestMessage.Escalate;
import org.concord.requests.RequestMessage.ProgressUpdate;
import org.concord.requests.RequestMessage.Request;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;

/** Requests, parties and conversations for tests: {@code anyX()} when the details do not matter. */
final class RequestFixtures {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final PartyCode AF = PartyCode.of("AF");

    static final Instant T0 = Instant.parse("2024-02-01T08:00:00Z");

    private RequestFixtures() {
    }

    static StixId anyLocation() {
        return StixId.random("location");
    }

    static RequestForAction anyRequestForAction() {
        return anyRequestForAction(Urgency.URGENT);
    }

    static RequestForAction anyRequestForAction(Urgency urgency) {
        return new RequestForAction(List.of(StixId.random("intrusion-set"), anyLocation()),
                List.of(EvidenceRef.of(StixId.random("report"))),
                RequestedAction.of(RequestedAction.Kind.DISMANTLE_HIDEOUT, "the compound by the dry river bed"),
                urgency, "seen on 30 January; about twenty armed men");
    }

    static Conversation aRequestFrom(PartyCode requester, PartyCode responder) {
        return new Conversation(requester, responder, T0);
    }

    /**
     * Writes the messages of one case as the two nodes would: each names the message before it,
     * and the clock moves only when told to.
     */
    static final class Conversation {

        final PartyCode requester;
        final PartyCode responder;
        private Instant now;
        private final List<RequestMessage> messages = new ArrayList<>();
        private StixId caseId;

        Conversation(PartyCode requester, PartyCode responder, Instant start) {
            this.requester = requester;
            this.responder = responder;
            this.now = start;
        }

        Conversation later(Duration duration) {
            now = now.plus(duration);
            return this;
        }

        Instant now() {
            return now;
        }

        StixId caseId() {
            return caseId;
        }

        List<RequestMessage> messages() {
            return List.copyOf(messages);
        }

        Folded<RequestMessage, RequestCase, Refusal> fold() {
            return RequestCases.fold(messages);
        }

        RequestCase state() {
            return fold().current();
        }

        Request request() {
            return request(anyRequestForAction());
        }

        Request request(RequestForAction terms) {
            caseId = StixId.random("x-concord-request");
            return add(Request.of(caseId, requester, responder, now, terms));
        }

        Envelope next(PartyCode sender) {
            StixId previous = messages.isEmpty() ? null : messages.get(messages.size() - 1).id();
            return Envelope.answer(StixId.random("x-concord-request-answer"), caseId, sender, now, previous);
        }

        Acknowledge acknowledge(PartyCode by) {
            return add(new Acknowledge(next(by)));
        }

        /** Accepts what {@code by} sees on the table: the counter-proposal (requester) or the terms. */
        Accept accept(PartyCode by) {
            return add(new Accept(next(by), termsOnTheTableFor(by), ""));
        }

        StixId termsOnTheTableFor(PartyCode party) {
            RequestCase state = RequestCases.fold(messages).current();
            if (state instanceof CounterProposed counter && party.equals(requester)) {
                return counter.proposalRef();
            }
            return state.file().termsRef();
        }

        Decline decline(PartyCode by, DeclineReason reason, String text) {
            return add(new Decline(next(by), reason, text));
        }

        CounterPropose counterPropose(PartyCode by, CounterProposal.Kind kind, String text) {
            return add(new CounterPropose(next(by), CounterProposal.of(kind, text)));
        }

        Amend amend(PartyCode by, RequestForAction revised) {
            return add(new Amend(next(by), revised));
        }

        ProgressUpdate progress(PartyCode by, String text) {
            return add(new ProgressUpdate(next(by), text));
        }

        Close close(PartyCode by, Outcome outcome, String text) {
            return add(new Close(next(by), outcome, text));
        }

        Escalate escalate(PartyCode by, EscalationLevel to, Instant asOf) {
            return add(new Escalate(next(by), to, asOf, "test"));
        }

        <M extends RequestMessage> M add(M message) {
            messages.add(message);
            return message;
        }
    }
}
