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

    /**
     * These rules as plain terms, in a fixed order: the notification zone first, then each rule by
     * name, with its parameters as its record states them (durations in ISO 8601, distances in km),
     * e.g. {@code notification-zone km=50 missileFlightsAlways=true} and {@code minimum-notice
     * lead=PT72H}. Two nodes holding the same rules for a pair give the same terms. A notice carries
     * its notifier's terms ({@code rules} in the STIX object), so that the addressee, which evaluates
     * it again under its own, can tell when the two sides do not apply the same rules.
     */
    public List<String> terms() {
        List<String> terms = new java.util.ArrayList<>();
        terms.add(term("notification-zone", zone));
        policies.stream().sorted(java.util.Comparator.comparing(NoticePolicy::name)).forEach(p -> terms.add(term(p.name(), p)));
        return List.copyOf(terms);
    }

    private static String term(String name, Object rule) {
        StringBuilder out = new StringBuilder(name);
        if (rule.getClass().isRecord()) {
            for (java.lang.reflect.RecordComponent component : rule.getClass().getRecordComponents()) {
                Object value;
                try {
                    value = component.getAccessor().invoke(rule);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("rule " + name + " hides its parameter " + component.getName(), e);
                }
                out.append(' ').append(component.getName()).append('=').append(value instanceof Double d
                        ? java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : String.valueOf(value));
            }
        }
        return out.toString();
    }

    /** These rules without the one named {@code name}. */
    public NoticeRules without(String name) {
        return new NoticeRules(pair, zone, policies.stream().filter(p -> !p.name().equals(name)).toList());
    }
}
