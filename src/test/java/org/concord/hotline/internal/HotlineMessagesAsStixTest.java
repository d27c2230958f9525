package org.concord.hotline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.concord.hotline.HotlineMessage;
import org.concord.hotline.Official;
import org.concord.hotline.Priority;
import org.concord.hotline.TestSlot;
import org.concord.intel.stix.StixValidator;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/** Every hotline message becomes a valid STIX 2.1 custom object and reads back as the same message. */
class HotlineMessagesAsStixTest {

    static final StixValidator STIX = StixValidator.withOasisSchemas();
    static final Official KHAN = new Official(PartyCode.of("PK"), "Maj Gen A. Khan", "DGMO");
    static final Official KARIMI = new Official(PartyCode.of("IR"), "Brig Gen R. Karimi", "Director of Operations");
    static final Instant T0 = Instant.parse("2024-02-06T06:00:00.000Z");

    @Test
    void everyMessageIsAValidStixObjectThatReadsBackTheSame() {
        StixId call = StixId.random(HotlineStix.TYPE);
        StixId reply = StixId.random(HotlineStix.TYPE);
        List<HotlineMessage> messages = List.of(
                new HotlineMessage.Send(new Envelope(call, call, KHAN.party(), T0, null), KHAN, KARIMI, Priority.FLASH, "launch", null),
                HotlineMessage.Send.test(StixId.random(HotlineStix.TYPE), KHAN, KARIMI, Priority.ROUTINE, T0,
                        new TestSlot("weekly-dgmo-call", T0)),
                HotlineMessage.Send.test(StixId.random(HotlineStix.TYPE), KHAN, KARIMI, Priority.ROUTINE, T0,
                        new TestSlot("weekly-dgmo-call", T0, java.time.Duration.ofMinutes(30))),
                new HotlineMessage.Send(new Envelope(reply, reply, KARIMI.party(), T0, null), KARIMI, KHAN, Priority.PRIORITY,
                        "on our way", null, call),
                new HotlineMessage.Acknowledge(Envelope.answer(StixId.random(HotlineStix.TYPE), call, KARIMI.party(), T0, call), KARIMI),
                new HotlineMessage.Escalate(Envelope.answer(StixId.random(HotlineStix.TYPE), call, KHAN.party(), T0, call),
                        EscalationLevel.SECURITY_CHIEFS, T0.plusSeconds(600)));
        for (HotlineMessage message : messages) {
            ObjectNode object = HotlineStix.toStix(message, "identity--3b0e6bd2-5c1a-4c0e-9d7e-0e5b1c9a2f10", Tlp.AMBER, List.of());
            assertThat(STIX.validate(object)).as(object.toString()).isEmpty();
            assertThat(HotlineStix.fromStix(object)).isEqualTo(message);
        }
        assertThat(STIX.validate(org.concord.hotline.HotlineType.DEFAULT.extensionDefinition())).isEmpty();
    }
}
