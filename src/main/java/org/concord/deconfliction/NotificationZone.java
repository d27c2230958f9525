package org.concord.deconfliction;

import org.concord.deconfliction.geo.BorderDistance;

/**
 * Which operations must be notified at all: those whose area comes within {@code km} of the
 * border (default 50 km), and, when {@code missileFlightsAlways}, every missile flight wherever
 * it is (as the 2005 India-Pakistan agreement asks of every ballistic missile flight test).
 * Operations outside the zone need no notice; a party may still send one.
 *
 * @param km                   the zone's width on either side of the border, more than 0 and at most 1000 km
 * @param missileFlightsAlways whether a {@link OperationArea.MissileFlight} needs notice wherever it is
 */
public record NotificationZone(double km, boolean missileFlightsAlways) {

    /** The default width of the zone, in km. */
    public static final double DEFAULT_KM = 50;

    public NotificationZone {
        if (!Double.isFinite(km) || km <= 0 || km > 1000) {
            throw Invalid.input("notificationZone.km", "distance-range", "must be within (0, 1000] km, got " + km);
        }
    }

    /** 50 km, and missile flights always. */
    public static NotificationZone defaults() {
        return new NotificationZone(DEFAULT_KM, true);
    }

    /** The policy's name, as the other rules have one. */
    public String name() {
        return "notification-zone";
    }

    /**
     * Whether an operation in {@code area}, whose nearest point is {@code fromBorder} from the
     * border, must be notified.
     */
    public boolean requiresNotice(OperationArea area, BorderDistance fromBorder) {
        return fromBorder.km() <= km || (missileFlightsAlways && area instanceof OperationArea.MissileFlight);
    }
}
