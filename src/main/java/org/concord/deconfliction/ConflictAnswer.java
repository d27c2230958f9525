package org.concord.deconfliction;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;

/**
 * The partner's answer to a conflict: it acknowledges it (takes note, will keep clear or accept the
 * overlap) or objects, and an objection must say why.
 *
 * @param conflict   the conflict answered
 * @param answeredBy the party answering: the one whose notice or site the conflict is with
 * @param verdict    acknowledge or object
 * @param reason     why; required for an objection (field {@code reason}, rule {@code required-for-objection})
 * @param answeredAt when, by the answering node's clock
 */
public record ConflictAnswer(ConflictId conflict, PartyCode answeredBy, Verdict verdict, Optional<String> reason,
        Instant answeredAt) {

    public static final int MAX_REASON = 2000;

    public enum Verdict { ACKNOWLEDGE, OBJECT }

    public ConflictAnswer {
        Objects.requireNonNull(conflict, "conflict");
        Objects.requireNonNull(answeredBy, "answeredBy");
        if (verdict == null) {
            throw new InvalidInput("answer", "required", "answer ACKNOWLEDGE or OBJECT");
        }
        reason = reason == null ? Optional.empty() : reason.map(String::strip).filter(r -> !r.isEmpty());
        Objects.requireNonNull(answeredAt, "answeredAt");
        if (verdict == Verdict.OBJECT && reason.isEmpty()) {
            throw new InvalidInput("reason", "required-for-objection", "an objection must give its reason");
        }
        if (reason.isPresent()) {
            String r = reason.get();
            if (r.length() > MAX_REASON) {
                throw new InvalidInput("reason", "max-length", "at most " + MAX_REASON + " characters, got " + r.length());
            }
            if (r.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
                throw new InvalidInput("reason", "no-control-characters", "the reason may hold line breaks but no other control characters");
            }
        }
    }
}
