package org.concord.deconfliction;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.concord.party.PartyCode;

/**
 * The notice rules each pair signed (issue 14). One side proposes an agreement, signed with its
 * node's key; it comes into force when the other side signs it too, and from then on both nodes
 * evaluate the pair's notices under it and name it in every evaluation. Until then the rules in
 * force stay as they were, and the desk of each side shows an alarm: an agreement signed by one
 * side only. Both signatures travel through the outbox, so each is recorded in both ledgers.
 */
public interface Agreements {

    /** Where an agreement stands at this node. */
    enum State {
        /** This node proposed and signed it; the partner has not signed yet. */
        AWAITING_THEIR_SIGNATURE,
        /** The partner proposed and signed it; an administrator here has not signed yet. */
        AWAITING_OUR_SIGNATURE,
        /** Both signed it, and it is the pair's newest: the pair's notices are evaluated under it. */
        IN_FORCE,
        /** Both signed it, and a newer one has come into force since. */
        SUPERSEDED,
        /** Never signed by both, and a newer one has come into force since: it can no longer be signed. */
        LAPSED,
        /** The other side's administrator declined it: it will never be in force. */
        DECLINED
    }

    /**
     * One agreement as this node holds it.
     *
     * @param id         its STIX id ({@code x-concord-agreement--…})
     * @param partner    the other party of the pair
     * @param version    its number among the pair's agreements, from 1
     * @param terms      the rules, as {@link NoticeRules#terms()} states them
     * @param proposedBy the party that proposed (and first signed) it
     * @param proposedAt when
     * @param signedAt   when the second party signed it (it came into force then), or null
     * @param state      where it stands
     */
    record Agreement(String id, PartyCode partner, int version, List<String> terms, PartyCode proposedBy, Instant proposedAt,
            Instant signedAt, State state) {
        public Agreement {
            terms = List.copyOf(terms);
        }

        /** Whether only one side has signed it and it can still be signed. */
        public boolean signedByOneSideOnly() {
            return state == State.AWAITING_OUR_SIGNATURE || state == State.AWAITING_THEIR_SIGNATURE;
        }
    }

    /** Every agreement with {@code partner}, newest version first. */
    List<Agreement> with(PartyCode partner);

    /** The agreement with {@code id}. */
    Optional<Agreement> find(String id);

    /** Every agreement signed by one side only that can still be signed, oldest first: each is an alarm. */
    List<Agreement> signedByOneSide();

    /**
     * Proposes {@code rules} to {@code partner}: stored, signed by this node, queued for the partner
     * and audited as {@code actor}'s. The rules in force do not change until the partner signs.
     *
     * @throws org.concord.node.InvalidInput {@code partner} (not paired) or {@code rules} (the same as the agreement in force)
     */
    Agreement propose(PartyCode partner, NoticeRules rules, String actor);

    /**
     * Signs the partner's proposal {@code id}: it comes into force here now, and the signature is
     * queued for the partner, where it comes into force on arrival. Audited as {@code actor}'s.
     *
     * @throws org.concord.node.NotFound no such agreement
     * @throws org.concord.node.Conflict {@code id}: {@code own-proposal} (the partner signs it),
     *         {@code already-signed}, {@code lapsed} (a newer agreement is in force)
     */
    Agreement sign(String id, String actor);

    /**
     * Declines the partner's proposal {@code id}: it will never be in force, and the refusal, signed over the
     * same bytes, is queued for the partner, whose alarm clears when it arrives. Audited as {@code actor}'s.
     *
     * @throws org.concord.node.NotFound no such agreement
     * @throws org.concord.node.Conflict {@code id}: as {@link #sign}, or {@code already-declined}
     */
    Agreement decline(String id, String actor);
}
