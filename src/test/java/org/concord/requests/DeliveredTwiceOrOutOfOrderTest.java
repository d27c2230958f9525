package org.concord.requests;

import org.concord.workflow.Folded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.requests.RequestFixtures.IR;
import static org.concord.requests.RequestFixtures.PK;
import static org.concord.requests.RequestFixtures.aRequestFrom;

import java.time.Duration;
import java.util.List;

import org.concord.requests.RequestFixtures.Conversation;
import org.concord.workflow.Envelope;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

/**
 * Given messages that arrive twice, early or crossing each other, when a node folds what it holds,
 * then it reaches what the other node reaches.
 */
class DeliveredTwiceOrOutOfOrderTest {

    private final Conversation pkAsksIr = aRequestFrom(PK, IR);

    @Test
    void an_answer_that_arrives_before_the_request_waits_for_it() {
        RequestMessage request = pkAsksIr.request();
        RequestMessage accept = pkAsksIr.later(Duration.ofMinutes(5)).accept(IR);

        Folded<RequestMessage, RequestCase, Refusal> early = RequestCases.fold(List.of(accept));
        assertThat(early.state()).isEmpty();
        assertThat(early.waiting()).containsExactly(accept);

        Folded<RequestMessage, RequestCase, Refusal> complete = RequestCases.fold(List.of(accept, request));
        assertThat(complete.current()).isInstanceOf(Accepted.class);
        assertThat(complete.waiting()).isEmpty();
    }

    @Test
    void a_message_delivered_twice_is_applied_once() {
        pkAsksIr.request();
        RequestMessage update = pkAsksIr.later(Duration.ofMinutes(5)).accept(IR);
        RequestMessage progress = pkAsksIr.later(Duration.ofHours(1)).progress(IR, "cordon in place");
        List<RequestMessage> twice = new java.util.ArrayList<>(pkAsksIr.messages());
        twice.add(progress);
        twice.add(update);

        assertThat(RequestCases.fold(twice)).isEqualTo(pkAsksIr.fold());
        assertThat(((Accepted) pkAsksIr.state()).progress()).hasSize(1);
    }

    @Test
    void when_an_acceptance_and_a_withdrawal_cross_both_nodes_apply_them_in_the_same_order() {
        pkAsksIr.request();
        pkAsksIr.later(Duration.ofMinutes(5)).acknowledge(IR);
        StixId seenByBoth = pkAsksIr.messages().get(1).id();
        RequestMessage accept = new RequestMessage.Accept(Envelope.answer(StixId.random("x-concord-request-answer"),
                pkAsksIr.caseId(), IR, pkAsksIr.now().plusSeconds(60), seenByBoth), pkAsksIr.caseId(), "");
        RequestMessage withdraw = new RequestMessage.Close(Envelope.answer(StixId.random("x-concord-request-answer"),
                pkAsksIr.caseId(), PK, pkAsksIr.now().plusSeconds(90), seenByBoth), Outcome.WITHDRAWN, "moved on");

        List<RequestMessage> atPk = new java.util.ArrayList<>(pkAsksIr.messages());
        atPk.add(withdraw);
        atPk.add(accept);
        List<RequestMessage> atIr = new java.util.ArrayList<>(pkAsksIr.messages());
        atIr.add(accept);
        atIr.add(withdraw);

        Folded<RequestMessage, RequestCase, Refusal> pk = RequestCases.fold(atPk);
        assertThat(pk).isEqualTo(RequestCases.fold(atIr));
        assertThat(pk.current()).isInstanceOf(Closed.class);
        assertThat(((Closed) pk.current()).outcome()).isEqualTo(Outcome.WITHDRAWN);
        assertThat(pk.applied()).contains(accept);
    }

    @Test
    void an_acceptance_that_crosses_an_amendment_does_not_accept_terms_it_never_saw() {
        pkAsksIr.request();
        pkAsksIr.later(Duration.ofMinutes(5)).acknowledge(IR);
        StixId seenByBoth = pkAsksIr.messages().get(1).id();
        RequestMessage amend = new RequestMessage.Amend(Envelope.answer(StixId.random("x-concord-request-answer"),
                pkAsksIr.caseId(), PK, pkAsksIr.now().plusSeconds(60), seenByBoth),
                RequestFixtures.anyRequestForAction(Urgency.IMMEDIATE));
        RequestMessage accept = new RequestMessage.Accept(Envelope.answer(StixId.random("x-concord-request-answer"),
                pkAsksIr.caseId(), IR, pkAsksIr.now().plusSeconds(90), seenByBoth), pkAsksIr.caseId(), "");
        List<RequestMessage> all = new java.util.ArrayList<>(pkAsksIr.messages());
        all.add(accept);
        all.add(amend);

        Folded<RequestMessage, RequestCase, Refusal> folded = RequestCases.fold(all);

        assertThat(folded.current()).isInstanceOf(Acknowledged.class);
        assertThat(folded.current().file().termsRef()).isEqualTo(amend.id());
        assertThat(folded.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.message()).isEqualTo(accept);
            assertThat(refused.refusal().rule()).isEqualTo(Refusal.Rule.TERMS_CHANGED);
            assertThat(refused.refusal().field()).isEqualTo("terms_ref");
        });
    }
}
