package org.concord.screening;

/** A watchlist file that cannot be read: the message names the line and the element. */
public final class WatchlistFormatError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String element;

    public WatchlistFormatError(int line, String element, String problem) {
        super("line " + line + ", element " + element + ": " + problem);
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
