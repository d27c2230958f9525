package org.concord.deconfliction;

import java.util.HashMap;
import java.util.Map;
import org.concord.party.PartyCode;

/**
 * The rules of every partner pair this node deconflicts with: those configured, and
 * {@link NoticeRules#defaults} for any other pair. Immutable.
 */
public final class RulesPerPair implements RulesInForce {

    private final Map<PartnerPair, NoticeRules> configured;

    private RulesPerPair(Map<PartnerPair, NoticeRules> configured) {
        this.configured = Map.copyOf(configured);
    }

    /** The defaults for every pair. */
    public static RulesPerPair defaults() {
        return new RulesPerPair(Map.of());
    }

    /** These rules, with {@code rules} for its pair. */
    public RulesPerPair with(NoticeRules rules) {
        Map<PartnerPair, NoticeRules> changed = new HashMap<>(configured);
        changed.put(Invalid.required("rules", rules).pair(), rules);
        return new RulesPerPair(changed);
    }

    /** The rules between {@code a} and {@code b}. */
    @Override
    public NoticeRules between(PartyCode a, PartyCode b) {
        PartnerPair pair = PartnerPair.of(a, b);
        NoticeRules rules = configured.get(pair);
        return rules != null ? rules : NoticeRules.defaults(pair);
    }
}
