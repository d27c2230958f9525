package org.concord.incidents;

/** The report is in; the other side answers the claims; either side may propose findings. */
public record UnderReview(IncidentFile file) implements Incident {
}
