package org.concord.intel;

import java.util.Objects;

import org.concord.party.PartyCode;

/** Where an object being stored comes from. */
public sealed interface Origin {

    /** Made on this node, by a user or the {@code concord} command ({@code actor} as the audit trail names it). */
    record Local(String actor) implements Origin {
        public Local {
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** Received from a partner: pulled from its collection or posted to this node's inbox. */
    record Partner(PartyCode party) implements Origin {
        public Partner {
            Objects.requireNonNull(party, "party");
        }
    }
}
