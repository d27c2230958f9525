package org.concord.intel;

import java.util.Objects;

import org.concord.party.PartyCode;

/**
 * A partner's message arrived in this node's inbox: a new object, or a new version of one.
 * Published in the transaction that stored it and recorded in Spring Modulith's event
 * publication log, so a module that consumes messages (with {@code @ApplicationModuleListener})
 * hears of each at least once, also across a crash. Listeners read the object with
 * {@link IntelStore#inboxObject} and must be idempotent.
 */
public record InboxReceived(PartyCode from, String id, String type, String version) {

    public InboxReceived {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }
}
