package org.concord.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import org.concord.commitments.Commitment;
import org.concord.commitments.CommitmentMessage;
import org.concord.hotline.HotlineMessage;
import org.concord.hotline.Official;
import org.concord.hotline.Priority;
import org.concord.incidents.Casualties;
import org.concord.intel.stix.DerivedIds;
import org.concord.incidents.Claim;
import org.concord.incidents.IncidentMessage;
import org.concord.incidents.IncidentReport;
import org.concord.incidents.IncidentType;
import org.concord.party.PartyCode;
import org.concord.requests.EvidenceRef;
import org.concord.requests.Outcome;
import org.concord.requests.RequestForAction;
import org.concord.requests.RequestMessage;
import org.concord.requests.RequestedAction;
import org.concord.requests.Urgency;
import org.concord.workflow.CaseMessage;
import org.concord.workflow.Envelope;
import org.concord.workflow.StixId;

/**
 * The January 2024 Iran–Pakistan crisis as the messages of two Concord nodes.
 *
 * <p>What is public record: on 16 January 2024 Iran struck targets near Panjgur in Pakistan's
 * Balochistan, saying it hit Jaish al-Adl; Pakistan said two children were killed and three girls
 * injured. On 18 January Pakistan struck hideouts near Saravan in Iran's Sistan-Baluchestan;
 * Iranian officials said nine people were killed (three women, four children, two men) and that
 * they were not Iranian nationals. On 22 January the foreign ministers agreed that the ambassadors
 * would be back at their posts by 26 January and that Iran's foreign minister would visit Pakistan
 * on 29 January; during that visit the two sides agreed on liaison officers in Turbat and Zahedan
 * and a mechanism at foreign-minister level. On 19 January the two foreign ministers spoke by
 * telephone, Iran's calling Pakistan's, and agreed to de-escalate.
 *
 * <p>What is assumed for the demo and said so here: the hours of the strikes and of each message
 * (dates are right, times approximate); the owners of the liaison-officer and mechanism
 * commitments and their due date (31 March 2024), which no statement fixed; the hotline exchange
 * of 19 January that arranges the ministers' call (the call happened; that it was arranged over a
 * hotline, by whom and at what hour, is assumed); and the two <em>counterfactual</em> requests for
 * action, which are what Concord is for — asking the other side to act instead of striking — and
 * did not happen: each is acknowledged, accepted, reported on and closed by the addressee, every
 * text saying "Counterfactual".
 *
 * <p>Use {@link #scenario()} for everything, {@link Builder#asOf(Instant)} for the messages as the
 * nodes held them at a moment (e.g. 27 January: ambassadors back, visit still ahead).
 */
public final class January2024 {

    public static final PartyCode PK = PartyCode.of("PK");
    public static final PartyCode IR = PartyCode.of("IR");

    /** Jaish al-Adl, the group Iran said it struck near Panjgur. */
    public static final StixId JAISH_AL_ADL = derived("intrusion-set", "Jaish al-Adl");
    /** The Baloch separatist groups ("Sarmachars") Pakistan said it struck near Saravan. */
    public static final StixId BALOCH_SEPARATISTS = derived("intrusion-set", "BLA/BLF (Sarmachars)");
    public static final StixId NEAR_PANJGUR = derived("location", "near Panjgur, Balochistan, PK");
    public static final StixId NEAR_SARAVAN = derived("location", "near Saravan, Sistan-Baluchestan, IR");

    // Reports and proposals open their case with their own id, and travel as STIX objects whose id
    // prefix must equal their type: hence x-concord-incident-message and x-concord-commitment-message.

    /** Pakistan's report of Iran's strike of 16 January. */
    public static final StixId STRIKE_OF_16_JANUARY = id("x-concord-incident-message", "strike of 16 January 2024");
    /** Iran's report of Pakistan's strikes of 18 January. */
    public static final StixId STRIKES_OF_18_JANUARY = id("x-concord-incident-message", "strikes of 18 January 2024");
    /** The claim in Iran's report that those killed were not Iranian nationals. */
    public static final String NOT_IRANIAN_NATIONALS = "claim-2";

    public static final StixId IR_AMBASSADOR_BACK = id("x-concord-commitment-message", "Iran's ambassador back in Islamabad");
    public static final StixId PK_AMBASSADOR_BACK = id("x-concord-commitment-message", "Pakistan's ambassador back in Tehran");
    public static final StixId IR_FM_VISIT = id("x-concord-commitment-message", "Iran's foreign minister visits Pakistan");
    public static final StixId LIAISON_TURBAT = id("x-concord-commitment-message", "liaison officer in Turbat");
    public static final StixId LIAISON_ZAHEDAN = id("x-concord-commitment-message", "liaison officer in Zahedan");
    public static final StixId JOINT_COORDINATION_MECHANISM = id("x-concord-commitment-message",
            "Joint Coordination Mechanism at foreign-minister level");

    public static final StixId IR_ASKS_PK_TO_ACT = id("x-concord-request-message",
            "Iran asks Pakistan: Jaish al-Adl near Panjgur");
    public static final StixId PK_ASKS_IR_TO_ACT = id("x-concord-request-message", "Pakistan asks Iran: hideouts near Saravan");
    /** 19 January: Iran's foreign ministry asks over the hotline for a call between the foreign ministers. */
    public static final StixId MINISTERS_CALL_ASKED = id("x-concord-hotline-message", "ministers' call asked");
    /** Pakistan's answer, in reply: the minister takes the call at noon. */
    public static final StixId MINISTERS_CALL_AGREED = id("x-concord-hotline-message", "ministers' call agreed");

    private static final Instant AMBASSADORS_DUE = Instant.parse("2024-01-25T20:30:00Z"); // 26 Jan 00:00 Tehran
    private static final Instant VISIT_DUE = Instant.parse("2024-01-29T19:00:00Z"); // end of 29 Jan, Islamabad
    private static final Instant MECHANISMS_DUE = Instant.parse("2024-03-31T19:00:00Z"); // assumed

    private January2024() {
    }

    /** All messages of the scenario. */
    public static Seed scenario() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The messages the two nodes hold, by module.
     *
     * @param requests the counterfactual requests for action
     * @param incidents the two incident reports
     * @param commitments the commitments, agreed and (as of the seed's moment) attested
     * @param calls the hotline exchange of 19 January
     */
    public record Seed(List<RequestMessage> requests, List<IncidentMessage> incidents,
            List<CommitmentMessage> commitments, List<HotlineMessage> calls) {
        public Seed {
            requests = List.copyOf(requests);
            incidents = List.copyOf(incidents);
            commitments = List.copyOf(commitments);
            calls = List.copyOf(calls);
        }
    }

    /** Chooses the moment and the parts of the scenario. */
    public static final class Builder {

        private Instant asOf = Instant.MAX;
        private boolean counterfactualRequests = true;

        private Builder() {
        }

        /** Only the messages sent at or before {@code moment}. */
        public Builder asOf(Instant moment) {
            this.asOf = Objects.requireNonNull(moment, "moment");
            return this;
        }

        /** Leave out the requests for action that did not happen. */
        public Builder withoutCounterfactualRequests() {
            this.counterfactualRequests = false;
            return this;
        }

        public Seed build() {
            Predicate<CaseMessage> sent = m -> !m.sentAt().isAfter(asOf);
            return new Seed(
                    (counterfactualRequests ? requests() : List.<RequestMessage>of()).stream().filter(sent).toList(),
                    incidents().stream().filter(sent).toList(),
                    commitments().stream().filter(sent).toList(),
                    calls().stream().filter(sent).toList());
        }
    }

    private static List<IncidentMessage> incidents() {
        IncidentReport panjgur = new IncidentReport(Instant.parse("2024-01-16T16:00:00Z"),
                point(64.10, 26.97), IncidentType.CROSS_BORDER_STRIKE,
                "Missiles and drones struck a village near Panjgur, Balochistan, from Iranian territory.",
                new Casualties(2, 3, "two children killed, three girls injured"),
                List.of(new Claim("claim-1", "Two children were killed and three girls injured."),
                        new Claim("claim-2", "The strike was an unprovoked violation of Pakistan's airspace.")));
        IncidentReport saravan = new IncidentReport(Instant.parse("2024-01-18T00:35:00Z"),
                point(62.33, 27.37), IncidentType.CROSS_BORDER_STRIKE,
                "Pakistani strikes hit a village near Saravan, Sistan-Baluchestan.",
                new Casualties(9, 0, "three women, four children and two men"),
                List.of(new Claim("claim-1", "Nine people were killed: three women, four children and two men."),
                        new Claim(NOT_IRANIAN_NATIONALS, "Those killed were not Iranian nationals.")));
        return List.of(
                IncidentMessage.Report.of(STRIKE_OF_16_JANUARY, PK, IR, Instant.parse("2024-01-17T06:00:00Z"),
                        panjgur),
                IncidentMessage.Report.of(STRIKES_OF_18_JANUARY, IR, PK, Instant.parse("2024-01-18T09:00:00Z"),
                        saravan));
    }

    private static List<CommitmentMessage> commitments() {
        Instant agreedOn22 = Instant.parse("2024-01-22T12:00:00Z");
        Instant agreedOn29 = Instant.parse("2024-01-29T12:00:00Z");
        List<CommitmentMessage> all = new ArrayList<>();
        all.addAll(agreed(IR_AMBASSADOR_BACK, PK, IR, agreedOn22,
                new Commitment("Iran's ambassador returns to his post in Islamabad", IR, AMBASSADORS_DUE),
                Instant.parse("2024-01-26T06:00:00Z"), "The ambassador is back at his post in Islamabad."));
        all.addAll(agreed(PK_AMBASSADOR_BACK, PK, IR, agreedOn22,
                new Commitment("Pakistan's ambassador returns to his post in Tehran", PK, AMBASSADORS_DUE),
                Instant.parse("2024-01-26T06:00:00Z"), "The ambassador is back at his post in Tehran."));
        all.addAll(agreed(IR_FM_VISIT, PK, IR, agreedOn22,
                new Commitment("Iran's foreign minister visits Pakistan on 29 January 2024", IR, VISIT_DUE),
                Instant.parse("2024-01-29T16:00:00Z"), "The foreign minister visited Islamabad."));
        all.addAll(agreed(LIAISON_TURBAT, IR, PK, agreedOn29,
                new Commitment("A liaison officer is appointed in Turbat", PK, MECHANISMS_DUE), null, null));
        all.addAll(agreed(LIAISON_ZAHEDAN, PK, IR, agreedOn29,
                new Commitment("A liaison officer is appointed in Zahedan", IR, MECHANISMS_DUE), null, null));
        all.addAll(agreed(JOINT_COORDINATION_MECHANISM, IR, PK, agreedOn29,
                new Commitment("A Joint Coordination Mechanism is set up at foreign-minister level", PK,
                        MECHANISMS_DUE), null, null));
        return all;
    }

    /** Proposed by one side, agreed by the other an hour later, and attested by both when {@code attestedAt} is set. */
    private static List<CommitmentMessage> agreed(StixId id, PartyCode proposer, PartyCode counterpart, Instant at,
            Commitment commitment, Instant attestedAt, String attestation) {
        List<CommitmentMessage> messages = new ArrayList<>();
        messages.add(CommitmentMessage.Propose.of(id, proposer, counterpart, at, commitment));
        messages.add(new CommitmentMessage.Agree(
                next(messages, id, counterpart, at.plus(Duration.ofHours(1)), "agree")));
        if (attestedAt != null) {
            PartyCode owner = commitment.owner();
            PartyCode other = owner.equals(proposer) ? counterpart : proposer;
            messages.add(new CommitmentMessage.Attest(next(messages, id, owner, attestedAt, "attest-owner"),
                    attestation, List.of()));
            messages.add(new CommitmentMessage.Attest(next(messages, id, other, attestedAt.plus(Duration.ofHours(2)),
                    "attest-other"), "Confirmed.", List.of()));
        }
        return messages;
    }

    private static List<RequestMessage> requests() {
        RequestForAction panjgur = new RequestForAction(List.of(JAISH_AL_ADL, NEAR_PANJGUR),
                List.of(EvidenceRef.of(derived("report", "Jaish al-Adl attack on Rask, December 2023"))),
                RequestedAction.of(RequestedAction.Kind.DISMANTLE_HIDEOUT, "the hideouts near Panjgur"),
                Urgency.URGENT, "Counterfactual: what Iran could have sent instead of the strike of 16 January.");
        RequestForAction saravan = new RequestForAction(List.of(BALOCH_SEPARATISTS, NEAR_SARAVAN),
                List.of(EvidenceRef.of(derived("report", "Sarmachar hideouts near Saravan"))),
                RequestedAction.of(RequestedAction.Kind.DISMANTLE_HIDEOUT, "the hideouts near Saravan"),
                Urgency.URGENT, "Counterfactual: what Pakistan could have sent instead of the strikes of 18 January.");
        List<RequestMessage> all = new ArrayList<>();
        all.addAll(answered(IR_ASKS_PK_TO_ACT, IR, PK, Instant.parse("2024-01-15T08:00:00Z"), panjgur,
                "Counterfactual: the Frontier Corps is searching the area near Panjgur named in the request.",
                Outcome.TARGET_NOT_FOUND,
                "Counterfactual: the compounds named were searched on 15 and 16 January and found empty."));
        all.addAll(answered(PK_ASKS_IR_TO_ACT, PK, IR, Instant.parse("2024-01-17T08:00:00Z"), saravan,
                "Counterfactual: border guards of Sistan-Baluchestan are moving on the hideouts near Saravan.",
                Outcome.PARTIALLY_DONE,
                "Counterfactual: one of the two hideouts was cleared; the other was abandoned before the guards arrived."));
        return all;
    }

    /** A counterfactual request, acknowledged at once, accepted, reported on and closed by its addressee. */
    private static List<RequestMessage> answered(StixId id, PartyCode requester, PartyCode responder, Instant at,
            RequestForAction request, String progress, Outcome outcome, String closing) {
        List<RequestMessage> messages = new ArrayList<>();
        messages.add(RequestMessage.Request.of(id, requester, responder, at, request));
        messages.add(new RequestMessage.Acknowledge(next("x-concord-request-message", messages, id, responder,
                at.plus(Duration.ofMinutes(30)), "acknowledge")));
        messages.add(new RequestMessage.Accept(next("x-concord-request-message", messages, id, responder,
                at.plus(Duration.ofHours(3)), "accept"), id, "Counterfactual: we act on the request as it stands."));
        messages.add(new RequestMessage.ProgressUpdate(next("x-concord-request-message", messages, id, responder,
                at.plus(Duration.ofHours(12)), "progress"), progress));
        messages.add(new RequestMessage.Close(next("x-concord-request-message", messages, id, responder,
                at.plus(Duration.ofHours(30)), "close"), outcome, closing));
        return messages;
    }

    /** 19 January: the hotline exchange that arranges the foreign ministers' telephone call. */
    private static List<HotlineMessage> calls() {
        Official tehran = new Official(IR, "Duty officer", "Ministry of Foreign Affairs, Tehran");
        Official islamabad = new Official(PK, "Duty officer", "Ministry of Foreign Affairs, Islamabad");
        Instant asked = Instant.parse("2024-01-19T05:30:00Z");
        Instant agreed = Instant.parse("2024-01-19T06:10:00Z");
        HotlineMessage.Send ask = HotlineMessage.Send.of(MINISTERS_CALL_ASKED, tehran, islamabad, Priority.PRIORITY, asked,
                "Foreign Minister Amir-Abdollahian asks to speak with Foreign Minister Jilani by telephone today.");
        HotlineMessage.Send answer = new HotlineMessage.Send(new Envelope(MINISTERS_CALL_AGREED, MINISTERS_CALL_AGREED, PK, agreed,
                null), islamabad, tehran, Priority.PRIORITY,
                "Foreign Minister Jilani will take the call at 12:00 Islamabad time.", null, MINISTERS_CALL_ASKED);
        return List.of(ask,
                new HotlineMessage.Acknowledge(Envelope.answer(id("x-concord-hotline-message", "ministers' call asked: acknowledged"),
                        MINISTERS_CALL_ASKED, PK, asked.plus(Duration.ofMinutes(4)), MINISTERS_CALL_ASKED), islamabad),
                answer,
                new HotlineMessage.Acknowledge(Envelope.answer(id("x-concord-hotline-message", "ministers' call agreed: acknowledged"),
                        MINISTERS_CALL_AGREED, IR, agreed.plus(Duration.ofMinutes(3)), MINISTERS_CALL_AGREED), tehran));
    }

    private static Envelope next(List<? extends CaseMessage> messages, StixId caseId, PartyCode sender, Instant at,
            String what) {
        return next("x-concord-commitment-message", messages, caseId, sender, at, what);
    }

    private static Envelope next(String type, List<? extends CaseMessage> messages, StixId caseId, PartyCode sender, Instant at,
            String what) {
        StixId previous = messages.get(messages.size() - 1).id();
        return Envelope.answer(id(type, caseId + " " + what), caseId, sender, at, previous);
    }

    /**
     * A fixed id of {@code type} derived from {@code name}: UUIDv4-shaped, as STIX 2.1 asks of every
     * object but a cyber-observable ({@link DerivedIds}), the same in every run of the scenario.
     */
    private static StixId derived(String type, String name) {
        return StixId.of(DerivedIds.id(type, name));
    }

    private static StixId id(String type, String name) {
        return derived(type, "concord:january-2024:" + name);
    }

    private static String point(double longitude, double latitude) {
        return "{\"type\":\"Point\",\"coordinates\":[" + longitude + "," + latitude + "]}";
    }
}
