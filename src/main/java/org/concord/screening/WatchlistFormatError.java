package org.concord.screening;

/** A watchlist file that cannot be read: the message names the line and the element (XML) or column (CSV). */
public final class WatchlistFormatError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String element;

    public WatchlistFormatError(int line, String element, String problem) {
        super("line " + line + ", element " + element + ": " + problem);
        this.line = line;
        this.element = element;
    }

    /** A problem with one field of a row of a table (a CSV file): the message names the line and the column. */
    public static WatchlistFormatError inColumn(int line, int column, String header, String problem) {
        return new WatchlistFormatError(line, header, "line " + line + ", column " + column + (header == null ? "" : " (" + header + ")")
                + ": " + problem, true);
    }

    private WatchlistFormatError(int line, String element, String message, boolean whole) {
        super(message);
        this.line = line;
        this.element = element;
    }

    public int line() {
        return line;
    }

    public String element() {
        return element;
    }
}
