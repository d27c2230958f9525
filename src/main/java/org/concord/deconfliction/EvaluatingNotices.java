package org.concord.deconfliction;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.concord.deconfliction.geo.Border;
import org.concord.deconfliction.geo.BorderDistance;
import org.concord.deconfliction.geo.Country;
import org.concord.deconfliction.geo.Boundaries;
import org.concord.deconfliction.geo.CountryCode;
import org.concord.deconfliction.geo.Position;
import org.concord.deconfliction.geo.Province;
import org.concord.party.PartyCode;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Evaluates an operation notice before it is sent (and one received from a partner, alike):
 *
 * <ol>
 *   <li><b>Sovereignty.</b> If any part of the area lies in or on the territory of any state but
 *       the notifier's own (the addressee, another partner, or a state this node is not paired
 *       with), the notice is {@linkplain NoticeEvaluation.Refused refused}: a notice announces what
 *       a party does on its own side (or at sea). The refusal explains; inside a partner's
 *       territory it offers a request for action to that partner or a joint-operation proposal
 *       instead, inside a non-partner's it offers nothing Concord can carry. This is the check that
 *       would have stopped the strikes of 16 and 18 January 2024, each planned in the other's
 *       territory, whichever partner the notice is addressed to.</li>
 *   <li><b>Distance.</b> The area's distance from the border, geodesic on WGS84 (for a point
 *       with radius exactly the centre's distance less the radius).</li>
 *   <li><b>Rules.</b> If the pair's {@link NotificationZone} requires the notice, every
 *       {@link NoticePolicy} of the pair's {@link NoticeRules} is checked, with the time taken
 *       from the injected clock.</li>
 *   <li><b>Conflicts.</b> The {@link ActivityMap} is searched for the partner's operations and
 *       sites the area and window overlap.</li>
 * </ol>
 *
 * Stateless apart from its collaborators; thread-safe if they are (the shipped ones are).
 */
public final class EvaluatingNotices {

    private final Boundaries boundaries;
    private final RulesInForce rules;
    private final ActivityMap activity;
    private final Clock clock;
    private final java.util.function.Predicate<PartyCode> paired;

    /** Only the addressee counts as a partner: a state other than the pair is a non-partner. */
    public EvaluatingNotices(Boundaries boundaries, RulesInForce rules, ActivityMap activity, Clock clock) {
        this(boundaries, rules, activity, clock, p -> false);
    }

    /**
     * @param paired whether this node is paired with a state (besides the notice's addressee, which
     *               always is): inside a paired state's territory the refusal offers to ask it
     */
    public EvaluatingNotices(Boundaries boundaries, RulesInForce rules, ActivityMap activity, Clock clock,
            java.util.function.Predicate<PartyCode> paired) {
        this.boundaries = Objects.requireNonNull(boundaries, "boundaries");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.paired = Objects.requireNonNull(paired, "paired");
    }

    /**
     * Evaluates {@code notice} now.
     *
     * @throws IllegalArgumentException if a party is not a country of the shipped boundaries, or
     *                                  the two share no land border
     */
    /** The rules this node holds for the pair of {@code notice}'s notifier and addressee: those it is evaluated under. */
    public NoticeRules rulesFor(OperationNotice notice) {
        return rules.between(notice.notifyingParty(), notice.partner());
    }

    public NoticeEvaluation evaluate(OperationNotice notice) {
        Objects.requireNonNull(notice, "notice");
        CountryCode own = country(notice.notifyingParty());
        CountryCode partner = country(notice.partner());
        Border border = boundaries.border(own, partner);
        List<Geometry> parts = notice.area().parts();
        BorderDistance fromBorder = notice.area().distanceTo(border);

        List<Geometry> inside = new ArrayList<>();
        for (Geometry part : parts) {
            if (boundaries.reaches(partner, part)) {
                inside.add(part);
            }
        }
        if (!inside.isEmpty()) {
            return new NoticeEvaluation.Refused(notice, violation(notice, partner, inside, true), fromBorder);
        }
        // any other state's territory, partner of this node or not: the first (in code order) the area reaches
        for (Geometry part : parts) {
            for (CountryCode other : boundaries.countriesReached(part)) {
                if (!other.equals(own) && !other.equals(partner)) {
                    List<Geometry> reaching = parts.stream().filter(g -> boundaries.reaches(other, g)).toList();
                    return new NoticeEvaluation.Refused(notice,
                            violation(notice, other, reaching, paired.test(PartyCode.of(other.value()))), fromBorder);
                }
            }
        }

        NoticeRules pairRules = rules.between(notice.notifyingParty(), notice.partner());
        boolean required = pairRules.zone().requiresNotice(notice.area(), fromBorder);
        List<BrokenRule> broken = new ArrayList<>();
        if (required) {
            NoticeUnderReview review = new NoticeUnderReview(notice, clock.instant(), border);
            for (NoticePolicy policy : pairRules.policies()) {
                policy.check(review).ifPresent(broken::add);
            }
        }
        return new NoticeEvaluation.Sendable(notice, required, fromBorder, broken,
                activity.conflictsOf(notice, parts), pairRules);
    }

    private SovereigntyViolation violation(OperationNotice notice, CountryCode territory, List<Geometry> parts,
            boolean isPartner) {
        Geometry outline = boundaries.country(territory).orElseThrow().outline();
        List<Geometry> pieces = new ArrayList<>();
        boolean wholly = parts.size() == notice.area().parts().size();
        for (Geometry part : parts) {
            Geometry piece;
            try {
                piece = OverlayNGRobust.overlay(part, outline, OverlayNG.INTERSECTION);
            } catch (org.locationtech.jts.geom.TopologyException invalidOutline) {
                // a few of Natural Earth's outlines are not valid polygons (a ring touching itself on a coast): mend, then cut
                piece = OverlayNGRobust.overlay(part, org.locationtech.jts.geom.util.GeometryFixer.fix(outline), OverlayNG.INTERSECTION);
            }
            pieces.add(piece);
            wholly &= part.getDimension() == 0 || measure(piece) >= 0.9999 * measure(part);
        }
        Geometry inside = pieces.size() == 1 ? pieces.get(0) : UnaryUnionOp.union(pieces);
        Geometry whole = notice.area().footprint();
        String where = inside.isEmpty() ? "" : boundaries.provinceAt(Position.of(inside.getInteriorPoint().getCoordinate()))
                .map(Province::toString).map(p -> " (" + p + ")").orElse("");
        String share = wholly ? "lies wholly"
                : whole.getDimension() == 2 && inside.getDimension() == 2
                        ? "lies partly (" + Math.max(1, Math.round(100 * inside.getArea() / whole.getArea())) + "% of it)"
                        : "lies partly";
        PartyCode owner = PartyCode.of(territory.value());
        String name = boundaries.country(territory).map(Country::name).orElse(territory.value());
        boolean addressee = owner.equals(notice.partner());
        String whose = addressee ? notice.partner() + "'s territory"
                : name + "'s territory (" + territory.value() + ")";
        String explanation = "The area of this " + notice.type() + " " + share + " in " + whose + where
                + ". A notice announces an operation on the notifying party's own side of the border; it cannot make "
                + "an operation in " + (addressee ? "the partner's" : "another state's") + " territory acceptable, so it is not sent"
                + (addressee ? "" : ", to " + notice.partner() + " or anyone")
                + (isPartner ? ". Ask " + owner + " to act there itself (a request for action), or propose a "
                        + "joint operation."
                        : ". " + name + " is not a partner of this node: Concord can carry no request to it; "
                                + "take it up through the ministries.");
        if (!isPartner) {
            return new SovereigntyViolation(owner, inside, explanation, List.of());
        }
        List<ConversionOffer> offers = List.of(
                new ConversionOffer(ConversionOffer.Kind.REQUEST_FOR_ACTION, notice.id(), owner,
                        notice.type(), notice.area(), notice.window(),
                        "Ask " + owner + " to act against the target in its own territory during the window."),
                new ConversionOffer(ConversionOffer.Kind.JOINT_OPERATION_PROPOSAL, notice.id(), owner,
                        notice.type(), notice.area(), notice.window(),
                        "Propose to " + owner + " a joint operation in this area during the window."));
        return new SovereigntyViolation(owner, inside, explanation, offers);
    }

    /** Area of an area, length of a line (degrees; only compared with the same part's). */
    private static double measure(Geometry g) {
        return g.getDimension() == 2 ? g.getArea() : g.getLength();
    }

    private CountryCode country(PartyCode party) {
        return CountryCode.of(party.value());
    }
}
