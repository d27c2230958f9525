package org.concord.screening.names;

/** A name that cannot be matched: empty, without letters, or too long. {@link #rule()} says which. */
public final class InvalidName extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String rule;

    public InvalidName(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
