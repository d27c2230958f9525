package org.concord.deconfliction;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules one partner pair agreed: which operations must be notified and what a notice must
 * keep. Immutable; {@code with...} return a changed copy.
 *
 * @param pair      the two parties
 * @param zone      which operations need notice
 * @param policies  every rule a required notice is checked against, each named once
 * @param agreement the agreement both parties signed that these rules are, or null for rules set
 *                  in one node's configuration that the other never signed
 */
public record NoticeRules(PartnerPair pair, NotificationZone zone, List<NoticePolicy> policies, Agreed agreement) {

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

    /** Rules no agreement backs (those of one node's configuration, or the defaults). */
    public NoticeRules(PartnerPair pair, NotificationZone zone, List<NoticePolicy> policies) {
        this(pair, zone, policies, null);
    }

    /**
     * The agreement a pair's rules come from: its STIX id, its version (1 for the pair's first) and
     * when it came into force (when the second party signed it).
     */
    public record Agreed(String id, int version, java.time.Instant inForceSince) {
        public Agreed {
            Invalid.required("id", id);
            Invalid.required("inForceSince", inForceSince);
        }

        /** As {@link NoticeRules#stated()} names it. */
        public String term() {
            return "agreement id=" + id + " version=" + version;
        }
    }

    /**
     * A change of a pair's rules, each part optional (null keeps the value it changes), as an
     * administrator proposes it or {@code concord.yml} sets it. {@link #applyTo} names each refusal
     * by its field, e.g. {@code rules.notificationZoneKm}.
     */
    public record Change(Double notificationZoneKm, Boolean missileFlightsAlways, java.time.Duration minimumNotice,
            java.time.Duration maximumWindow, Double launchPointKm, Double impactAreaKm, Double trajectoryKm,
            Boolean trajectoryMayCross) {

        /** The names of the parts, as fields. */
        public static final List<String> FIELDS = List.of("notificationZoneKm", "missileFlightsAlways", "minimumNotice",
                "maximumWindow", "launchPointKm", "impactAreaKm", "trajectoryKm", "trajectoryMayCross");

        /**
         * Every part as {@code rules} have it: applied to any rules of the pair, it gives {@code rules}' values (a
         * rule they do not have is null, and stays as it is). What a form to change them starts from.
         */
        public static Change of(NoticeRules rules) {
            Double launch = null;
            Double impact = null;
            Double trajectory = null;
            java.time.Duration lead = null;
            java.time.Duration longest = null;
            boolean mayCross = true;
            for (NoticePolicy policy : rules.policies()) {
                if (policy instanceof NoticePolicy.MinimumNotice p) {
                    lead = p.lead();
                } else if (policy instanceof NoticePolicy.MaximumWindow p) {
                    longest = p.longest();
                } else if (policy instanceof NoticePolicy.LaunchPointDistance p) {
                    launch = p.km();
                } else if (policy instanceof NoticePolicy.ImpactAreaDistance p) {
                    impact = p.km();
                } else if (policy instanceof NoticePolicy.TrajectoryDistance p) {
                    trajectory = p.km();
                } else if (policy instanceof NoticePolicy.TrajectoryDoesNotCross) {
                    mayCross = false;
                }
            }
            return new Change(rules.zone().km(), rules.zone().missileFlightsAlways(), lead, longest, launch, impact, trajectory,
                    mayCross);
        }

        /**
         * {@code current}, without its agreement, changed by every part given.
         *
         * @param prefix what each refused field is named under ({@code "rules."}), or empty
         */
        public NoticeRules applyTo(NoticeRules current, String prefix) {
            NoticeRules out = new NoticeRules(current.pair(), current.zone(), current.policies());
            if (notificationZoneKm != null || missileFlightsAlways != null) {
                NotificationZone zone = out.zone();
                out = out.with(as(prefix + (notificationZoneKm != null ? "notificationZoneKm" : "missileFlightsAlways"),
                        () -> new NotificationZone(notificationZoneKm != null ? notificationZoneKm : zone.km(),
                                missileFlightsAlways != null ? missileFlightsAlways : zone.missileFlightsAlways())));
            }
            if (minimumNotice != null) {
                out = out.with(as(prefix + "minimumNotice", () -> new NoticePolicy.MinimumNotice(minimumNotice)));
            }
            if (maximumWindow != null) {
                out = out.with(as(prefix + "maximumWindow", () -> new NoticePolicy.MaximumWindow(maximumWindow)));
            }
            if (launchPointKm != null) {
                out = out.with(as(prefix + "launchPointKm", () -> new NoticePolicy.LaunchPointDistance(launchPointKm)));
            }
            if (impactAreaKm != null) {
                out = out.with(as(prefix + "impactAreaKm", () -> new NoticePolicy.ImpactAreaDistance(impactAreaKm)));
            }
            if (trajectoryKm != null) {
                out = out.with(as(prefix + "trajectoryKm", () -> new NoticePolicy.TrajectoryDistance(trajectoryKm)));
            }
            if (Boolean.TRUE.equals(trajectoryMayCross)) {
                out = out.without("trajectory-does-not-cross");
            } else if (Boolean.FALSE.equals(trajectoryMayCross)) {
                out = out.with(new NoticePolicy.TrajectoryDoesNotCross());
            }
            return out;
        }

        private static <T> T as(String field, java.util.function.Supplier<T> make) {
            try {
                return make.get();
            } catch (org.concord.node.InvalidInput e) {
                String message = e.getMessage();
                throw Invalid.input(field, e.rule(), message.startsWith(e.field() + ": ") ? message.substring(e.field().length() + 2) : message);
            }
        }
    }

    /** These rules, as the agreement {@code agreed} makes them. */
    public NoticeRules agreed(Agreed agreed) {
        return new NoticeRules(pair, zone, policies, agreed);
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
        return new NoticeRules(pair, zone, policies, agreement);
    }

    /** These rules with {@code policy} instead of the one of the same name, or added if none has it. */
    public NoticeRules with(NoticePolicy policy) {
        List<NoticePolicy> changed = new java.util.ArrayList<>(policies.stream()
                .filter(p -> !p.name().equals(policy.name())).toList());
        changed.add(policy);
        return new NoticeRules(pair, zone, changed, agreement);
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
        return new NoticeRules(pair, zone, policies.stream().filter(p -> !p.name().equals(name)).toList(), agreement);
    }

    /**
     * What a notice says it was evaluated under: the agreement's name first ({@code agreement
     * id=… version=2}) if these rules are one, then {@link #terms()}. The addressee compares them with
     * its own: rules the same in number but not signed by both, or signed in another version, differ.
     */
    public List<String> stated() {
        if (agreement == null) {
            return terms();
        }
        List<String> out = new java.util.ArrayList<>();
        out.add(agreement.term());
        out.addAll(terms());
        return List.copyOf(out);
    }

    /**
     * The rules {@code terms} state, read back ({@link #terms()} is the inverse): the notification
     * zone, and every rule by name with its parameters. An agreement is exchanged as its terms.
     *
     * @throws org.concord.node.InvalidInput naming {@code terms[i]} and the rule it breaks: an unknown
     *         rule ({@code known-rule}), a missing or unreadable parameter ({@code parameter}), the zone
     *         missing ({@code zone-required}); a value out of its rule's range as the rule refuses it
     */
    public static NoticeRules fromTerms(PartnerPair pair, List<String> terms) {
        Invalid.required("terms", terms);
        NotificationZone zone = null;
        List<NoticePolicy> policies = new java.util.ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            String field = "terms[" + i + "]";
            String term = terms.get(i) == null ? "" : terms.get(i).trim();
            String[] words = term.split("\\s+");
            java.util.Map<String, String> params = new java.util.HashMap<>();
            for (int w = 1; w < words.length; w++) {
                int eq = words[w].indexOf('=');
                if (eq <= 0) {
                    throw Invalid.input(field, "parameter", "'" + words[w] + "' is not name=value");
                }
                params.put(words[w].substring(0, eq), words[w].substring(eq + 1));
            }
            switch (words[0]) {
                case "notification-zone" -> zone = new NotificationZone(km(field, params, "km"),
                        bool(field, params, "missileFlightsAlways"));
                case "minimum-notice" -> policies.add(new NoticePolicy.MinimumNotice(duration(field, params, "lead")));
                case "maximum-window" -> policies.add(new NoticePolicy.MaximumWindow(duration(field, params, "longest")));
                case "launch-point-distance" -> policies.add(new NoticePolicy.LaunchPointDistance(km(field, params, "km")));
                case "impact-area-distance" -> policies.add(new NoticePolicy.ImpactAreaDistance(km(field, params, "km")));
                case "trajectory-distance" -> policies.add(new NoticePolicy.TrajectoryDistance(km(field, params, "km")));
                case "trajectory-does-not-cross" -> policies.add(new NoticePolicy.TrajectoryDoesNotCross());
                default -> throw Invalid.input(field, "known-rule", "'" + words[0] + "' is not a rule this node knows"
                        + " (notification-zone, minimum-notice, maximum-window, launch-point-distance, impact-area-distance,"
                        + " trajectory-distance, trajectory-does-not-cross)");
            }
        }
        if (zone == null) {
            throw Invalid.input("terms", "zone-required", "the terms must state the notification-zone");
        }
        return new NoticeRules(pair, zone, policies);
    }

    private static String param(String field, java.util.Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            throw Invalid.input(field, "parameter", "the parameter " + name + " is missing");
        }
        return value;
    }

    private static double km(String field, java.util.Map<String, String> params, String name) {
        String value = param(field, params, name);
        try {
            double km = Double.parseDouble(value);
            if (!Double.isFinite(km)) {
                throw new NumberFormatException();
            }
            return km;
        } catch (NumberFormatException e) {
            throw Invalid.input(field, "parameter", name + "=" + value + " is not a number of kilometres");
        }
    }

    private static boolean bool(String field, java.util.Map<String, String> params, String name) {
        String value = param(field, params, name);
        if (!value.equals("true") && !value.equals("false")) {
            throw Invalid.input(field, "parameter", name + "=" + value + " is neither true nor false");
        }
        return Boolean.parseBoolean(value);
    }

    private static java.time.Duration duration(String field, java.util.Map<String, String> params, String name) {
        String value = param(field, params, name);
        try {
            return java.time.Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw Invalid.input(field, "parameter", name + "=" + value + " is not an ISO 8601 duration (PT72H)");
        }
    }
}
