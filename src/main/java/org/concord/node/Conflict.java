package org.concord.node;

/** A request that is well formed but clashes with what is already stored; HTTP 409. Nothing is changed. */
public class Conflict extends RuntimeException {

    private final String field;

    public Conflict(String field, String explanation) {
        super(field + ": " + explanation);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
