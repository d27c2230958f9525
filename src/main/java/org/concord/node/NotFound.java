package org.concord.node;

/** Something the caller named does not exist (or the caller may not know it does); HTTP 404. */
public class NotFound extends RuntimeException {

    public NotFound(String explanation) {
        super(explanation);
    }
}
