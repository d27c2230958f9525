package org.concord.workflow;

import java.util.List;
import java.util.Objects;

import org.concord.party.PartyCode;

/**
 * Which party must act next in a case, and the actions it may take (as the REST API names them,
 * e.g. {@code acknowledge}, {@code accept}). Derived from the folded case alone, so both nodes name
 * the same party.
 *
 * @param party the party whose move it is; null when the case is over and nobody must act
 * @param actions what that party may do; empty when nobody must act
 */
public record NextActor(PartyCode party, List<String> actions) {

    public NextActor {
        actions = List.copyOf(Objects.requireNonNull(actions, "actions"));
    }

    /** Nobody must act: the case is over. */
    public static NextActor nobody() {
        return new NextActor(null, List.of());
    }

    public static NextActor of(PartyCode party, String... actions) {
        return new NextActor(Objects.requireNonNull(party, "party"), List.of(actions));
    }
}
