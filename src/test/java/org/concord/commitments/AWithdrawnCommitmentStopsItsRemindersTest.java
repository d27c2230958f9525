package org.concord.commitments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.concord.party.PartyCode;
import org.concord.workflow.Envelope;
import org.concord.workflow.Folded;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

/**
 * A commitment either side withdraws binds nobody: its reminders and its overdue escalation stop,
 * nobody must act on it, and nothing after the withdrawal applies. Both nodes fold the same
 * messages, so this holds on both sides as soon as the withdrawal has arrived.
 */
class AWithdrawnCommitmentStopsItsRemindersTest {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final Instant DUE = T0.plus(Duration.ofDays(3));
    final CommitmentType type = CommitmentType.DEFAULT;

    @Test
    void aWithdrawnCommitmentHasNoRemindersNoDeadlineAndRefusesWhatFollows() {
        StixId id = StixId.random(type.stixType());
        CommitmentMessage.Propose propose = CommitmentMessage.Propose.of(id, PK, IR, T0, new Commitment("reopen the crossing", IR, DUE));
        CommitmentMessage.Agree agree = new CommitmentMessage.Agree(Envelope.answer(StixId.random(type.stixType()), id, IR,
                T0.plusSeconds(60), propose.id()));
        CommitmentCase agreed = Commitments.fold(List.of(propose, agree)).current();
        assertThat(type.reminders(agreed, T0, DUE)).as("an agreed commitment reminds").isNotEmpty();
        assertThat(type.deadline(agreed)).isPresent();

        CommitmentMessage.Withdraw withdraw = new CommitmentMessage.Withdraw(Envelope.answer(StixId.random(type.stixType()), id, PK,
                T0.plusSeconds(120), agree.id()), "the crossing stays shut after the attack");
        CommitmentMessage.Attest late = new CommitmentMessage.Attest(Envelope.answer(StixId.random(type.stixType()), id, IR,
                T0.plusSeconds(180), withdraw.id()), "reopened", List.of());
        Folded<CommitmentMessage, CommitmentCase, CommitmentRefusal> folded = Commitments.fold(List.of(late, withdraw, agree, propose));

        assertThat(folded.current()).isInstanceOf(Withdrawn.class);
        assertThat(((Withdrawn) folded.current()).by()).isEqualTo(PK);
        assertThat(type.reminders(folded.current(), T0, DUE.plus(Duration.ofDays(30)))).isEmpty();
        assertThat(type.deadline(folded.current())).isEmpty();
        assertThat(type.due(folded.current(), DUE.plus(Duration.ofDays(30)))).isEmpty();
        assertThat(type.nextActor(folded.current()).party()).isNull();
        assertThat(folded.refused()).singleElement()
                .satisfies(r -> assertThat(r.refusal().rule()).isEqualTo(CommitmentRefusal.Rule.COMMITMENT_WITHDRAWN));
    }

    @Test
    void anEmptyAttestationFulfilsNothing() {
        StixId id = StixId.random(type.stixType());
        CommitmentMessage.Propose propose = CommitmentMessage.Propose.of(id, PK, IR, T0, new Commitment("reopen the crossing", IR, DUE));
        CommitmentMessage.Agree agree = new CommitmentMessage.Agree(Envelope.answer(StixId.random(type.stixType()), id, IR,
                T0.plusSeconds(60), propose.id()));
        CommitmentMessage.Attest empty = new CommitmentMessage.Attest(Envelope.answer(StixId.random(type.stixType()), id, IR,
                T0.plusSeconds(120), agree.id()), " ", List.of());

        Folded<CommitmentMessage, CommitmentCase, CommitmentRefusal> folded = Commitments.fold(List.of(propose, agree, empty));

        assertThat(folded.current()).isInstanceOf(Agreed.class);
        assertThat(folded.refused()).singleElement().satisfies(r -> {
            assertThat(r.refusal().rule()).isEqualTo(CommitmentRefusal.Rule.FIELD_REQUIRED);
            assertThat(r.refusal().field()).isEqualTo("text");
        });
    }
}
