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

    /** The path by which a partner's objects come in; recorded with every version the trust boundary refuses. */
    enum Path {
        /** Posted by the partner to this node's inbox. */
        INBOX,
        /** Pulled by this node from the partner's {@code intel} collection. */
        PULL,
        /** The partner's bundle, imported by a user of this node ({@code concord intel import --from}). */
        IMPORT;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Received from a partner: posted to this node's inbox, pulled from its collection, or its bundle
     * imported by a user of this node. Every version is judged by the trust boundary
     * ({@code intel.stix.TrustBoundary}) whatever the path.
     *
     * @param party the partner the objects come from
     * @param path  how they come in; null: the inbox when written to the inbox, else a pull
     * @param actor who brings them in for the audit trail; null: the partner itself
     */
    record Partner(PartyCode party, Path path, String actor) implements Origin {
        public Partner {
            Objects.requireNonNull(party, "party");
        }

        public Partner(PartyCode party) {
            this(party, null, null);
        }

        /** Objects pulled from the partner's {@code intel} collection. */
        public static Partner pulledFrom(PartyCode party) {
            return new Partner(party, Path.PULL, null);
        }

        /** The partner's bundle, imported by {@code actor} (a user of this node), attributed to the partner. */
        public static Partner importedFrom(PartyCode party, String actor) {
            return new Partner(party, Path.IMPORT, Objects.requireNonNull(actor, "actor"));
        }

        /** Who the audit trail names: the importing user, else {@code partner:CODE}. */
        public String auditActor() {
            return actor != null ? actor : "partner:" + party;
        }

        Path pathIn(Collection collection) {
            return path != null ? path : collection == Collection.INBOX ? Path.INBOX : Path.PULL;
        }
    }
}
