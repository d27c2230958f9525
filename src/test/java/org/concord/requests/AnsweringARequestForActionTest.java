package org.concord.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.requests.RequestFixtures.IR;
import static org.concord.requests.RequestFixtures.PK;
import static org.concord.requests.RequestFixtures.aRequestFrom;
import static org.concord.requests.RequestFixtures.anyRequestForAction;

import java.time.Duration;
import java.util.List;

import org.concord.requests.RequestFixtures.Conversation;
import org.junit.jupiter.api.Test;

/** Given Pakistan asks Iran to act against a target in Iran, when Iran answers, then the case moves. */
class AnsweringARequestForActionTest {

    private final Conversation pkAsksIr = aRequestFrom(PK, IR);

    @Test
    void a_request_opens_a_case_with_the_liaison_officers_waiting_for_the_acknowledgement() {
        pkAsksIr.request();

        RequestCase state = pkAsksIr.state();

        assertThat(state).isInstanceOf(Requested.class);
        assertThat(state.file().requester()).isEqualTo(PK);
        assertThat(state.file().responder()).isEqualTo(IR);
        assertThat(state.file().level().name()).isEqualTo("LIAISON_OFFICERS");
    }

    @Test
    void the_responder_acknowledges_counter_proposes_and_then_accepts_reports_progress_and_closes() {
        pkAsksIr.request();
        pkAsksIr.later(Duration.ofMinutes(20)).acknowledge(IR);
        assertThat(pkAsksIr.state()).isInstanceOf(Acknowledged.class);

        pkAsksIr.later(Duration.ofHours(3)).counterPropose(IR, CounterProposal.Kind.JOINT_OPERATION,
                "a joint operation with your liaison officer in Zahedan");
        assertThat(pkAsksIr.state()).isInstanceOf(CounterProposed.class);

        pkAsksIr.later(Duration.ofHours(1)).accept(PK);
        Accepted accepted = (Accepted) pkAsksIr.state();
        assertThat(accepted.agreedCounterProposal()).get()
                .extracting(CounterProposal::kind).isEqualTo(CounterProposal.Kind.JOINT_OPERATION);

        pkAsksIr.later(Duration.ofHours(10)).progress(IR, "cordon in place");
        pkAsksIr.later(Duration.ofHours(2)).close(IR, Outcome.ACTION_TAKEN, "compound cleared; four detained");

        Closed closed = (Closed) pkAsksIr.state();
        assertThat(closed.outcome()).isEqualTo(Outcome.ACTION_TAKEN);
        assertThat(closed.file().history()).hasSize(6);
        assertThat(pkAsksIr.fold().refused()).isEmpty();
    }

    @Test
    void accepting_at_once_implies_the_acknowledgement() {
        pkAsksIr.request();
        pkAsksIr.later(Duration.ofMinutes(5)).accept(IR);

        assertThat(pkAsksIr.state()).isInstanceOf(Accepted.class);
        assertThat(((Accepted) pkAsksIr.state()).agreedCounterProposal()).isEmpty();
    }

    @Test
    void a_decline_with_a_reason_ends_the_case() {
        pkAsksIr.request();
        pkAsksIr.later(Duration.ofMinutes(5)).decline(IR, DeclineReason.NOT_IN_OUR_TERRITORY, "");

        Declined declined = (Declined) pkAsksIr.state();
        assertThat(declined.reason()).isEqualTo(DeclineReason.NOT_IN_OUR_TERRITORY);
        assertThat(declined.isClosed()).isTrue();
    }

    @Test
    void more_evidence_needed_is_answered_by_an_amendment_that_restarts_the_answer_clock() {
        pkAsksIr.request();
        pkAsksIr.later(Duration.ofHours(2)).counterPropose(IR, CounterProposal.Kind.MORE_EVIDENCE_NEEDED,
                "imagery of the compound, please");
        RequestForAction withImagery = anyRequestForAction().withMoreEvidence(
                List.of(EvidenceRef.of(org.concord.workflow.StixId.random("observed-data"))));
        pkAsksIr.later(Duration.ofHours(1)).amend(PK, withImagery);

        Acknowledged state = (Acknowledged) pkAsksIr.state();
        assertThat(state.file().terms()).isEqualTo(withImagery);
        assertThat(state.answerClockFrom()).isEqualTo(pkAsksIr.now());
    }

    @Test
    void the_requester_declining_a_counter_proposal_leaves_its_request_standing() {
        pkAsksIr.request();
        pkAsksIr.later(Duration.ofHours(2)).counterPropose(IR, CounterProposal.Kind.DIFFERENT_ACTION,
                "surveillance only");
        pkAsksIr.later(Duration.ofHours(1)).decline(PK, DeclineReason.OTHER, "surveillance is not enough");

        assertThat(pkAsksIr.state()).isInstanceOf(Acknowledged.class);
        pkAsksIr.later(Duration.ofHours(1)).accept(IR);
        assertThat(pkAsksIr.state()).isInstanceOf(Accepted.class);
    }

    @Test
    void the_requester_may_withdraw_while_the_case_is_open() {
        pkAsksIr.request();
        pkAsksIr.later(Duration.ofMinutes(5)).acknowledge(IR);
        pkAsksIr.later(Duration.ofMinutes(5)).close(PK, Outcome.WITHDRAWN, "the group has moved on");

        assertThat(((Closed) pkAsksIr.state()).outcome()).isEqualTo(Outcome.WITHDRAWN);
    }
}
