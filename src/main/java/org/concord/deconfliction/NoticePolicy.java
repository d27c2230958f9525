package org.concord.deconfliction;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.concord.deconfliction.geo.BorderDistance;
import org.concord.deconfliction.geo.Position;

/**
 * One rule a notice must keep, by name. The rules of a partner pair are listed in its
 * {@link NoticeRules}; the defaults ({@link #modelledOnIndiaPakistan2005()}) follow the 2005
 * India-Pakistan agreement on pre-notification of flight tests of ballistic missiles.
 *
 * <p>A policy looks only at what it is given (no clock, no I/O) and answers with the rule it
 * breaks, if it does. The three distance rules apply to a {@link OperationArea.MissileFlight}
 * and pass any other area.
 */
public interface NoticePolicy {

    /** A short, stable name, e.g. {@code minimum-notice}; a {@link BrokenRule} carries it. */
    String name();

    /** The rule broken, or empty if the notice keeps it. */
    Optional<BrokenRule> check(NoticeUnderReview review);

    /**
     * The default rules: notice at least 72 hours before a window of at most 5 days; launch
     * point at least 40 km and impact area at least 70 km from the border; trajectory not
     * crossing the border and keeping 40 km from it.
     */
    static List<NoticePolicy> modelledOnIndiaPakistan2005() {
        return List.of(
                new MinimumNotice(Duration.ofHours(72)),
                new MaximumWindow(Duration.ofDays(5)),
                new LaunchPointDistance(40),
                new ImpactAreaDistance(70),
                new TrajectoryDoesNotCross(),
                new TrajectoryDistance(40));
    }

    /**
     * The notice must reach the partner at least {@code lead} before the window opens.
     *
     * @param lead positive
     */
    record MinimumNotice(Duration lead) implements NoticePolicy {

        public MinimumNotice {
            Invalid.required("minimumNotice", lead);
            if (lead.isNegative() || lead.isZero()) {
                throw Invalid.input("minimumNotice", "positive", "must be positive, got " + lead);
            }
        }

        @Override
        public String name() {
            return "minimum-notice";
        }

        @Override
        public Optional<BrokenRule> check(NoticeUnderReview review) {
            Duration given = Duration.between(review.now(), review.notice().window().start());
            return given.compareTo(lead) >= 0 ? Optional.empty() : Optional.of(new BrokenRule.TooLate(name(), lead, given));
        }
    }

    /**
     * The window may last at most {@code longest}.
     *
     * @param longest positive
     */
    record MaximumWindow(Duration longest) implements NoticePolicy {

        public MaximumWindow {
            Invalid.required("maximumWindow", longest);
            if (longest.isNegative() || longest.isZero()) {
                throw Invalid.input("maximumWindow", "positive", "must be positive, got " + longest);
            }
        }

        @Override
        public String name() {
            return "maximum-window";
        }

        @Override
        public Optional<BrokenRule> check(NoticeUnderReview review) {
            Duration length = review.notice().window().length();
            return length.compareTo(longest) <= 0 ? Optional.empty()
                    : Optional.of(new BrokenRule.TooLong(name(), longest, length));
        }
    }

    /**
     * A missile's launch point must be at least {@code km} from the border.
     *
     * @param km not negative
     */
    record LaunchPointDistance(double km) implements NoticePolicy {

        public LaunchPointDistance {
            Policies.distance("launchPointDistance", km);
        }

        @Override
        public String name() {
            return "launch-point-distance";
        }

        @Override
        public Optional<BrokenRule> check(NoticeUnderReview review) {
            if (!(review.notice().area() instanceof OperationArea.MissileFlight flight)) {
                return Optional.empty();
            }
            Position launch = flight.launchPoint();
            return Policies.atLeast(name(), "launch point", km, review.border().distanceTo(launch));
        }
    }

    /**
     * A missile's impact area must be at least {@code km} from the border at its nearest point.
     *
     * @param km not negative
     */
    record ImpactAreaDistance(double km) implements NoticePolicy {

        public ImpactAreaDistance {
            Policies.distance("impactAreaDistance", km);
        }

        @Override
        public String name() {
            return "impact-area-distance";
        }

        @Override
        public Optional<BrokenRule> check(NoticeUnderReview review) {
            if (!(review.notice().area() instanceof OperationArea.MissileFlight flight)) {
                return Optional.empty();
            }
            return Policies.atLeast(name(), "impact area", km, review.border().distanceTo(flight.impactArea()));
        }
    }

    /** A missile's trajectory must not meet or cross the border. */
    record TrajectoryDoesNotCross() implements NoticePolicy {

        @Override
        public String name() {
            return "trajectory-does-not-cross";
        }

        @Override
        public Optional<BrokenRule> check(NoticeUnderReview review) {
            if (!(review.notice().area() instanceof OperationArea.MissileFlight flight)
                    || !review.border().meets(flight.trajectory())) {
                return Optional.empty();
            }
            return Optional.of(new BrokenRule.Crosses(name(), "trajectory", review.border().distanceTo(flight.trajectory())));
        }
    }

    /**
     * A missile's trajectory must keep at least {@code km} from the border all along.
     *
     * @param km not negative
     */
    record TrajectoryDistance(double km) implements NoticePolicy {

        public TrajectoryDistance {
            Policies.distance("trajectoryDistance", km);
        }

        @Override
        public String name() {
            return "trajectory-distance";
        }

        @Override
        public Optional<BrokenRule> check(NoticeUnderReview review) {
            if (!(review.notice().area() instanceof OperationArea.MissileFlight flight)) {
                return Optional.empty();
            }
            return Policies.atLeast(name(), "trajectory", km, review.border().distanceTo(flight.trajectory()));
        }
    }
}

/** Helpers of the distance policies. */
final class Policies {

    private Policies() {
    }

    static void distance(String field, double km) {
        if (!Double.isFinite(km) || km < 0 || km > 1000) {
            throw Invalid.input(field, "distance-range", "must be within [0, 1000] km, got " + km);
        }
    }

    static Optional<BrokenRule> atLeast(String rule, String part, double km, BorderDistance measured) {
        return measured.km() >= km ? Optional.empty() : Optional.of(new BrokenRule.TooClose(rule, part, km, measured));
    }
}
