package org.concord.intel;

import java.util.List;
import java.util.Objects;

import org.concord.party.PartyCode;

/**
 * The partner messages one delivery brought into this node's inbox, in the order they were stored:
 * published in the transaction that stored them and recorded in Spring Modulith's event publication log
 * (one row for the whole delivery, and only if some {@link InboxTaker} wants one of them), so that the
 * modules hear of each at least once, also across a crash. The hand-over that takes it gives every
 * message to the modules in one transaction; a message one of them fails on is published again alone.
 */
public record InboxHandOver(PartyCode from, List<InboxReceived> messages) {

    public InboxHandOver {
        Objects.requireNonNull(from, "from");
        messages = List.copyOf(messages);
    }
}
