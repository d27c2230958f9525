package org.concord.ledger;

/** Whether this node sent a message to the partner named in an entry or received it from that partner. */
public enum Direction {
    /** This node sent the message to the partner. */
    SENT,
    /** This node received the message from the partner. */
    RECEIVED
}
