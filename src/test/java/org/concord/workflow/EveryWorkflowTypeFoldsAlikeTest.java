package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.concord.party.PartyCode;
import org.concord.workflow.WorkflowSamples.Sample;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules every workflow type shares, shown once for all four (requests, hotline calls,
 * incidents, commitments) through the one fold: a duplicate changes nothing; an id reused with other
 * content is reported as conflicting and never applied; messages arriving out of order wait and then
 * fold as if in order; a missed deadline escalates one rung at a time, each escalation with its reason.
 */
class EveryWorkflowTypeFoldsAlikeTest {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    static List<Sample<?, ?, ?>> types() {
        return WorkflowSamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <M extends CaseMessage, S, R extends CaseRefusal> void aDuplicateChangesNothing(Sample<M, S, R> sample) {
        M opening = sample.open(PK, IR, T0);
        M answer = sample.answer().apply(WorkflowSamples.after(opening, IR, T0.plusSeconds(60), sample.type().stixType()));

        Folded<M, S, R> once = Cases.fold(sample.type(), List.of(opening, answer));
        Folded<M, S, R> thrice = Cases.fold(sample.type(), List.of(answer, opening, answer, opening, answer));

        assertThat(once.applied()).containsExactly(opening, answer);
        assertThat(thrice).isEqualTo(once);
        assertThat(once.refused()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <M extends CaseMessage, S, R extends CaseRefusal> void anIdReusedWithOtherContentIsReportedAndNeverApplied(Sample<M, S, R> sample) {
        M opening = sample.open(PK, IR, T0);
        Envelope envelope = WorkflowSamples.after(opening, IR, T0.plusSeconds(60), sample.type().stixType());
        M answer = sample.answer().apply(envelope);
        M impostor = sample.otherAnswer().apply(envelope);
        assertThat(impostor).isNotEqualTo(answer);

        Folded<M, S, R> folded = Cases.fold(sample.type(), List.of(opening, answer, impostor));
        Folded<M, S, R> reversed = Cases.fold(sample.type(), List.of(impostor, answer, opening));

        assertThat(folded.conflicting()).as("the id reused with other content is reported").hasSize(1);
        assertThat(folded.applied()).hasSize(2).doesNotContain(folded.conflicting().get(0));
        assertThat(reversed).as("whichever arrived first, both nodes keep the same one").isEqualTo(folded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <M extends CaseMessage, S, R extends CaseRefusal> void anAnswerBeforeItsOpeningWaitsAndThenFoldsInOrder(Sample<M, S, R> sample) {
        M opening = sample.open(PK, IR, T0);
        M answer = sample.answer().apply(WorkflowSamples.after(opening, IR, T0.plusSeconds(60), sample.type().stixType()));

        Folded<M, S, R> early = Cases.fold(sample.type(), List.of(answer));
        assertThat(early.state()).isEmpty();
        assertThat(early.waiting()).containsExactly(answer);

        Folded<M, S, R> complete = Cases.fold(sample.type(), List.of(answer, opening));
        assertThat(complete.waiting()).isEmpty();
        assertThat(complete).isEqualTo(Cases.fold(sample.type(), List.of(opening, answer)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <M extends CaseMessage, S, R extends CaseRefusal> void aMissedDeadlineEscalatesOneRungAtATimeWithItsReason(Sample<M, S, R> sample) {
        CaseType<M, S, R> type = sample.type();
        M opening = sample.open(PK, IR, T0);
        List<M> messages = new ArrayList<>(List.of(opening));
        if (type.name().equals("commitment")) {
            messages.add(sample.answer().apply(WorkflowSamples.after(opening, IR, T0.plusSeconds(60), type.stixType())));
        }
        S state = Cases.fold(type, messages).current();
        List<DueEscalation> due = type.due(state, T0.plus(Duration.ofDays(400)));
        if (type.deadline(state).isEmpty()) {
            assertThat(type.policyName()).as(type.name() + " has no deadlines, and says so").isEqualTo("no deadlines");
            assertThat(due).isEmpty();
            return;
        }
        assertThat(due).extracting(DueEscalation::to)
                .containsExactly(EscalationLevel.SECURITY_CHIEFS, EscalationLevel.JOINT_COORDINATION_MECHANISM);
        Instant sentAt = T0.plus(Duration.ofDays(400));
        for (DueEscalation escalation : due) {
            M message = type.escalation(state, escalation, Envelope.answer(StixId.random(type.stixType()), StixId.of(
                    opening.caseId().value()), PK, sentAt, type.head(state)));
            assertThat(escalation.reason()).startsWith("no ").contains(escalation.dueAt().toString());
            assertThat(type.toStix(message, MessageStix.AUTHOR_ID, org.concord.intel.stix.Tlp.AMBER, List.of())
                    .path("reason").asString()).as("the escalation message carries its reason").isEqualTo(escalation.reason());
            Step<S, R> step = type.apply(state, message);
            assertThat(step).isInstanceOf(Step.Next.class);
            state = ((Step.Next<S, R>) step).state();
            assertThat(type.level(state)).isEqualTo(escalation.to());
        }

        S top = state;
        M skipping = type.escalation(Cases.fold(type, messages).current(),
                new DueEscalation(EscalationLevel.JOINT_COORDINATION_MECHANISM, sentAt, "test"),
                Envelope.answer(StixId.random(type.stixType()), StixId.of(opening.caseId().value()), PK, sentAt,
                        type.head(Cases.fold(type, messages).current())));
        Step<S, R> skipped = type.apply(Cases.fold(type, messages).current(), skipping);
        assertThat(skipped).isInstanceOf(Step.Refused.class);
        assertThat(((Step.Refused<S, R>) skipped).refusal().ruleName()).isEqualTo("ESCALATION_SKIPS_A_LEVEL");
        assertThat(type.due(top, sentAt.plus(Duration.ofDays(400)))).as("nothing above the top").isEmpty();
    }
}
