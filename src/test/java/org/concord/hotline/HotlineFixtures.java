package org.concord.hotline;

import org.concord.workflow.Folded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.concord.party.PartyCode;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;

/** Officials and calls for hotline tests. */
final class HotlineFixtures {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final PartyCode AF = PartyCode.of("AF");
    static final Instant T0 = Instant.parse("2024-02-06T06:00:00Z");

    private HotlineFixtures() {
    }

    static Official pkDgmo() {
        return new Official(PK, "Duty officer, DGMO", "DGMO");
    }

    static Official irDutyOfficer() {
        return new Official(IR, "Duty officer, joint staff", "Joint staff operations");
    }

    static Official anyOfficialOf(PartyCode party) {
        return new Official(party, "Duty officer " + party, "Liaison officer");
    }

    /** One call, written as the nodes would write it. */
    static final class Call {
        final List<HotlineMessage> messages = new ArrayList<>();
        final HotlineMessage.Send sent;

        Call(HotlineMessage.Send sent) {
            this.sent = sent;
            messages.add(sent);
        }

        static Call from(Official from, Official to, Priority priority, Instant at) {
            return new Call(HotlineMessage.Send.of(StixId.random("x-concord-hotline-message"), from, to, priority, at,
                    "armed group massing near the crossing"));
        }

        private Envelope next(PartyCode sender, Instant at) {
            return Envelope.answer(StixId.random("x-concord-hotline-answer"), sent.id(), sender, at,
                    messages.get(messages.size() - 1).id());
        }

        HotlineMessage.Acknowledge acknowledge(Official by, Instant at) {
            HotlineMessage.Acknowledge ack = new HotlineMessage.Acknowledge(next(by.party(), at), by);
            messages.add(ack);
            return ack;
        }

        HotlineMessage.Escalate escalate(PartyCode by, EscalationLevel to, Instant asOf, Instant at) {
            HotlineMessage.Escalate escalation = new HotlineMessage.Escalate(next(by, at), to, asOf);
            messages.add(escalation);
            return escalation;
        }

        Folded<HotlineMessage, HotlineCall, HotlineRefusal> fold() {
            return HotlineCalls.fold(messages);
        }

        HotlineCall state() {
            return fold().current();
        }
    }
}
