package org.concord.deconfliction;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules one partner pair agreed: which operations must be notified and what a notice must
 * keep. Immutable; {@code with...} return a changed copy.
 *
 * @param pair     the two parties
 * @param zone     which operations need notice
 * @param policies every rule a required notice is checked against, each named once
 */
public record NoticeRules(PartnerPair pair, NotificationZone zone, List<NoticePolicy> policies) {

    public NoticeRules {
        Invalid.required("pair", pair);
        Invalid.required("zone", zone);
        Invalid.required("policies", policies);
        policies = List.copyOf(policies);
        Set<String> names = new HashSet<>();
        for (NoticePolicy p : policies) {
            if (!names.add(p.name())) {
                throw Invalid.input("policies", "one-policy-per-name", "the rule '" + p.name() + "' is given twice");
            }
        }
    }

    /**
     * The defaults, modelled on the 2005 India-Pakistan agreement on pre-notification of
     * ballistic missile tests: {@link NotificationZone#defaults()} and
     * {@link NoticePolicy#modelledOnIndiaPakistan2005()}.
     */
    public static NoticeRules defaults(PartnerPair pair) {
        return new NoticeRules(pair, NotificationZone.defaults(), NoticePolicy.modelledOnIndiaPakistan2005());
    }

    public NoticeRules with(NotificationZone zone) {
        return new NoticeRules(pair, zone, policies);
    }

    /** These rules with {@code policy} instead of the one of the same name, or added if none has it. */
    public NoticeRules with(NoticePolicy policy) {
        List<NoticePolicy> changed = new java.util.ArrayList<>(policies.stream()
                .filter(p -> !p.name().equals(policy.name())).toList());
        changed.add(policy);
        return new NoticeRules(pair, zone, changed);
    }

    /** These rules without the one named {@code name}. */
    public NoticeRules without(String name) {
        return new NoticeRules(pair, zone, policies.stream().filter(p -> !p.name().equals(name)).toList());
    }
}
