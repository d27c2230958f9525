package org.concord.intel.stix;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** STIX identifiers, {@code type--UUID} (STIX 2.1 section 2.9), taken apart without exceptions. */
final class StixIds {

    /** The identifier pattern of the OASIS {@code common/identifier.json}, with the type captured. */
    private static final Pattern IDENTIFIER = Pattern.compile(
            "^([a-z][a-z0-9-]+[a-z0-9])--"
                    + "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$");

    private StixIds() {
    }

    /** The type part of a well-formed identifier, or null when {@code id} is not one. */
    static String typeOf(String id) {
        if (id == null) {
            return null;
        }
        Matcher m = IDENTIFIER.matcher(id);
        return m.matches() ? m.group(1) : null;
    }

    static boolean isIdentifier(String id) {
        return typeOf(id) != null;
    }
}
