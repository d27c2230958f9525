package org.concord.intel;

import java.util.Objects;

import org.concord.party.PartyCode;

/**
 * One partner message that arrived in this node's inbox: a new object, or a new version of one. The
 * messages of one delivery are handed over together ({@link InboxHandOver}) to the modules that take
 * them ({@link InboxTaker}), at least once, also across a crash. Takers read the object with
 * {@link IntelStore#announced} and must be idempotent.
 */
public record InboxReceived(PartyCode from, String id, String type, String version) {

    public InboxReceived {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }
}
