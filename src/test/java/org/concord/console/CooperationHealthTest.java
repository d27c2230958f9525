package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.concord.console.CooperationHealth.Figures;
import org.concord.console.CooperationHealth.Side;
import org.concord.workflow.CaseView;
import org.junit.jupiter.api.Test;

/** Cooperation health's figures on cases whose answers and times are known, as PK holds them. */
class CooperationHealthTest {

    static final String PK = "PK";
    static final String IR = "IR";

    @Test
    void timesToAcknowledgeAndAnswerAreMedianAndNinetiethPercentilePerMonthAndSide() {
        // PK's four requests of January 2024: IR acknowledged after 10, 20, 30 and 40 min, answered after 1, 2, 3 h and never
        List<CaseView> cases = List.of(
                request("r1", PK, "2024-01-16T10:00:00Z", m("acknowledge", IR, "2024-01-16T10:10:00Z"), m("accept", IR, "2024-01-16T11:00:00Z")),
                request("r2", PK, "2024-01-17T10:00:00Z", m("acknowledge", IR, "2024-01-17T10:20:00Z"), m("decline", IR, "2024-01-17T12:00:00Z")),
                request("r3", PK, "2024-01-18T10:00:00Z", m("acknowledge", IR, "2024-01-18T10:30:00Z"),
                        m("counter_propose", IR, "2024-01-18T13:00:00Z"), m("accept", PK, "2024-01-18T14:00:00Z")),
                request("r4", PK, "2024-01-19T10:00:00Z", m("acknowledge", IR, "2024-01-19T10:40:00Z")),
                // IR's request of February: PK answered it at once with an acceptance (which acknowledges too), after 5 min
                request("r5", IR, "2024-02-01T08:00:00Z", m("accept", PK, "2024-02-01T08:05:00Z")));

        CooperationHealth.Report report = CooperationHealth.of(cases, PK);

        assertThat(report.months()).containsExactly("2024-01", "2024-02");
        Figures january = report.of("2024-01", Side.US_TO_PARTNER);
        assertThat(january.cases()).isEqualTo(4);
        assertThat(january.acknowledge()).isEqualTo(new CooperationHealth.Stat(4, minutes(25), minutes(40)));
        assertThat(january.answer()).isEqualTo(new CooperationHealth.Stat(3, minutes(120), minutes(180)));
        assertThat(List.of(january.accepted(), january.declined(), january.countered())).containsExactly(1, 1, 1);
        assertThat(report.of("2024-01", Side.PARTNER_TO_US).cases()).isZero();
        assertThat(report.of("2024-01", Side.PARTNER_TO_US).acknowledge()).isEqualTo(new CooperationHealth.Stat(0, null, null));

        Figures february = report.of("2024-02", Side.PARTNER_TO_US);
        assertThat(february.acknowledge()).isEqualTo(new CooperationHealth.Stat(1, minutes(5), minutes(5)));
        assertThat(february.answer()).isEqualTo(new CooperationHealth.Stat(1, minutes(5), minutes(5)));
        assertThat(february.accepted()).isEqualTo(1);
        assertThat(report.of("2024-02", Side.US_TO_PARTNER).cases()).isZero();
    }

    @Test
    void theNinetiethPercentileIsTheNearestRank() {
        List<Duration> ten = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ten.add(minutes(i));
        }
        assertThat(CooperationHealth.Stat.of(ten)).isEqualTo(new CooperationHealth.Stat(10, Duration.ofSeconds(330), minutes(9)));
        ten.add(minutes(100));
        assertThat(CooperationHealth.Stat.of(ten)).isEqualTo(new CooperationHealth.Stat(11, minutes(6), minutes(10)));
    }

    @Test
    void anEscalationIsADeadlineMissedByTheOtherSideInTheMonthItWasSent() {
        // PK escalated its own request twice (IR missed two deadlines), IR escalated a commitment PK owed once, in March
        List<CaseView> cases = List.of(
                request("r1", PK, "2024-01-31T23:00:00Z", m("escalate", PK, "2024-02-01T00:10:00Z"), m("escalate", PK, "2024-02-01T01:10:00Z"),
                        m("acknowledge", IR, "2024-02-01T02:00:00Z")),
                view("commitment", "c1", PK, "Agreed", Map.of(), msg("propose", PK, "2024-03-01T00:00:00Z"),
                        m("agree", IR, "2024-03-01T01:00:00Z"), m("escalate", IR, "2024-03-20T00:00:00Z")));

        CooperationHealth.Report report = CooperationHealth.of(cases, PK);

        assertThat(report.of("2024-01", Side.US_TO_PARTNER).cases()).isEqualTo(1);
        assertThat(report.of("2024-01", Side.US_TO_PARTNER).acknowledge().median()).isEqualTo(minutes(180));
        assertThat(report.of("2024-02", Side.US_TO_PARTNER).deadlinesMissed()).isEqualTo(2);
        assertThat(report.of("2024-03", Side.PARTNER_TO_US).deadlinesMissed()).isEqualTo(1);
        assertThat(report.of("2024-03", Side.US_TO_PARTNER).answer().median()).isEqualTo(minutes(60));
    }

    @Test
    void incidentsAreSettledOrDisputedByWhoReportedThem() {
        List<CaseView> cases = List.of(
                view("incident", "i1", PK, "Settled", Map.of("answers", Map.of("c1", Map.of("verdict", "DISPUTE"))),
                        msg("report", PK, "2024-01-10T00:00:00Z"), m("answer_claim", IR, "2024-01-10T06:00:00Z")),
                view("incident", "i2", PK, "UnderReview", Map.of("answers", Map.of("c1", Map.of("verdict", "CONFIRM"),
                        "c2", Map.of("verdict", "DISPUTE"))), msg("report", PK, "2024-01-11T00:00:00Z"),
                        m("answer_claim", IR, "2024-01-11T02:00:00Z")),
                view("incident", "i3", IR, "UnderReview", Map.of("answers", Map.of("c1", Map.of("verdict", "CONFIRM"))),
                        msg("report", IR, "2024-01-12T00:00:00Z"), m("answer_claim", PK, "2024-01-12T01:00:00Z")));

        CooperationHealth.Report report = CooperationHealth.of(cases, PK);

        Figures ours = report.of("2024-01", Side.US_TO_PARTNER);
        assertThat(ours.incidentsSettled()).isEqualTo(1);
        assertThat(ours.incidentsDisputed()).isEqualTo(1);
        assertThat(ours.answer()).isEqualTo(new CooperationHealth.Stat(2, minutes(240), minutes(360)));
        Figures theirs = report.of("2024-01", Side.PARTNER_TO_US);
        assertThat(theirs.incidentsSettled()).isZero();
        assertThat(theirs.incidentsDisputed()).isZero();
        assertThat(theirs.answer().median()).isEqualTo(minutes(60));
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(CooperationHealth.readable(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(CooperationHealth.readable(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(CooperationHealth.readable(minutes(25))).isEqualTo("25 min");
        assertThat(CooperationHealth.readable(minutes(185))).isEqualTo("3 h 5 min");
        assertThat(CooperationHealth.readable(Duration.ofHours(52))).isEqualTo("2 d 4 h");
        assertThat(CooperationHealth.readable(null)).isEqualTo("—");
    }

    // ---------------------------------------------------------------- known cases

    static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }

    static CaseView.MessageView m(String type, String sender, String at) {
        return msg(type, sender, at);
    }

    static CaseView.MessageView msg(String type, String sender, String at) {
        return new CaseView.MessageView(type + "--" + at, type, sender, at, sender.equals(PK) ? "SENT" : "RECEIVED", null);
    }

    static CaseView request(String id, String requester, String at, CaseView.MessageView... answers) {
        return view("request", id, requester, "Requested", Map.of(), msg("request", requester, at), answers);
    }

    static CaseView view(String type, String id, String opener, String state, Map<String, Object> details, CaseView.MessageView opening,
            CaseView.MessageView... rest) {
        List<CaseView.MessageView> history = new ArrayList<>();
        history.add(opening);
        history.addAll(List.of(rest));
        return new CaseView(type, id, opener.equals(PK) ? IR : PK, "GREEN", state, "LIAISON_OFFICERS", null, null, null, null, null, null,
                List.of(), history, List.of(), List.of(), List.of(), details);
    }
}
