package org.concord.hotline;

import java.time.Instant;
import java.util.Objects;

import org.concord.party.PartyCode;
import org.concord.workflow.StixId;

/**
 * Something one side did by accident that the other may take for an attack — an accidental
 * missile launch, a stray drone, a patrol across the line — recorded on the responsible side's
 * node the moment it is known. (The 2022 India–Pakistan missile incident had no such call.)
 *
 * @param id the event's id
 * @param party the side responsible, which must report it
 * @param occurredAt when it happened
 * @param what what happened, in words
 */
public record UnplannedEvent(StixId id, PartyCode party, Instant occurredAt, String what) {

    public UnplannedEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (what == null || what.isBlank()) {
            throw new IllegalArgumentException("an unplanned event says what happened");
        }
    }
}
