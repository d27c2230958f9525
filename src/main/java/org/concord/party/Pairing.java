package org.concord.party;

import org.concord.audit.AuditLog;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.persistence.PartnerTable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pairing with a partner: checking its record and pinning its certificate and signing key. Pairing
 * again with the same record changes nothing; a record with other keys for an already paired party
 * is refused unless the caller says it replaces the old one (after reading out the new
 * fingerprints). Every change is audited in the same transaction.
 */
@Service
public class Pairing {

    private final PartnerTable partners;
    private final NodeIdentity self;
    private final AuditLog audit;
    private final java.time.Clock clock;

    Pairing(PartnerTable partners, NodeIdentity self, AuditLog audit, java.time.Clock clock) {
        this.partners = partners;
        this.self = self;
        this.audit = audit;
        this.clock = clock;
    }

    /** What pairing did. */
    public enum Outcome { PAIRED, ALREADY_PAIRED, REPLACED }

    public record Result(Partner partner, Outcome outcome) {
    }

    @Transactional
    public Result pair(PairingRecord record, String actor, boolean replace) {
        record.checkValidAt(clock.instant());
        if (record.party().code().equals(self.party().code())) {
            throw new InvalidInput("party.code", "not-self", "the record is this node's own party " + self.party().code()
                    + "; import the partner's record, not this node's");
        }
        if (record.fingerprint().equals(self.fingerprint())) {
            throw new InvalidInput("fingerprint", "not-self", "the record carries this node's own TLS certificate");
        }
        var existing = partners.current(record.party().code());
        if (existing.isPresent() && existing.get().sameAs(record)) {
            return new Result(existing.get(), Outcome.ALREADY_PAIRED);
        }
        var holder = partners.currentByFingerprint(record.fingerprint());
        if (holder.isPresent() && !holder.get().code().equals(record.party().code())) {
            throw new Conflict("fingerprint", "unique", "this certificate is already pinned for partner " + holder.get().code());
        }
        if (existing.isPresent() && !replace) {
            throw new Conflict("party.code", "unique", record.party().code() + " is already paired with certificate "
                    + existing.get().fingerprint() + "; to replace it, confirm the new fingerprints with "
                    + record.party().code() + " and pair again with replace");
        }
        existing.ifPresent(old -> partners.delete(old.code()));
        partners.insert(record, actor);
        Partner partner = partners.current(record.party().code()).orElseThrow();
        audit.record(actor, existing.isPresent() ? "partner.replaced" : "partner.paired", partner.code().value(),
                "certificate " + partner.fingerprint() + ", signing key " + partner.signingKey().fingerprint() + ", " + partner.url());
        return new Result(partner, existing.isPresent() ? Outcome.REPLACED : Outcome.PAIRED);
    }

    @Transactional
    public void unpair(PartyCode code, String actor) {
        if (partners.delete(code) == 0) {
            throw NotFound.of("code", "no partner " + code + " is paired with this node");
        }
        audit.record(actor, "partner.unpaired", code.value(), null);
    }
}
