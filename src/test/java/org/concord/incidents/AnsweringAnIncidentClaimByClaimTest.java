package org.concord.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.incidents.IncidentFixtures.AF;
import static org.concord.incidents.IncidentFixtures.IR;
import static org.concord.incidents.IncidentFixtures.PK;
import static org.concord.incidents.IncidentFixtures.anyEvidence;
import static org.concord.incidents.IncidentFixtures.anyReport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.concord.incidents.IncidentFixtures.Exchange;
import org.concord.incidents.IncidentRefusal.Rule;
import org.junit.jupiter.api.Test;

/**
 * Given Iran reports an incident to Pakistan with claims, when Pakistan answers them one by one and
 * both sign joint findings, then the incident is settled; every wrong move is refused.
 */
class AnsweringAnIncidentClaimByClaimTest {

    private final Exchange irReports = new Exchange(IR, PK, anyReport());

    @Test
    void the_partner_answers_each_claim_and_joint_findings_signed_by_both_settle_it() {
        irReports.answer(PK, "claim-1", Verdict.UNKNOWN);
        irReports.answer(PK, "claim-2", Verdict.CONFIRM);
        irReports.answer(PK, "claim-1", Verdict.CONFIRM);
        assertThat(irReports.state().file().openClaims()).isEmpty();

        IncidentMessage.ProposeFindings findings = irReports.propose(PK, "nine killed, none nationals of IR");
        irReports.signOff(IR, findings);
        assertThat(irReports.state()).isInstanceOf(FindingsProposed.class);
        irReports.signOff(PK, findings);

        Settled settled = (Settled) irReports.state();
        assertThat(settled.findings()).isEqualTo("nine killed, none nationals of IR");
        assertThat(irReports.fold().refused()).isEmpty();
    }

    @Test
    void a_dispute_needs_evidence() {
        irReports.answer(PK, "claim-1", Verdict.DISPUTE);
        assertThat(irReports.lastRefusal().rule()).isEqualTo(Rule.EVIDENCE_REQUIRED);
        assertThat(irReports.lastRefusal().field()).isEqualTo("evidence");

        irReports.answer(PK, "claim-1", Verdict.DISPUTE, anyEvidence());
        assertThat(irReports.state().file().answers().get("claim-1").verdict()).isEqualTo(Verdict.DISPUTE);
    }

    @Test
    void the_reporter_cannot_answer_its_own_claims_and_nobody_answers_an_unknown_claim_or_twice() {
        irReports.answer(IR, "claim-1", Verdict.CONFIRM);
        assertThat(irReports.lastRefusal().rule()).isEqualTo(Rule.REPORTER_CANNOT_ANSWER_OWN_CLAIMS);

        irReports.answer(PK, "claim-9", Verdict.CONFIRM);
        assertThat(irReports.lastRefusal().rule()).isEqualTo(Rule.UNKNOWN_CLAIM);

        irReports.answer(PK, "claim-1", Verdict.CONFIRM);
        irReports.answer(PK, "claim-1", Verdict.DISPUTE, anyEvidence());
        assertThat(irReports.lastRefusal().rule()).isEqualTo(Rule.CLAIM_ALREADY_ANSWERED);

        irReports.answer(AF, "claim-2", Verdict.CONFIRM);
        assertThat(irReports.lastRefusal().rule()).isEqualTo(Rule.NOT_A_PARTY_TO_THE_INCIDENT);
    }

    @Test
    void findings_signed_by_one_side_only_do_not_close_it_and_new_findings_lapse_the_signatures() {
        IncidentMessage.ProposeFindings first = irReports.propose(IR, "first draft");
        irReports.signOff(IR, first);
        irReports.signOff(IR, first);
        assertThat(irReports.lastRefusal().rule()).isEqualTo(Rule.ALREADY_SIGNED);

        IncidentMessage.ProposeFindings second = irReports.propose(PK, "second draft");
        irReports.signOff(PK, first);
        assertThat(irReports.lastRefusal().rule()).isEqualTo(Rule.NOT_THE_CURRENT_FINDINGS);
        irReports.signOff(PK, second);

        FindingsProposed state = (FindingsProposed) irReports.state();
        assertThat(state.signedBy()).containsExactly(PK);
    }

    @Test
    void nothing_changes_a_settled_incident() {
        IncidentMessage.ProposeFindings findings = irReports.propose(IR, "agreed");
        irReports.signOff(IR, findings);
        irReports.signOff(PK, findings);
        Incident settled = irReports.state();

        irReports.answer(PK, "claim-1", Verdict.CONFIRM);

        assertThat(irReports.lastRefusal().rule()).isEqualTo(Rule.INCIDENT_SETTLED);
        assertThat(irReports.state()).isEqualTo(settled);
    }

    @Test
    void a_report_without_a_place_is_refused_naming_the_field() {
        IncidentReport noPlace = new IncidentReport(IncidentFixtures.T0, " ", IncidentType.SHELLING, "shells landed",
                Casualties.none(), List.of());

        Exchange exchange = new Exchange(PK, IR, noPlace);

        assertThat(exchange.fold().state()).isEmpty();
        assertThat(exchange.lastRefusal().field()).isEqualTo("place");
    }

    @Test
    void both_nodes_agree_whatever_the_delivery_order() {
        irReports.answer(PK, "claim-2", Verdict.CONFIRM);
        IncidentMessage.ProposeFindings findings = irReports.propose(PK, "agreed");
        irReports.signOff(IR, findings);
        List<IncidentMessage> shuffled = new ArrayList<>(irReports.messages);
        shuffled.addAll(irReports.messages.subList(1, 3));
        Collections.shuffle(shuffled, new java.util.Random(3));

        assertThat(Incidents.fold(shuffled)).isEqualTo(irReports.fold());
    }
}
