package org.concord.intel;

import java.util.Optional;

import org.concord.party.PartyCode;

import tools.jackson.databind.JsonNode;

/**
 * A check a module adds to what a partner may put in this node's inbox, run after the STIX checks
 * and before the object is stored, so that an object it refuses is refused in the TAXII status
 * (with its reason, for the partner to read) and no receipt is ever signed for it. The workflow
 * engine provides one: a workflow message that cannot be read, or that claims another sender than
 * the partner that delivered it, is refused here rather than receipted and then dropped; so is,
 * by deconfliction's, an operation notice, an unplanned event or a protected site under the id of
 * one this node holds from another party, its own above all. A check that refuses
 * an attempt worth keeping records it in the audit log itself: the inbox runs its checks before it
 * opens the transaction that stores, so the entry stays although nothing of the object is stored.
 */
public interface InboxCheck {

    /**
     * Why {@code object}, delivered by partner {@code from}, may not enter the inbox, as
     * {@code $.path: rule}; empty when this check has nothing against it (also for objects it does not know).
     */
    Optional<String> refusal(PartyCode from, JsonNode object);
}
