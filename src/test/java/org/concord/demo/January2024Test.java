package org.concord.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.demo.January2024.IR;
import static org.concord.demo.January2024.PK;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.concord.commitments.Agreed;
import org.concord.commitments.CommitmentCase;
import org.concord.commitments.CommitmentMessage;
import org.concord.commitments.Commitments;
import org.concord.commitments.CommitmentCase;
import org.concord.commitments.CommitmentMessage;
import org.concord.commitments.CommitmentRefusal;
import org.concord.workflow.Folded;
import org.concord.commitments.Fulfilled;
import org.concord.commitments.ReminderPolicy;
import org.concord.incidents.IncidentMessage;
import org.concord.incidents.Incidents;
import org.concord.incidents.UnderReview;
import org.concord.hotline.HotlineMessage;
import org.concord.requests.RequestCases;
import org.concord.requests.RequestMessage;
import org.concord.requests.Requested;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

/** Given the January 2024 scenario, when both nodes fold its messages, then the cases stand as the record says. */
class January2024Test {

    private static Map<StixId, Folded<CommitmentMessage, CommitmentCase, CommitmentRefusal>> commitments(January2024.Seed seed) {
        return seed.commitments().stream().collect(Collectors.groupingBy(CommitmentMessage::caseId)).entrySet()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, e -> Commitments.fold(e.getValue())));
    }

    @Test
    void irans_report_of_the_18_january_strikes_claims_those_killed_were_not_iranian_nationals() {
        List<IncidentMessage> saravan = January2024.scenario().incidents().stream()
                .filter(m -> m.caseId().equals(January2024.STRIKES_OF_18_JANUARY)).toList();

        UnderReview incident = (UnderReview) Incidents.fold(saravan).current();

        assertThat(incident.file().reporter()).isEqualTo(IR);
        assertThat(incident.file().addressee()).isEqualTo(PK);
        assertThat(incident.file().report().casualties().killed()).isEqualTo(9);
        assertThat(incident.file().report().claim(January2024.NOT_IRANIAN_NATIONALS)).get()
                .extracting(c -> c.statement()).isEqualTo("Those killed were not Iranian nationals.");
        assertThat(incident.file().openClaims()).hasSize(2);
    }

    @Test
    void both_strikes_are_reported_and_nothing_is_refused() {
        January2024.Seed seed = January2024.scenario();

        assertThat(seed.incidents()).extracting(IncidentMessage::caseId)
                .containsExactly(January2024.STRIKE_OF_16_JANUARY, January2024.STRIKES_OF_18_JANUARY);
        assertThat(commitments(seed).values()).allSatisfy(c -> assertThat(c.refused()).isEmpty());
    }

    @Test
    void on_27_january_the_ambassadors_are_back_and_the_visit_is_still_ahead() {
        Map<StixId, Folded<CommitmentMessage, CommitmentCase, CommitmentRefusal>> on27 = commitments(
                January2024.builder().asOf(Instant.parse("2024-01-27T00:00:00Z")).build());

        assertThat(on27.get(January2024.IR_AMBASSADOR_BACK).current()).isInstanceOf(Fulfilled.class);
        assertThat(on27.get(January2024.PK_AMBASSADOR_BACK).current()).isInstanceOf(Fulfilled.class);
        assertThat(on27.get(January2024.IR_FM_VISIT).current()).isInstanceOf(Agreed.class);
        assertThat(on27).doesNotContainKey(January2024.LIAISON_TURBAT);
    }

    @Test
    void in_the_end_the_visit_happened_and_the_liaison_officers_and_the_mechanism_stay_open() {
        Map<StixId, Folded<CommitmentMessage, CommitmentCase, CommitmentRefusal>> all = commitments(January2024.scenario());

        assertThat(all).hasSize(6);
        assertThat(all.get(January2024.IR_FM_VISIT).current()).isInstanceOf(Fulfilled.class);
        CommitmentCase mechanism = all.get(January2024.JOINT_COORDINATION_MECHANISM).current();
        assertThat(mechanism).isInstanceOf(Agreed.class);
        assertThat(ReminderPolicy.defaults().due(mechanism, Instant.parse("2024-04-01T00:00:00Z")))
                .extracting(d -> d.to()).containsExactly(EscalationLevel.SECURITY_CHIEFS);
    }

    @Test
    void the_counterfactual_requests_are_answered_and_closed_by_their_addressee_and_say_so_and_can_be_left_out() {
        Map<StixId, List<RequestMessage>> requests = January2024.scenario().requests().stream()
                .collect(Collectors.groupingBy(RequestMessage::caseId));

        assertThat(requests).containsOnlyKeys(January2024.IR_ASKS_PK_TO_ACT, January2024.PK_ASKS_IR_TO_ACT);
        requests.values().forEach(messages -> {
            var folded = RequestCases.fold(messages);
            assertThat(folded.refused()).isEmpty();
            assertThat(folded.current().isClosed()).isTrue();
        });
        assertThat(January2024.scenario().requests()).filteredOn(m -> m.toString().contains("text="))
                .hasSize(8).allSatisfy(m -> assertThat(m.toString()).contains("text=Counterfactual"));
        assertThat(January2024.builder().withoutCounterfactualRequests().build().requests()).isEmpty();
    }

    @Test
    void on_19_january_iran_asks_for_the_ministers_call_over_the_hotline_and_pakistans_reply_is_threaded_under_it() {
        List<HotlineMessage> calls = January2024.scenario().calls();

        assertThat(calls).filteredOn(m -> m instanceof HotlineMessage.Acknowledge).hasSize(2);
        HotlineMessage.Send reply = (HotlineMessage.Send) calls.stream()
                .filter(m -> m.id().equals(January2024.MINISTERS_CALL_AGREED)).findFirst().orElseThrow();
        assertThat(reply.replyTo()).contains(January2024.MINISTERS_CALL_ASKED);
        assertThat(reply.sender()).isEqualTo(PK);
        assertThat(January2024.builder().asOf(Instant.parse("2024-01-19T06:00:00Z")).build().calls()).hasSize(2);
    }

    @Test
    void seeding_twice_gives_the_same_ids() {
        assertThat(January2024.scenario()).isEqualTo(January2024.scenario());
    }
}
