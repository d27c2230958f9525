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

    /** A pairing record and where it came from ({@code ir.json}, {@code roster.json members[2]}), for errors. */
    public record Source(String where, PairingRecord record) {
    }

    /**
     * Pairs with every record, all or nothing (one transaction): the records of several files, or a
     * group roster that lists every member, this node's own record among them. This node's own record
     * is skipped; a record for this node's party with another certificate, or two records for one
     * party with different keys, are refused before anything is paired. An error names the record
     * ({@code roster.json members[2].fingerprint}) and the rule.
     */
    @Transactional
    public java.util.List<Result> pairAll(java.util.List<Source> records, String actor, boolean replace) {
        if (records.size() == 1 && !records.get(0).where().contains("members[")) {
            // one partner's record, as 'partners add FILE' always took: its own errors, unprefixed
            return java.util.List.of(pair(records.get(0).record(), actor, replace));
        }
        java.util.List<Source> others = new java.util.ArrayList<>();
        for (Source s : records) {
            PairingRecord r = s.record();
            if (r.party().code().equals(self.party().code())) {
                if (!r.fingerprint().equals(self.fingerprint())) {
                    throw new InvalidInput(s.where() + ".fingerprint", "not-self", "the record for this node's own party "
                            + self.party().code() + " carries another TLS certificate (" + r.fingerprint() + ") than this node's ("
                            + self.fingerprint() + "): the roster is not this group's, or this node's keys changed");
                }
                continue;
            }
            others.add(s);
        }
        java.util.Map<PartyCode, Source> byParty = byParty(others);
        if (byParty.isEmpty()) {
            throw new InvalidInput("FILE", "partner-record", "no record but this node's own: nothing to pair with");
        }
        java.util.List<Result> results = new java.util.ArrayList<>();
        for (Source s : byParty.values()) {
            try {
                results.add(pair(s.record(), actor, replace));
            } catch (InvalidInput e) {
                throw e.within(s.where());
            } catch (Conflict e) {
                throw new Conflict(s.where() + "." + e.field(), e.rule(), e.explanation());
            }
        }
        return results;
    }

    /**
     * The records by party, in the order given, a record repeated alike counted once; two records for
     * one party with different keys are refused ({@code unique-in-group}), naming both.
     */
    public static java.util.Map<PartyCode, Source> byParty(java.util.List<Source> records) {
        java.util.Map<PartyCode, Source> byParty = new java.util.LinkedHashMap<>();
        for (Source s : records) {
            Source earlier = byParty.putIfAbsent(s.record().party().code(), s);
            if (earlier != null && !earlier.record().equals(s.record())) {
                throw new InvalidInput(s.where() + ".party.code", "unique-in-group", s.record().party().code()
                        + " has two records with different keys: " + earlier.where() + " and " + s.where());
            }
        }
        return byParty;
    }

    @Transactional
    public void unpair(PartyCode code, String actor) {
        if (partners.delete(code) == 0) {
            throw NotFound.of("code", "no partner " + code + " is paired with this node");
        }
        audit.record(actor, "partner.unpaired", code.value(), null);
    }
}
