package org.concord.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

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
import org.concord.requests.DeclineReason;
import org.concord.requests.EvidenceRef;
import org.concord.requests.RequestForAction;
import org.concord.requests.RequestMessage;
import org.concord.requests.RequestType;
import org.concord.requests.RequestedAction;
import org.concord.requests.Urgency;

/**
 * One sample conversation of each workflow type, for the tests of the rules every type shares: an
 * opening message from one side, an answer from the other, and another answer (other content) to
 * reuse an id with.
 */
public final class WorkflowSamples {

    private WorkflowSamples() {
    }

    /**
     * A sample of one type.
     *
     * @param opening the first message, {@code from} one party {@code to} the other, sent at an instant
     * @param answer a valid answer by the addressee, in an envelope that follows the opening
     * @param otherAnswer a different answer by the addressee, for an id reused with other content
     */
    public record Sample<M extends CaseMessage, S, R extends CaseRefusal>(CaseType<M, S, R> type,
            OpeningMaker<M> opening, Function<Envelope, M> answer, Function<Envelope, M> otherAnswer) {

        public M open(PartyCode from, PartyCode to, Instant at) {
            return opening.make(StixId.random(type.stixType()), from, to, at);
        }

        @Override
        public String toString() {
            return type.name();
        }
    }

    /** Makes an opening message. */
    @FunctionalInterface
    public interface OpeningMaker<M> {
        M make(StixId id, PartyCode from, PartyCode to, Instant at);
    }

    public static List<Sample<?, ?, ?>> all() {
        return List.of(request(), call(), incident(), commitment());
    }

    public static Sample<RequestMessage, ?, ?> request() {
        return new Sample<>(RequestType.DEFAULT,
                (id, from, to, at) -> RequestMessage.Request.of(id, from, to, at, new RequestForAction(
                        List.of(StixId.random("intrusion-set")), List.of(EvidenceRef.of(StixId.random("report"))),
                        RequestedAction.of(RequestedAction.Kind.DISMANTLE_HIDEOUT, "the compound by the dry river bed"),
                        Urgency.URGENT, "seen on 30 January")),
                RequestMessage.Acknowledge::new,
                env -> new RequestMessage.Decline(env, DeclineReason.NOT_IN_OUR_TERRITORY, "not ours"));
    }

    public static Sample<HotlineMessage, ?, ?> call() {
        return new Sample<>(HotlineType.DEFAULT,
                (id, from, to, at) -> HotlineMessage.Send.of(id, new Official(from, "Duty officer " + from, "DGMO"),
                        new Official(to, "Duty officer " + to, "Operations"), Priority.FLASH, at, "shots near the border"),
                env -> new HotlineMessage.Acknowledge(env, new Official(env.sender(), "Duty officer " + env.sender(), "Operations")),
                env -> new HotlineMessage.Acknowledge(env, new Official(env.sender(), "Someone else", "Night desk")));
    }

    public static Sample<IncidentMessage, ?, ?> incident() {
        return new Sample<>(IncidentCaseType.INSTANCE,
                (id, from, to, at) -> IncidentMessage.Report.of(id, from, to, at, new IncidentReport(at.minusSeconds(3600),
                        "{\"type\":\"Point\",\"coordinates\":[62.33,27.37]}", IncidentType.CROSS_BORDER_STRIKE,
                        "drones struck a village", new Casualties(9, 0, "nine"),
                        List.of(new Claim("claim-1", "nine people were killed")))),
                env -> new IncidentMessage.AnswerClaim(env, "claim-1", Verdict.CONFIRM, List.of(), "confirmed"),
                env -> new IncidentMessage.AnswerClaim(env, "claim-1", Verdict.UNKNOWN, List.of(), "we do not know"));
    }

    public static Sample<CommitmentMessage, ?, ?> commitment() {
        return new Sample<>(CommitmentType.DEFAULT,
                (id, from, to, at) -> CommitmentMessage.Propose.of(id, from, to, at,
                        new Commitment("reopen the crossing at Taftan", to, at.plus(Duration.ofDays(3)))),
                CommitmentMessage.Agree::new,
                env -> new CommitmentMessage.Withdraw(env, "the crossing stays shut"));
    }

    /** The envelope of the next message {@code by} after {@code previous}. */
    public static Envelope after(CaseMessage previous, PartyCode by, Instant at, String stixType) {
        return Envelope.answer(StixId.random(stixType), previous.caseId(), by, at, previous.id());
    }

}
