package org.concord.requests;

/**
 * What the requester asks the other side to do about the target, in its own territory.
 *
 * @param kind the kind of action; null only in a message as received (then refused)
 * @param detail free text, may be empty
 */
public record RequestedAction(Kind kind, String detail) {

    public RequestedAction {
        detail = detail == null ? "" : detail.strip();
    }

    public static RequestedAction of(Kind kind, String detail) {
        return new RequestedAction(kind, detail);
    }

    public enum Kind {
        /** Stop a movement, a crossing or a shipment. */
        INTERDICT,
        /** Arrest named persons. */
        ARREST,
        /** Dismantle a hideout or a camp. */
        DISMANTLE_HIDEOUT,
        /** Watch and report back. */
        SURVEIL,
        /** Share what the other side knows of the target. */
        SHARE_INFORMATION,
        /** Anything else; the detail says what. */
        OTHER
    }
}
