package org.concord.node;

/**
 * One text value in PostgreSQL's {@code COPY ... FROM STDIN} text format, the one way every bulk writer
 * of the node (the intel store, the watchlists) escapes it: {@code \N} for null; backslash, tab, newline
 * and carriage return escaped.
 */
public final class CopyText {

    private CopyText() {
    }

    /** Appends {@code value} to {@code text} in COPY's text format, and returns {@code text}. */
    public static StringBuilder field(StringBuilder text, String value) {
        if (value == null) {
            return text.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return text;
    }
}
