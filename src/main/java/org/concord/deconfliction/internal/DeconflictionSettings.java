package org.concord.deconfliction.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.concord.deconfliction.ConflictAnswerPolicy;
import org.concord.deconfliction.NoticeRules;
import org.concord.deconfliction.PartnerPair;
import org.concord.deconfliction.RulesPerPair;
import org.concord.deconfliction.UnplannedEventPolicy;
import org.concord.hotline.Priority;
import org.concord.party.PartyCode;

/**
 * {@code concord.deconfliction.*}: the partners whose boundaries are loaded at start (besides the
 * ones paired), and the rules agreed with each partner. Every value left out keeps the core's
 * default ({@link NoticeRules#defaults}).
 *
 * <pre>
 * concord:
 *   deconfliction:
 *     partners: [IR]
 *     rules:
 *       IR:
 *         notification-zone-km: 50
 *         missile-flights-always: true
 *         minimum-notice: 72h
 *         maximum-window: 5d
 *         launch-point-km: 40
 *         impact-area-km: 70
 *         trajectory-km: 40
 *         trajectory-may-cross: false
 *     conflict-answers:
 *       answer-within: { FLASH: 10m, PRIORITY: 1h, ROUTINE: 24h }
 *       flash-within: 24h
 *       priority-within: 72h
 *     events:
 *       report-within: 30m
 * </pre>
 *
 * @param partners partner codes whose boundaries to load at start
 * @param rules    per partner code, the pair's rules
 */
record DeconflictionSettings(List<String> partners, Map<String, PairRules> rules, ConflictAnswers conflictAnswers,
        Events events) {

    DeconflictionSettings {
        partners = partners == null ? List.of() : List.copyOf(partners);
        // in the order configured (the binder keeps concord.yml's), not Map.copyOf's, which changes with every JVM start:
        // of two wrong pairs the first as written is told of, in every process
        if (rules == null) {
            rules = Map.of();
        } else {
            Map<String, PairRules> inOrder = new java.util.LinkedHashMap<>();
            rules.forEach((key, value) -> inOrder.put(java.util.Objects.requireNonNull(key), java.util.Objects.requireNonNull(value)));
            rules = java.util.Collections.unmodifiableMap(inOrder);
        }
        conflictAnswers = conflictAnswers == null ? new ConflictAnswers(null, null, null) : conflictAnswers;
        events = events == null ? new Events(null) : events;
    }

    /**
     * {@code conflict-answers}: the deadline for answering a conflict ({@link ConflictAnswerPolicy});
     * {@code answer-within} by priority ({@code FLASH: 10m}), the thresholds {@code flash-within} and
     * {@code priority-within}. Anything left out keeps the default.
     */
    record ConflictAnswers(Map<Priority, Duration> answerWithin, Duration flashWithin, Duration priorityWithin) {

        ConflictAnswerPolicy policy() {
            ConflictAnswerPolicy policy = ConflictAnswerPolicy.defaults();
            if (answerWithin != null) {
                for (Map.Entry<Priority, Duration> e : answerWithin.entrySet()) {
                    policy = policy.with(e.getKey(), e.getValue());
                }
            }
            return policy.withThresholds(flashWithin != null ? flashWithin : policy.flashWithin(),
                    priorityWithin != null ? priorityWithin : policy.priorityWithin());
        }
    }

    /**
     * {@code events.report-within}: how long after it was observed an unplanned event reported here
     * must have reached the partner ({@link UnplannedEventPolicy}; default 30 min, as the hotline's FLASH rule).
     */
    record Events(Duration reportWithin) {

        UnplannedEventPolicy policy() {
            return reportWithin == null ? UnplannedEventPolicy.defaults() : new UnplannedEventPolicy(reportWithin);
        }
    }

    /** One pair's rules; null keeps the default. */
    record PairRules(Double notificationZoneKm, Boolean missileFlightsAlways, Duration minimumNotice,
            Duration maximumWindow, Double launchPointKm, Double impactAreaKm, Double trajectoryKm,
            Boolean trajectoryMayCross) {
    }

    /** The rules of every configured pair, the defaults for any other. */
    RulesPerPair rulesFor(PartyCode own) {
        RulesPerPair all = RulesPerPair.defaults();
        for (Map.Entry<String, PairRules> e : rules.entrySet()) {
            PartyCode partner = PartyCode.of(e.getKey().toUpperCase(Locale.ROOT));
            PairRules r = e.getValue();
            NoticeRules pair = new NoticeRules.Change(r.notificationZoneKm(), r.missileFlightsAlways(), r.minimumNotice(),
                    r.maximumWindow(), r.launchPointKm(), r.impactAreaKm(), r.trajectoryKm(), r.trajectoryMayCross())
                    .applyTo(NoticeRules.defaults(PartnerPair.of(own, partner)), "concord.deconfliction.rules." + e.getKey() + ".");
            all = all.with(pair);
        }
        return all;
    }
}
