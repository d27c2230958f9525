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

    /** The field, as the caller wrote it: a JSON property, a configuration key or a parameter. */
    public String field() {
        return field;
    }

    /** A short, stable name of the rule that was broken, e.g. {@code required} or {@code iso-3166-alpha-2}. */
    public String rule() {
        return rule;
    }
}
