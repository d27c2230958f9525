package org.concord.intel;

import java.util.Objects;

import org.concord.party.PartyCode;

/** Who is reading: a user of this node sees everything held; a partner sees what the sharing policy gives it. */
public sealed interface Viewer {

    record LocalUser() implements Viewer {
    }

    record Partner(PartyCode party) implements Viewer {
        public Partner {
            Objects.requireNonNull(party, "party");
        }
    }

    static Viewer local() {
        return new LocalUser();
    }

    static Viewer partner(PartyCode party) {
        return new Partner(party);
    }
}
