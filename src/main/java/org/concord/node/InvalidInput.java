package org.concord.node;

/**
 * Input that breaks a rule. It names the field and the rule so that the caller, a person at a
 * console or a script, knows exactly what to change; it becomes HTTP 400 with a problem document
 * in the REST API and a one-line error in the {@code concord} command.
 */
public class InvalidInput extends RuntimeException {

    private final String field;
    private final String rule;

    public InvalidInput(String field, String rule, String explanation) {
        super(field + ": " + explanation);
        this.field = field;
        this.rule = rule;
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
}
