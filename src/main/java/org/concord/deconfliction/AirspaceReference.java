package org.concord.deconfliction;

import java.util.regex.Pattern;

/**
 * The published warning an air or missile activity rests on: a NOTAM (ICAO Annex 15: series
 * letter, four-digit number, two-digit year, e.g. {@code A0123/24}) or a NAVAREA navigational
 * warning (IMO/IHO World-Wide Navigational Warning Service: area in Roman numerals, number and
 * year, e.g. {@code NAVAREA IX 123/24}; Pakistan and Iran are both in NAVAREA IX).
 *
 * @param kind which of the two
 * @param id   the warning's number in that form
 */
public record AirspaceReference(Kind kind, String id) {

    /** The two warning systems. */
    public enum Kind {
        NOTAM,
        NAVAREA
    }

    private static final Pattern NOTAM = Pattern.compile("[A-Z][0-9]{4}/[0-9]{2}");
    private static final Pattern NAVAREA = Pattern.compile("NAVAREA (?=[IVXL])(L?X{0,3})(IX|IV|V?I{0,3}) [0-9]{1,4}/[0-9]{2}");

    public AirspaceReference {
        Invalid.required("airspaceReference.kind", kind);
        Invalid.required("airspaceReference.id", id);
        if (kind == Kind.NOTAM && !NOTAM.matcher(id).matches()) {
            throw Invalid.input("airspaceReference.id", "notam-number",
                    "a NOTAM number is a series letter, four digits, '/' and the year's two digits, e.g. A0123/24; got '"
                            + id + "'");
        }
        if (kind == Kind.NAVAREA && !NAVAREA.matcher(id).matches()) {
            throw Invalid.input("airspaceReference.id", "navarea-number",
                    "a NAVAREA warning is 'NAVAREA', the area in Roman numerals, its number, '/' and the year's two "
                            + "digits, e.g. NAVAREA IX 123/24; got '" + id + "'");
        }
    }

    public static AirspaceReference notam(String id) {
        return new AirspaceReference(Kind.NOTAM, id);
    }

    public static AirspaceReference navarea(String id) {
        return new AirspaceReference(Kind.NAVAREA, id);
    }
}
