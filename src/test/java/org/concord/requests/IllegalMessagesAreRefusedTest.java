package org.concord.requests;

import org.concord.workflow.Step;

import org.concord.workflow.Folded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.requests.RequestFixtures.AF;
import static org.concord.requests.RequestFixtures.IR;
import static org.concord.requests.RequestFixtures.PK;
import static org.concord.requests.RequestFixtures.T0;
import static org.concord.requests.RequestFixtures.aRequestFrom;
import static org.concord.requests.RequestFixtures.anyRequestForAction;

import java.time.Duration;
import java.util.List;

import org.concord.requests.Refusal.Rule;
import org.concord.requests.RequestFixtures.Conversation;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

/**
 * Given a case in some state, when a message breaks a rule, then it is refused with the rule and
 * the field named, and the case is exactly as it was.
 */
class IllegalMessagesAreRefusedTest {

    private final Conversation pkAsksIr = aRequestFrom(PK, IR);

    /** Applies the message to the state before it and checks the refusal leaves the state alone. */
    private Refusal refusalOf(RequestMessage message) {
        List<RequestMessage> before = pkAsksIr.messages().subList(0, pkAsksIr.messages().size() - 1);
        RequestCase state = RequestCases.fold(before).current();
        Step<RequestCase, Refusal> transition = state.apply(message);
        assertThat(transition).isInstanceOf(Step.Refused.class);
        assertThat(transition.stateAfter(state)).isSameAs(state);
        assertThat(pkAsksIr.fold().current()).isEqualTo(state);
        assertThat(pkAsksIr.fold().refused()).extracting(Folded.RefusedMessage<RequestMessage, Refusal>::message).contains(message);
        return ((Step.Refused<RequestCase, Refusal>) transition).refusal();
    }

    @Test
    void accepting_twice_is_refused() {
        pkAsksIr.request();
        pkAsksIr.later(Duration.ofMinutes(5)).accept(IR);

        Refusal refusal = refusalOf(pkAsksIr.later(Duration.ofMinutes(5)).accept(IR));

        assertThat(refusal.rule()).isEqualTo(Rule.ALREADY_ACCEPTED);
    }

    @Test
    void answering_a_closed_case_is_refused() {
        pkAsksIr.request();
        pkAsksIr.accept(IR);
        pkAsksIr.close(IR, Outcome.ACTION_TAKEN, "");

        assertThat(refusalOf(pkAsksIr.progress(IR, "one more thing")).rule()).isEqualTo(Rule.CASE_CLOSED);
    }

    @Test
    void answering_a_declined_case_is_refused() {
        pkAsksIr.request();
        pkAsksIr.decline(IR, DeclineReason.ALREADY_ACTING, "");

        assertThat(refusalOf(pkAsksIr.accept(IR)).rule()).isEqualTo(Rule.CASE_CLOSED);
    }

    @Test
    void the_requester_cannot_answer_its_own_request() {
        pkAsksIr.request();

        Refusal refusal = refusalOf(pkAsksIr.accept(PK));

        assertThat(refusal.rule()).isEqualTo(Rule.REQUESTER_CANNOT_ANSWER_OWN_REQUEST);
        assertThat(refusal.field()).isEqualTo("sender");
    }

    @Test
    void the_requester_cannot_acknowledge_or_report_progress_either() {
        pkAsksIr.request();
        assertThat(refusalOf(pkAsksIr.acknowledge(PK)).rule()).isEqualTo(Rule.REQUESTER_CANNOT_ANSWER_OWN_REQUEST);
        assertThat(refusalOf(pkAsksIr.progress(PK, "")).rule()).isEqualTo(Rule.REQUESTER_CANNOT_ANSWER_OWN_REQUEST);
    }

    @Test
    void a_message_from_a_party_that_is_not_the_counterpart_is_refused() {
        pkAsksIr.request();

        Refusal refusal = refusalOf(pkAsksIr.acknowledge(AF));

        assertThat(refusal.rule()).isEqualTo(Rule.NOT_A_PARTY_TO_THE_CASE);
        assertThat(refusal.field()).isEqualTo("sender");
    }

    @Test
    void a_decline_without_a_reason_is_refused_naming_the_field() {
        pkAsksIr.request();

        Refusal refusal = refusalOf(pkAsksIr.decline(IR, null, "no"));

        assertThat(refusal.rule()).isEqualTo(Rule.FIELD_REQUIRED);
        assertThat(refusal.field()).isEqualTo("reason");
    }

    @Test
    void a_decline_for_another_reason_needs_a_text() {
        pkAsksIr.request();

        Refusal refusal = refusalOf(pkAsksIr.decline(IR, DeclineReason.OTHER, "  "));

        assertThat(refusal.rule()).isEqualTo(Rule.TEXT_REQUIRED);
        assertThat(refusal.field()).isEqualTo("text");
    }

    @Test
    void acknowledging_twice_is_refused() {
        pkAsksIr.request();
        pkAsksIr.acknowledge(IR);

        assertThat(refusalOf(pkAsksIr.acknowledge(IR)).rule()).isEqualTo(Rule.ALREADY_ACKNOWLEDGED);
    }

    @Test
    void progress_before_acceptance_is_refused() {
        pkAsksIr.request();
        pkAsksIr.acknowledge(IR);

        assertThat(refusalOf(pkAsksIr.progress(IR, "moving")).rule()).isEqualTo(Rule.NOT_ACCEPTED_YET);
    }

    @Test
    void only_the_requester_amends_and_withdraws() {
        pkAsksIr.request();
        assertThat(refusalOf(pkAsksIr.amend(IR, anyRequestForAction())).rule()).isEqualTo(Rule.ONLY_THE_REQUESTER_MAY);
        assertThat(refusalOf(pkAsksIr.close(IR, Outcome.WITHDRAWN, "")).rule()).isEqualTo(Rule.OUTCOME_NOT_YOURS);
        assertThat(refusalOf(pkAsksIr.close(PK, Outcome.ACTION_TAKEN, "")).rule()).isEqualTo(Rule.OUTCOME_NOT_YOURS);
    }

    @Test
    void an_escalation_goes_up_one_rung_at_a_time_and_never_twice_to_the_same() {
        pkAsksIr.request();
        Refusal skipping = refusalOf(pkAsksIr.escalate(IR, EscalationLevel.JOINT_COORDINATION_MECHANISM, T0));
        assertThat(skipping.rule()).isEqualTo(Rule.ESCALATION_SKIPS_A_LEVEL);
        assertThat(skipping.field()).isEqualTo("to_level");

        pkAsksIr.escalate(PK, EscalationLevel.SECURITY_CHIEFS, T0);
        assertThat(refusalOf(pkAsksIr.escalate(IR, EscalationLevel.SECURITY_CHIEFS, T0)).rule())
                .isEqualTo(Rule.ALREADY_AT_LEVEL);
    }

    @Test
    void an_answer_to_another_case_is_refused_as_unknown() {
        pkAsksIr.request();
        pkAsksIr.acknowledge(IR);
        RequestCase state = pkAsksIr.state();
        RequestMessage stray = new RequestMessage.Accept(Envelope.answer(StixId.random("x-concord-request-answer"),
                StixId.random("x-concord-request"), IR, T0, state.file().head()), state.file().termsRef(), "");

        Step<RequestCase, Refusal> transition = state.apply(stray);

        assertThat(((Step.Refused<RequestCase, Refusal>) transition).refusal().rule()).isEqualTo(Rule.UNKNOWN_CASE);
        assertThat(((Step.Refused<RequestCase, Refusal>) transition).refusal().field()).isEqualTo("case_ref");
    }

    @Test
    void a_node_folding_a_case_refuses_the_answers_to_other_cases_it_was_handed() {
        pkAsksIr.request();
        RequestMessage stray = new RequestMessage.Acknowledge(Envelope.answer(
                StixId.random("x-concord-request-answer"), StixId.random("x-concord-request"), IR, T0,
                StixId.random("x-concord-request")));
        List<RequestMessage> mixed = new java.util.ArrayList<>(pkAsksIr.messages());
        mixed.add(stray);

        Folded<RequestMessage, RequestCase, Refusal> folded = RequestCases.fold(pkAsksIr.caseId(), mixed);

        assertThat(folded.current()).isEqualTo(pkAsksIr.state());
        assertThat(folded.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.refusal().rule()).isEqualTo(Rule.UNKNOWN_CASE);
            assertThat(refused.refusal().field()).isEqualTo("case_ref");
        });
        assertThat(RequestCases.foldAll(mixed).get(stray.caseId()).state()).isEmpty();
    }

    @Test
    void a_request_without_a_target_or_to_oneself_does_not_open_a_case() {
        RequestForAction noTarget = new RequestForAction(List.of(), List.of(),
                RequestedAction.of(RequestedAction.Kind.ARREST, ""), Urgency.URGENT, "");
        Step<RequestCase, Refusal> withoutTarget = RequestCase.open(RequestMessage.Request.of(StixId.random("x-concord-request"),
                PK, IR, T0, noTarget));
        Step<RequestCase, Refusal> toSelf = RequestCase.open(RequestMessage.Request.of(StixId.random("x-concord-request"),
                PK, PK, T0, anyRequestForAction()));

        assertThat(((Step.Refused<RequestCase, Refusal>) withoutTarget).refusal().field()).isEqualTo("request.targets");
        assertThat(((Step.Refused<RequestCase, Refusal>) toSelf).refusal().rule()).isEqualTo(Rule.SELF_ADDRESSED);
    }
}
