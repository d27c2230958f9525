package org.concord.node;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request that is well formed but clashes with what is already stored; HTTP 409. Nothing is
 * changed. It names the field at fault and the rule of the stored state that it breaks, e.g.
 * {@code username} and {@code unique}, so a program can tell conflicts apart without reading prose.
 */
public class Conflict extends RuntimeException {

    /** A rule written before the text, {@code CASE_CLOSED: the case is closed} or {@code already-answered: ...}. */
    private static final Pattern RULE_FIRST = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*): (.*)", Pattern.DOTALL);

    private final String field;
    private final String rule;
    private final String explanation;

    public Conflict(String field, String rule, String explanation) {
        super(field + ": " + explanation);
        this.field = field;
        this.rule = rule;
        this.explanation = explanation;
    }

    /**
     * The older form, with the rule written before the text ({@code "CASE_CLOSED: the case is
     * closed"}); the rule is taken from there, or is {@code state} when the text names none.
     * Prefer {@link #Conflict(String, String, String)}.
     */
    public Conflict(String field, String explanation) {
        this(field, ruleOf(explanation), explanation);
    }

    private static String ruleOf(String explanation) {
        Matcher m = RULE_FIRST.matcher(explanation == null ? "" : explanation);
        return m.matches() ? m.group(1) : "state";
    }

    public String field() {
        return field;
    }

    /** A short, stable name of the rule, e.g. {@code unique} or {@code CASE_CLOSED}. */
    public String rule() {
        return rule;
    }

    /** The text after the field: what clashes, for a person. */
    public String explanation() {
        return explanation;
    }
}
