package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.concord.party.PartyCode;

/** Whatever the messages of a case and however they arrive, the arrangement is one and respects causality. */
class DeliveryOrderProperties {

    private static final StixId CASE = StixId.named("x-concord-request", "property");
    private static final Instant T0 = Instant.parse("2024-01-20T10:00:00Z");

    record Note(StixId id, StixId caseId, PartyCode sender, Instant sentAt, Optional<StixId> previous)
            implements CaseMessage {
    }

    /** A random causal history: each message follows a random earlier one, with clocks that may run behind. */
    private static List<Note> history(int size, Random random) {
        List<Note> notes = new ArrayList<>();
        notes.add(new Note(CASE, CASE, PartyCode.of("PK"), T0, Optional.empty()));
        for (int i = 1; i < size; i++) {
            Note previous = notes.get(random.nextInt(notes.size()));
            notes.add(new Note(StixId.named("x-note", "n" + i + "-" + random.nextInt()), CASE,
                    random.nextBoolean() ? PartyCode.of("PK") : PartyCode.of("IR"),
                    T0.plusSeconds(random.nextInt(600) - 120L), Optional.of(previous.id())));
        }
        return notes;
    }

    @Property(tries = 500)
    void arrival_order_and_duplicates_do_not_change_the_arrangement(
            @ForAll @IntRange(min = 1, max = 30) int size, @ForAll long seed) {
        Random random = new Random(seed);
        List<Note> notes = history(size, random);
        List<Note> arrived = new ArrayList<>(notes);
        for (int i = 0; i < size; i++) {
            arrived.add(notes.get(random.nextInt(size)));
        }
        Collections.shuffle(arrived, random);

        assertThat(DeliveryOrder.arrange(arrived)).isEqualTo(DeliveryOrder.arrange(notes));
    }

    @Property(tries = 500)
    void every_message_comes_after_its_previous_and_nothing_is_lost(
            @ForAll @IntRange(min = 1, max = 30) int size, @ForAll long seed) {
        Random random = new Random(seed);
        List<Note> notes = history(size, random);
        List<Note> missing = new ArrayList<>(notes);
        Note lost = missing.remove(random.nextInt(size));

        DeliveryOrder.Arrangement<Note> arranged = DeliveryOrder.arrange(missing);

        Set<StixId> placed = new HashSet<>();
        for (Note note : arranged.inOrder()) {
            note.previous().ifPresent(previous -> assertThat(placed).contains(previous));
            placed.add(note.id());
        }
        assertThat(arranged.inOrder().size() + arranged.waiting().size()).isEqualTo(size - 1);
        assertThat(arranged.waiting()).allSatisfy(note -> assertThat(placed).doesNotContain(note.id()));
        Set<StixId> descendantsOfTheLost = new HashSet<>(Set.of(lost.id()));
        for (Note note : notes) {
            if (note.previous().filter(descendantsOfTheLost::contains).isPresent()) {
                descendantsOfTheLost.add(note.id());
            }
        }
        descendantsOfTheLost.remove(lost.id());
        assertThat(arranged.waiting()).extracting(Note::id)
                .as("exactly what depends on the lost message waits")
                .containsExactlyInAnyOrderElementsOf(descendantsOfTheLost);
    }
}
