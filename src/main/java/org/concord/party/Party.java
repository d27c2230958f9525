package org.concord.party;

import java.util.Objects;

import org.concord.node.InvalidInput;

/** A state taking part: its code and the name it gives itself. */
public record Party(PartyCode code, String name) {

    public Party {
        Objects.requireNonNull(code, "code");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInput("party.name", "required", "a name of 1 to 200 characters is required");
        }
    }
}
