package org.concord.hotline;

import org.concord.workflow.Step;

import org.concord.workflow.Folded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.hotline.HotlineFixtures.AF;
import static org.concord.hotline.HotlineFixtures.PK;
import static org.concord.hotline.HotlineFixtures.T0;
import static org.concord.hotline.HotlineFixtures.anyOfficialOf;
import static org.concord.hotline.HotlineFixtures.irDutyOfficer;
import static org.concord.hotline.HotlineFixtures.pkDgmo;

import java.util.Collections;
import java.util.List;

import org.concord.hotline.HotlineFixtures.Call;
import org.concord.hotline.HotlineRefusal.Rule;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

/** Given a call, when a message breaks a rule, then it is refused and the call stays as it was. */
class HotlineRefusalsTest {

    private final Call call = Call.from(pkDgmo(), irDutyOfficer(), Priority.PRIORITY, T0);

    private HotlineRefusal lastRefusal() {
        List<Folded.RefusedMessage<HotlineMessage, HotlineRefusal>> refused = call.fold().refused();
        assertThat(refused).isNotEmpty();
        return refused.get(refused.size() - 1).refusal();
    }

    @Test
    void the_caller_cannot_acknowledge_its_own_message() {
        call.acknowledge(pkDgmo(), T0.plusSeconds(60));

        assertThat(lastRefusal().rule()).isEqualTo(Rule.SENDER_CANNOT_ACKNOWLEDGE);
        assertThat(call.state()).isInstanceOf(Unacknowledged.class);
    }

    @Test
    void a_third_party_cannot_acknowledge() {
        call.acknowledge(anyOfficialOf(AF), T0.plusSeconds(60));

        assertThat(lastRefusal().rule()).isEqualTo(Rule.NOT_A_PARTY_TO_THE_CALL);
    }

    @Test
    void a_second_acknowledgement_and_a_late_escalation_change_nothing() {
        call.acknowledge(irDutyOfficer(), T0.plusSeconds(60));
        HotlineCall acknowledged = call.state();

        call.acknowledge(irDutyOfficer(), T0.plusSeconds(120));
        assertThat(lastRefusal().rule()).isEqualTo(Rule.ALREADY_ACKNOWLEDGED);
        call.escalate(PK, EscalationLevel.SECURITY_CHIEFS, T0.plusSeconds(3600), T0.plusSeconds(3600));
        assertThat(lastRefusal().rule()).isEqualTo(Rule.ALREADY_ACKNOWLEDGED);

        assertThat(call.state()).isEqualTo(acknowledged);
    }

    @Test
    void a_message_to_ones_own_side_is_refused() {
        HotlineMessage.Send toSelf = HotlineMessage.Send.of(StixId.random("x-concord-hotline-message"), pkDgmo(),
                anyOfficialOf(PK), Priority.FLASH, T0, "hello");

        assertThat(HotlineCall.open(toSelf)).isEqualTo(Step.refused(new HotlineRefusal(Rule.SAME_SIDE, "to",
                "the hotline runs between the two sides; PK is the caller's own")));
    }

    @Test
    void delivery_order_and_duplicates_do_not_matter() {
        call.acknowledge(irDutyOfficer(), T0.plusSeconds(60));
        List<HotlineMessage> backwards = new java.util.ArrayList<>(call.messages);
        backwards.addAll(call.messages);
        Collections.reverse(backwards);

        assertThat(HotlineCalls.fold(backwards)).isEqualTo(call.fold());
    }
}
