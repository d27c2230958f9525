package org.concord.deconfliction;

import java.util.List;
import java.util.Objects;
import org.concord.deconfliction.geo.BorderDistance;

/**
 * What {@link EvaluatingNotices} makes of a notice: refused on sovereignty grounds, or sendable
 * with every rule it breaks and every conflict it has.
 */
public sealed interface NoticeEvaluation {

    /** The notice evaluated. */
    OperationNotice notice();

    /**
     * How far the area's nearest point is from the border, with the nearest border point;
     * measured whichever side the area is on.
     */
    BorderDistance fromBorder();

    /**
     * Cannot be sent: part of the area lies in the partner's territory. The violation explains
     * and offers the conversions.
     */
    record Refused(OperationNotice notice, SovereigntyViolation violation, BorderDistance fromBorder)
            implements NoticeEvaluation {

        public Refused {
            Objects.requireNonNull(notice, "notice");
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(fromBorder, "fromBorder");
        }
    }

    /**
     * May be sent. Broken rules do not stop it: a late or imperfect notice is better than none,
     * and the partner sees the same list. Conflicts are flagged to both sides.
     *
     * @param notice         the notice
     * @param noticeRequired whether the pair's {@link NotificationZone} requires it; when not,
     *                       sending it is a courtesy and the rules are not checked
     * @param fromBorder     the area's distance from the border
     * @param brokenRules    every rule of the pair's {@link NoticeRules} it breaks, in their order
     * @param conflicts      every overlap with the partner's notified operations and sites
     * @param rules          the pair's rules it was evaluated under, naming the agreement they come from if any
     */
    record Sendable(OperationNotice notice, boolean noticeRequired, BorderDistance fromBorder,
            List<BrokenRule> brokenRules, List<Conflict> conflicts, NoticeRules rules) implements NoticeEvaluation {

        public Sendable {
            Objects.requireNonNull(notice, "notice");
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(fromBorder, "fromBorder");
            brokenRules = List.copyOf(brokenRules);
            conflicts = List.copyOf(conflicts);
        }

        /** Whether it breaks no rule and conflicts with nothing. */
        public boolean clean() {
            return brokenRules.isEmpty() && conflicts.isEmpty();
        }

        /** The names of the rules broken, in order. */
        public List<String> brokenRuleNames() {
            return brokenRules.stream().map(BrokenRule::rule).toList();
        }
    }
}
