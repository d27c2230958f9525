package org.concord.deconfliction;

import org.concord.node.InvalidInput;

/** The refusals of this module's constructors: field, rule and explanation, as {@link InvalidInput}. */
final class Invalid {

    private Invalid() {
    }

    static InvalidInput input(String field, String rule, String explanation) {
        return new InvalidInput(field, rule, explanation);
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInput(field, "required", "is required");
        }
        return value;
    }

    static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "required", "is required and must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidInput(field, "max-length", "must be at most " + maxLength + " characters, got "
                    + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidInput(field, "no-control-characters", "must not contain control characters");
            }
        }
        return value.strip();
    }
}
