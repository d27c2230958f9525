package org.concord.deconfliction;

import org.concord.party.PartyCode;

/**
 * The notice rules a pair's notices are evaluated under now. {@link RulesPerPair} answers those
 * set in the node's configuration; the node itself answers the agreement both sides signed where
 * there is one, and the configuration's otherwise ({@link NoticeRules#agreement()} says which).
 */
@FunctionalInterface
public interface RulesInForce {

    /** The rules between {@code a} and {@code b} now. */
    NoticeRules between(PartyCode a, PartyCode b);
}
