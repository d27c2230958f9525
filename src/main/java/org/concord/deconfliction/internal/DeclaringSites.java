package org.concord.deconfliction.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.concord.audit.AuditLog;
import org.concord.deconfliction.ActivityMap;
import org.concord.deconfliction.ProtectedSite;
import org.concord.exchange.Outbox;
import org.concord.intel.SharingChanged;
import org.concord.intel.SharingInForce;
import org.concord.intel.stix.SharingPolicy;
import org.concord.node.AfterCommit;
import org.concord.party.NodeIdentity;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.node.ObjectNode;

/**
 * A liaison officer declares protected sites (a GeoJSON FeatureCollection with names, kinds and
 * markings): they are stored, sent through the outbox to each partner the sharing policy in force
 * lets read the site's marking ({@link SharingInForce}), held in the activity map, and the notices
 * already held are checked against them again, so a site declared after a notice still flags it.
 * A site withheld from a partner is still checked at home against that partner's notices; when the
 * sharing settings later let a partner read it, it is sent then ({@link SharingChanged}).
 */
@Service
class DeclaringSites {

    /** A site as declared: its ids, and the partners it went to and was withheld from. */
    record Declared(String id, ProtectedSite site, String stixId, List<String> sentTo, List<String> withheldFrom) {
    }

    private final ActivityMap activity;
    private final DeconflictionTables tables;
    private final Outbox outbox;
    private final Partners partners;
    private final NodeIdentity identity;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final FlaggingConflicts flagging;
    private final DeconflictionConfiguration.OwnParty own;
    private final DeconflictionConfiguration.GeoJsonReaders readers;
    private final SharingInForce sharing;

    DeclaringSites(ActivityMap activity, DeconflictionTables tables, Outbox outbox, Partners partners,
            NodeIdentity identity, AuditLog audit, Clock clock, TransactionTemplate transactions,
            FlaggingConflicts flagging, DeconflictionConfiguration.OwnParty own,
            DeconflictionConfiguration.GeoJsonReaders readers, SharingInForce sharing) {
        this.sharing = sharing;
        this.activity = activity;
        this.tables = tables;
        this.outbox = outbox;
        this.partners = partners;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
        this.flagging = flagging;
        this.own = own;
        this.readers = readers;
    }

    List<Declared> declare(String featureCollection, String actor) {
        List<ProtectedSite> sites = ProtectedSite.fromFeatureCollection(own.code(), featureCollection, readers.reader());
        Instant now = clock.instant();
        List<Declared> declared = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            for (ProtectedSite site : sites) {
                String id = UUID.randomUUID().toString();
                ObjectNode stix = StixMapping.site(id, site, identity.stixIdentityId(), now);
                tables.saveSite(new DeconflictionTables.StoredSite(id, site, stix.path("id").asString(), stix.toString(), now));
                SharingPolicy policy = sharing.policy();
                List<String> sentTo = new ArrayList<>();
                List<String> withheldFrom = new ArrayList<>();
                for (Partner partner : partners.all()) {
                    if (mayRead(policy, partner.code(), site)) {
                        outbox.enqueue(partner.code(), stix);
                        sentTo.add(partner.code().value());
                    } else {
                        withheldFrom.add(partner.code().value());
                    }
                }
                audit.record(actor, "deconfliction.site-declared", id, site.kind() + " " + site.name() + " (" + site.marking().label()
                        + "), sent to " + (sentTo.isEmpty() ? "no partner" : String.join(", ", sentTo))
                        + (withheldFrom.isEmpty() ? "" : ", withheld from " + String.join(", ", withheldFrom)));
                declared.add(new Declared(id, site, stix.path("id").asString(), List.copyOf(sentTo), List.copyOf(withheldFrom)));
            }
            AfterCommit.run(() -> sites.forEach(flagging::holdAndRecheck));
        });
        return declared;
    }

    /**
     * The sharing settings changed: each of this party's sites whose marking a partner may read now
     * and could not before is sent to it. Sharing less takes nothing back: a partner keeps a site it
     * received, as it keeps any object.
     */
    @ApplicationModuleListener
    void on(SharingChanged event) {
        SharingPolicy before = event.before().policy();
        SharingPolicy after = event.after().policy();
        List<DeconflictionTables.StoredSite> own = tables.sites().stream()
                .filter(s -> s.site().declaredBy().equals(this.own.code())).toList();
        transactions.executeWithoutResult(status -> {
            for (Partner partner : partners.all()) {
                for (DeconflictionTables.StoredSite stored : own) {
                    if (mayRead(after, partner.code(), stored.site()) && !mayRead(before, partner.code(), stored.site())) {
                        outbox.enqueue(partner.code(), NoticeJson.JSON.readTree(stored.stixObject()));
                        audit.record("system", "deconfliction.site-shared", stored.id(), stored.site().kind() + " "
                                + stored.site().name() + " (" + stored.site().marking().label() + ") sent to " + partner.code()
                                + ", which the sharing settings now let read it");
                    }
                }
            }
        });
    }

    /** Whether the policy lets {@code partner} read a site of this node's under its marking (rules 1 to 4). */
    static boolean mayRead(SharingPolicy policy, org.concord.party.PartyCode partner, ProtectedSite site) {
        return policy.admission(partner).levels().contains(site.marking());
    }
}
