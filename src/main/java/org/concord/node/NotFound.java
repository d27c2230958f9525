package org.concord.node;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Something the caller named does not exist (or the caller may not know it does); HTTP 404. It
 * names the field that named it (a path variable such as {@code caseId}, a parameter such as
 * {@code partner}) and the rule, {@value #EXISTS} unless told otherwise.
 */
public class NotFound extends RuntimeException {

    /** The rule of every plain 404: the thing named must exist on this node (and be visible to the caller). */
    public static final String EXISTS = "exists";
    private static final Pattern FIELD_FIRST = Pattern.compile("([A-Za-z][A-Za-z0-9_.\\[\\]-]*): (.*)", Pattern.DOTALL);

    private final String field;
    private final String rule;
    private final String explanation;
    private final boolean fieldGiven;

    public NotFound(String field, String rule, String explanation) {
        this(field, rule, explanation, true);
    }

    private NotFound(String field, String rule, String explanation, boolean fieldGiven) {
        super(field == null ? explanation : field + ": " + explanation);
        this.field = field;
        this.rule = rule;
        this.explanation = explanation;
        this.fieldGiven = fieldGiven;
    }

    /** What was not found, named by {@code field} (e.g. {@code username}), under the rule {@value #EXISTS}. */
    public static NotFound of(String field, String explanation) {
        return new NotFound(field, EXISTS, explanation);
    }

    /**
     * The older form: only a text, perhaps with a field written before it ({@code "case_ref: no
     * case ..."}). The REST API names the field as the caller sent it: the path variable of the
     * request when there is one ({@code Problems}), else the field written here. Prefer
     * {@link #of(String, String)}.
     */
    public NotFound(String explanation) {
        this(fieldOf(explanation), EXISTS, textOf(explanation), false);
    }

    private static String fieldOf(String text) {
        Matcher m = FIELD_FIRST.matcher(text == null ? "" : text);
        return m.matches() ? m.group(1) : null;
    }

    private static String textOf(String text) {
        Matcher m = FIELD_FIRST.matcher(text == null ? "" : text);
        return m.matches() ? m.group(2) : text;
    }

    /** The field that named the missing thing, or null if the thrower did not say. */
    public String field() {
        return field;
    }

    /** Whether the thrower named the field (the newer constructors), rather than it being read from the text. */
    boolean fieldGiven() {
        return fieldGiven;
    }

    public String rule() {
        return rule;
    }

    /** The text after the field. */
    public String explanation() {
        return explanation;
    }
}
