package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.concord.hotline.Priority;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;
import org.junit.jupiter.api.Test;

/** The policy {@code conflict-answer-deadline} and the standing of a conflict, without Spring or a clock. */
class ConflictAnswerDeadlinesTest {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final Instant SENT = Instant.parse("2026-02-01T06:00:00Z");
    static final ConflictId CONFLICT = ConflictId.of("pk-fc-1", "protected-site", "Taftan-Mirjaveh crossing");
    final ConflictAnswerPolicy policy = ConflictAnswerPolicy.defaults();

    static ConflictAnswer anObjection(PartyCode by, Instant at) {
        return new ConflictAnswer(CONFLICT, by, ConflictAnswer.Verdict.OBJECT, Optional.of("market day"), at);
    }

    @Test
    void the_sooner_the_operation_starts_the_less_time_the_partner_has() {
        assertThat(policy.deadline(SENT, SENT.plus(Duration.ofHours(12)))).isEqualTo(SENT.plus(Duration.ofMinutes(10)));
        assertThat(policy.priority(SENT, SENT.plus(Duration.ofHours(24)))).isEqualTo(Priority.FLASH);
        assertThat(policy.deadline(SENT, SENT.plus(Duration.ofHours(48)))).isEqualTo(SENT.plus(Duration.ofHours(1)));
        assertThat(policy.priority(SENT, SENT.plus(Duration.ofHours(72)))).isEqualTo(Priority.PRIORITY);
        assertThat(policy.deadline(SENT, SENT.plus(Duration.ofDays(4)))).isEqualTo(SENT.plus(Duration.ofHours(24)));
    }

    @Test
    void a_pair_may_shorten_a_period_or_move_the_thresholds() {
        ConflictAnswerPolicy pair = policy.with(Priority.ROUTINE, Duration.ofHours(6))
                .withThresholds(Duration.ofHours(6), Duration.ofHours(24));
        assertThat(pair.deadline(SENT, SENT.plus(Duration.ofDays(4)))).isEqualTo(SENT.plus(Duration.ofHours(6)));
        assertThat(pair.priority(SENT, SENT.plus(Duration.ofHours(12)))).isEqualTo(Priority.PRIORITY);
        assertThatThrownBy(() -> policy.with(Priority.FLASH, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.withThresholds(Duration.ofHours(2), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_partner_answers_once_and_the_notifying_party_cannot_answer() {
        ConflictStanding.Awaiting open = policy.open(CONFLICT, IR, SENT, SENT.plus(Duration.ofDays(4)));

        assertThat(open.answer(anObjection(PK, SENT))).isInstanceOfSatisfying(ConflictStanding.Refusal.class,
                r -> assertThat(r.rule()).isEqualTo("answered-by-the-partner"));
        ConflictStanding.Transition answered = open.answer(anObjection(IR, SENT.plus(Duration.ofHours(1))));
        assertThat(answered).isInstanceOfSatisfying(ConflictStanding.Answered.class, a -> {
            assertThat(a.late()).isFalse();
            assertThat(a.apply(anObjection(IR, SENT))).isInstanceOfSatisfying(ConflictStanding.Refusal.class,
                    r -> assertThat(r.rule()).isEqualTo("already-answered"));
        });
        assertThat(open.overdueAt(SENT.plus(Duration.ofHours(24)))).isTrue();
        assertThat(open.overdueAt(SENT.plus(Duration.ofHours(23)))).isFalse();
        assertThat(open.answer(anObjection(IR, SENT.plus(Duration.ofDays(2)))))
                .isInstanceOfSatisfying(ConflictStanding.Answered.class, a -> assertThat(a.late()).isTrue());
    }

    @Test
    void an_objection_without_reason_cannot_exist() {
        assertThatThrownBy(() -> new ConflictAnswer(CONFLICT, IR, ConflictAnswer.Verdict.OBJECT, Optional.of("  "), SENT))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("reason");
                    assertThat(e.rule()).isEqualTo("required-for-objection");
                });
        assertThat(new ConflictAnswer(CONFLICT, IR, ConflictAnswer.Verdict.ACKNOWLEDGE, Optional.empty(), SENT).reason()).isEmpty();
    }

    @Test
    void both_nodes_name_a_conflict_alike_and_a_malformed_id_is_refused() {
        assertThat(ConflictId.of("pk-fc-1", "protected-site", "Taftan-Mirjaveh crossing")).isEqualTo(CONFLICT);
        assertThat(ConflictId.of("pk-fc-1", "operation", "Taftan-Mirjaveh crossing")).isNotEqualTo(CONFLICT);
        assertThatThrownBy(() -> new ConflictId("conflict--nope")).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.field()).isEqualTo("id"));
    }
}
