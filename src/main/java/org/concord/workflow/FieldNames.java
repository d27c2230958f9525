package org.concord.workflow;

/** The REST API's camelCase names for the snake_case properties of the STIX messages. */
public final class FieldNames {

    private FieldNames() {
    }

    /** {@code proposal.to_level} → {@code proposal.toLevel}; {@code case_ref}, {@code call_ref}, ... → the id the API names. */
    public static String camel(String stixPath) {
        if (stixPath == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(stixPath.length());
        boolean upper = false;
        for (char c : stixPath.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
