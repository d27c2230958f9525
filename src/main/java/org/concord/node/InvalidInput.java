package org.concord.node;

/**
 * Input that breaks a rule. It names the field and the rule so that the caller, a person at a
 * console or a script, knows exactly what to change; it becomes HTTP 400 with a problem document
 * in the REST API and a one-line error in the {@code concord} command.
 */
public class InvalidInput extends RuntimeException {

    /** The rule of a value that is not one of a fixed set; the problem document lists the set under {@code allowed}. */
    public static final String ONE_OF = "one-of";

    private final String field;
    private final String rule;
    private final java.util.List<String> allowed;

    public InvalidInput(String field, String rule, String explanation) {
        this(field, rule, explanation, null);
    }

    /** As {@link #InvalidInput(String, String, String)}, listing the values that are allowed. */
    public InvalidInput(String field, String rule, String explanation, java.util.List<String> allowed) {
        super(field + ": " + explanation);
        this.field = field;
        this.rule = rule;
        this.allowed = allowed == null ? null : java.util.List.copyOf(allowed);
    }

    /**
     * The same refusal under another name for its field: what the caller's body calls it, where the
     * refusal came from a body built from the caller's (a field renumbered, a prefix dropped).
     */
    public InvalidInput named(String otherField) {
        String message = getMessage();
        String explanation = message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
        return new InvalidInput(otherField, rule, explanation, allowed);
    }

    /**
     * The same refusal of a field inside {@code where} (a file, a member of a list): the field becomes
     * {@code where.field}, the rule and explanation stay.
     */
    public InvalidInput within(String where) {
        String message = getMessage();
        String explanation = message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
        return new InvalidInput(where + "." + field, rule, explanation, allowed);
    }

    /**
     * A value that is not one of {@code allowed}: rule {@value #ONE_OF}, the allowed values in the
     * text and in the problem document ({@code allowed}).
     */
    public static InvalidInput notOneOf(String field, String value, java.util.List<String> allowed) {
        return new InvalidInput(field, ONE_OF, "'" + value + "' is not one of " + String.join(", ", allowed), allowed);
    }

    /** A value that is not the name of a constant of {@code type}. */
    public static InvalidInput notOneOf(String field, String value, Class<? extends Enum<?>> type) {
        return notOneOf(field, value, java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    /** The constant of {@code type} named {@code value}, or {@link #notOneOf(String, String, Class)}. */
    public static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw notOneOf(field, value, type);
        }
    }

    /** The rule of a property the body does not have; the problem document lists the body's properties under {@code allowed}. */
    public static final String UNKNOWN_PROPERTY = "unknown-property";

    /**
     * Refuses the first property of {@code object} that is not in {@code known}, as the REST API
     * refuses an unknown property of any body it binds: field {@code prefix + name} as sent, rule
     * {@value #UNKNOWN_PROPERTY}, the properties allowed listed. A misspelt optional field would
     * otherwise be ignored in silence.
     *
     * @param prefix the path of {@code object} in the body, ending in a dot ({@code "area."}), or empty at top level
     */
    public static void onlyProperties(String prefix, tools.jackson.databind.JsonNode object, java.util.Collection<String> known) {
        if (object == null || !object.isObject()) {
            return;
        }
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                java.util.List<String> allowed = known.stream().sorted().toList();
                throw new InvalidInput(prefix + name, UNKNOWN_PROPERTY, "'" + name + "' is not a property of this "
                        + (prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1)) + "; its properties are "
                        + String.join(", ", allowed), allowed);
            }
        }
    }

    /**
     * JSON that does not parse: names the field, and says what the parser found and where
     * ({@code is not valid JSON: Unexpected end-of-input ... (line 1, column 12)}).
     */
    public static InvalidInput notJson(String field, tools.jackson.core.JacksonException e) {
        return new InvalidInput(field, "json", "is not valid JSON: " + describe(e));
    }

    /** What a JSON parser found and where, in one line. */
    public static String describe(tools.jackson.core.JacksonException e) {
        tools.jackson.core.TokenStreamLocation at = e.getLocation();
        return e.getOriginalMessage().replace('\n', ' ')
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }

    /** The field, as the caller wrote it: a JSON property, a configuration key or a parameter. */
    public String field() {
        return field;
    }

    /** A short, stable name of the rule that was broken, e.g. {@code required} or {@code iso-3166-alpha-2}. */
    public String rule() {
        return rule;
    }

    /** The values allowed, when the rule is one of a fixed set; else null. */
    public java.util.List<String> allowed() {
        return allowed;
    }
}
