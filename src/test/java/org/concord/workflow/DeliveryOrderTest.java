package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.concord.party.PartyCode;
import org.junit.jupiter.api.Test;

/** Given the messages of a case as they arrived, when a node arranges them, then the order is canonical. */
class DeliveryOrderTest {

    private static final PartyCode PK = PartyCode.of("PK");
    private static final PartyCode IR = PartyCode.of("IR");
    private static final Instant T0 = Instant.parse("2024-01-20T10:00:00Z");
    private static final StixId CASE = StixId.named("x-concord-request", "case");

    record Note(StixId id, StixId caseId, PartyCode sender, Instant sentAt, Optional<StixId> previous, String text)
            implements CaseMessage {
    }

    private static Note note(String name, PartyCode sender, long minutes, Note previous) {
        return new Note(name.equals("open") ? CASE : StixId.named("x-note", name), CASE, sender,
                T0.plusSeconds(60 * minutes), Optional.ofNullable(previous).map(Note::id), name);
    }

    private final Note open = note("open", PK, 0, null);
    private final Note ack = note("ack", IR, 5, open);
    private final Note reply = note("reply", PK, 7, ack);

    @Test
    void a_message_comes_after_the_one_it_names_whatever_the_clocks_say() {
        Note skewedAnswer = note("skewed", IR, -30, open);

        assertThat(DeliveryOrder.arrange(List.of(skewedAnswer, open)).inOrder()).containsExactly(open, skewedAnswer);
    }

    @Test
    void duplicates_are_dropped_and_arrival_order_does_not_matter() {
        List<Note> arrived = new ArrayList<>(List.of(reply, ack, open, ack, reply, open));
        List<Note> expected = List.of(open, ack, reply);
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(arrived, random);
            assertThat(DeliveryOrder.arrange(arrived).inOrder()).isEqualTo(expected);
        }
    }

    @Test
    void concurrent_messages_go_by_time_of_sending_then_by_id() {
        Note fromPk = note("pk-escalates", PK, 61, ack);
        Note fromIr = note("ir-answers", IR, 60, ack);
        Note sameTime = note("also-at-60", IR, 60, ack);

        List<Note> inOrder = DeliveryOrder.arrange(List.of(fromPk, sameTime, fromIr, ack, open)).inOrder();

        Note firstAt60 = fromIr.id().compareTo(sameTime.id()) < 0 ? fromIr : sameTime;
        Note secondAt60 = firstAt60 == fromIr ? sameTime : fromIr;
        assertThat(inOrder).containsExactly(open, ack, firstAt60, secondAt60, fromPk);
    }

    @Test
    void a_message_whose_previous_has_not_arrived_waits() {
        DeliveryOrder.Arrangement<Note> arranged = DeliveryOrder.arrange(List.of(open, reply));

        assertThat(arranged.inOrder()).containsExactly(open);
        assertThat(arranged.waiting()).containsExactly(reply);
    }

    @Test
    void messages_of_another_case_are_set_apart_once_each() {
        Note stray = new Note(StixId.named("x-note", "stray"), StixId.named("x-concord-request", "other"), IR,
                T0, Optional.of(StixId.named("x-note", "elsewhere")), "stray");

        DeliveryOrder.Arrangement<Note> arranged = DeliveryOrder.arrange(CASE, List.of(stray, open, stray, ack));

        assertThat(arranged.inOrder()).containsExactly(open, ack);
        assertThat(arranged.otherCases()).containsExactly(stray);
        assertThatThrownBy(() -> DeliveryOrder.theCaseOf(List.of(open, stray)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DeliveryOrder.theCaseOf(List.of(open, ack))).contains(CASE);
    }

    @Test
    void a_different_message_under_an_existing_id_is_a_conflict_and_the_earlier_is_kept() {
        Note forged = new Note(ack.id(), CASE, IR, ack.sentAt().plusSeconds(1), ack.previous(), "changed");

        DeliveryOrder.Arrangement<Note> arranged = DeliveryOrder.arrange(List.of(forged, open, ack));

        assertThat(arranged.inOrder()).containsExactly(open, ack);
        assertThat(arranged.conflicting()).containsExactly(forged);
    }
}
