package org.concord.workflow;

import java.time.Instant;
import java.util.Optional;

import org.concord.party.PartyCode;

/**
 * A message of a workflow type whose delivery-order fields are its {@link Envelope}: what the
 * messages of every type (requests, hotline, incidents, commitments) share, written once.
 */
public interface EnvelopedMessage extends CaseMessage {

    Envelope envelope();

    @Override default StixId id() { return envelope().id(); }
    @Override default StixId caseId() { return envelope().caseId(); }
    @Override default PartyCode sender() { return envelope().sender(); }
    @Override default Instant sentAt() { return envelope().sentAt(); }
    @Override default Optional<StixId> previous() { return envelope().previousId(); }

    /** Short name of the message type, as in the refusals and the docs. */
    default String type() {
        return getClass().getSimpleName();
    }
}
