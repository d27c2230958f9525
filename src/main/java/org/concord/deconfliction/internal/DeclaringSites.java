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
import org.concord.party.NodeIdentity;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.node.ObjectNode;

/**
 * A liaison officer declares protected sites (a GeoJSON FeatureCollection with names and kinds):
 * they are stored, sent to every paired partner through the outbox, held in the activity map, and
 * the notices already held are checked against them again, so a site declared after a notice
 * still flags it.
 */
@Service
class DeclaringSites {

    record Declared(String id, ProtectedSite site, String stixId) {
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

    DeclaringSites(ActivityMap activity, DeconflictionTables tables, Outbox outbox, Partners partners,
            NodeIdentity identity, AuditLog audit, Clock clock, TransactionTemplate transactions,
            FlaggingConflicts flagging, DeconflictionConfiguration.OwnParty own,
            DeconflictionConfiguration.GeoJsonReaders readers) {
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
                for (Partner partner : partners.all()) {
                    outbox.enqueue(partner.code(), stix);
                }
                audit.record(actor, "deconfliction.site-declared", id, site.kind() + " " + site.name());
                declared.add(new Declared(id, site, stix.path("id").asString()));
            }
            AfterCommit.run(() -> sites.forEach(flagging::holdAndRecheck));
        });
        return declared;
    }
}
