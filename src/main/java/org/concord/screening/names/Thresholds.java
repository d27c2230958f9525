package org.concord.screening.names;

/**
 * The scores (0 to 1) at which a comparison is a {@link Band#MATCH} or needs a {@link Band#REVIEW};
 * below review it is {@link Band#NO_MATCH}.
 */
public record Thresholds(double match, double review) {

    /** The defaults, chosen on the development set ({@code concord screening eval}). */
    public static final Thresholds DEFAULT = new Thresholds(0.92, 0.80);

    public Thresholds {
        if (!(review > 0 && review <= match && match <= 1)) {
            throw new IllegalArgumentException("thresholds need 0 < review <= match <= 1, not review " + review
                    + " and match " + match);
        }
    }

    public Band band(double score) {
        return score >= match ? Band.MATCH : score >= review ? Band.REVIEW : Band.NO_MATCH;
    }
}
