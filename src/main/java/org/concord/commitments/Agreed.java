package org.concord.commitments;

import org.concord.workflow.Step;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.concord.commitments.CommitmentMessage.Agree;
import org.concord.commitments.CommitmentMessage.Attest;
import org.concord.commitments.CommitmentMessage.Escalate;
import org.concord.commitments.CommitmentRefusal.Rule;
import org.concord.party.PartyCode;

/**
 * Both sides agreed: the commitment binds its owner. Each side attests when it is done; with both
 * attestations it is {@link Fulfilled}. Reminders and overdue escalation run ({@link ReminderPolicy}).
 *
 * @param agreedAt when the agreement was sent
 * @param attestations the attestations so far, by side
 */
public record Agreed(CommitmentFile file, Instant agreedAt, Map<PartyCode, Attestation> attestations)
        implements CommitmentCase {

    public Agreed {
        Objects.requireNonNull(agreedAt, "agreedAt");
        attestations = Map.copyOf(attestations);
    }

    /** What this state does with a message that passed the shared rules of {@link #apply}. */
    Step<CommitmentCase, CommitmentRefusal> on(CommitmentMessage message) {
        if (message instanceof Agree) {
            return Step.refused(new CommitmentRefusal(Rule.ALREADY_AGREED, "type", "agreed at " + agreedAt));
        }
        if (message instanceof Escalate escalate) {
            return CommitmentCase.escalate(this, escalate);
        }
        Attest attest = (Attest) message;
        if (attest.text().isEmpty() && attest.evidence().isEmpty()) {
            return Step.refused(new CommitmentRefusal(Rule.FIELD_REQUIRED, "text",
                    "an attestation says what was done or names its evidence; an empty one fulfils nothing"));
        }
        if (attestations.containsKey(attest.sender())) {
            return Step.refused(new CommitmentRefusal(Rule.ALREADY_ATTESTED, "sender",
                    attest.sender() + " attested at " + attestations.get(attest.sender()).at()));
        }
        Map<PartyCode, Attestation> more = new HashMap<>();
        more.putAll(attestations);
        more.put(attest.sender(), new Attestation(attest.sentAt(), attest.text(), attest.evidence()));
        if (more.size() == 2) {
            return Step.next(new Fulfilled(file, more, attest.sentAt()));
        }
        return Step.next(new Agreed(file, agreedAt, more));
    }

    /** Whether the side has attested. */
    public boolean attestedBy(PartyCode party) {
        return attestations.containsKey(party);
    }
}
