package org.concord.workflow;

import java.time.Instant;
import java.util.Optional;

import org.concord.party.PartyCode;

/**
 * What the delivery order needs to know of any message of a bilateral case.
 *
 * <p>Every message but the one that opens a case names its <em>previous</em> message: the latest
 * message of the case its sender had seen (applied or refused) when it wrote this one. That causal
 * reference, not the order of arrival and not the sender's clock, decides what comes before what;
 * see {@link DeliveryOrder}.
 */
public interface CaseMessage {

    /** The message's own id; two deliveries with the same id are the same message. */
    StixId id();

    /** The case the message belongs to: the id of the message that opened it. */
    StixId caseId();

    /** The party whose node sent the message. */
    PartyCode sender();

    /** The sender's time of sending; it orders only messages that are causally concurrent. */
    Instant sentAt();

    /** The latest message of the case the sender had seen; empty only for the message that opens the case. */
    Optional<StixId> previous();
}
