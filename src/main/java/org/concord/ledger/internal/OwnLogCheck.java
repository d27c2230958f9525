package org.concord.ledger.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.concord.ledger.tree.Checkpoint;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NoteException;
import org.concord.ledger.tree.SignedNote;
import org.concord.party.Partner;
import org.concord.party.PartnerConnections;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Does this node's own log still hold what its partners have seen? A node restored from an older
 * backup cannot tell from its own database: the backup is consistent with itself. Its partners can:
 * each keeps the newest checkpoint of this node's log it accepted. So, at start and every
 * {@code concord.ledger.own-log-check-interval} (default 10 min), this node asks each partner for that
 * checkpoint ({@code GET /ledger/witnessed}, cosigned by the partner) and compares it with its log:
 *
 * <ul>
 * <li>the note must be signed by this node's own key under its own origin, and cosigned by the
 * partner's pinned key; otherwise it proves nothing (a partner cannot make this node raise a false
 * alarm, since it cannot sign for this node) and is only logged;</li>
 * <li>if the partner's checkpoint is larger than the log, entries this node signed are gone: alarm
 * {@code ROLLED_BACK};</li>
 * <li>if the log's root at that size differs from the one this node signed, the log was rewritten:
 * alarm {@code ROLLED_BACK}.</li>
 * </ul>
 *
 * The alarm is a {@code ledger_alarm} row with the partner's cosigned checkpoint as the accepted
 * evidence and this node's current checkpoint as the offending one, a WARN log line and an audit
 * entry; the {@code ledger} health and {@code concord.ledger.alarms} show it.
 */
@Component
class OwnLogCheck {

    private static final Logger log = LoggerFactory.getLogger(OwnLogCheck.class);
    private final Partners partners;
    private final PartnerConnections connections;
    private final WitnessTable table;
    private final LogIdentity identity;
    private final StoredTree tree;
    private final Checkpoints checkpoints;
    private final AlarmRaising raising;
    private final Clock clock;

    OwnLogCheck(Partners partners, PartnerConnections connections, WitnessTable table, LogIdentity identity, StoredTree tree,
            Checkpoints checkpoints, AlarmRaising raising, Clock clock) {
        this.partners = partners;
        this.connections = connections;
        this.table = table;
        this.identity = identity;
        this.tree = tree;
        this.checkpoints = checkpoints;
        this.raising = raising;
        this.clock = clock;
    }

    /** What one check against one partner came to. */
    sealed interface Outcome {
        /** The partner's checkpoint is part of this log. */
        record Consistent(long heldSize, long ownSize) implements Outcome {
        }

        /** The partner holds no checkpoint of this log yet. */
        record NothingHeld() implements Outcome {
        }

        /** The partner answered something that proves nothing (not signed by this node, not cosigned by the partner). */
        record Unverifiable(String reason) implements Outcome {
        }

        /** The partner could not be asked. */
        record Unreachable(String reason) implements Outcome {
        }

        /** This log has lost or changed what the partner holds: the alarm raised (or still open). */
        record RolledBack(WitnessTable.Alarm alarm) implements Outcome {
        }
    }

    /** At start, in the background (a partner may be down): web nodes only, not the one-off commands. */
    @Component
    @ConditionalOnWebApplication
    static class AtStart {
        private final OwnLogCheck check;
        private final boolean enabled;

        AtStart(OwnLogCheck check, @org.springframework.beans.factory.annotation.Value(
                "${concord.ledger.own-log-check-at-start:true}") boolean enabled) {
            this.check = check;
            this.enabled = enabled;
        }

        @EventListener(ApplicationReadyEvent.class)
        void started() {
            if (enabled) {
                Thread thread = new Thread(check::checkAll, "concord-own-log-check");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    @Scheduled(fixedDelayString = "${concord.ledger.own-log-check-interval:PT10M}",
            initialDelayString = "${concord.ledger.own-log-check-interval:PT10M}")
    @SchedulerLock(name = "ledger.own-log-check", lockAtMostFor = "PT1M")
    public void checkAll() {
        for (Partner partner : partners.all()) {
            try {
                Outcome outcome = check(partner.code());
                if (outcome instanceof Outcome.Unreachable u) {
                    log.info("cannot check this node's log against {}: {}", partner.code(), u.reason());
                }
            } catch (RuntimeException e) {
                log.warn("checking this node's log against {} failed: {}", partner.code(), e.toString());
            }
        }
    }

    /** One check of this node's log against the checkpoint {@code code} holds of it. */
    Outcome check(PartyCode code) {
        PartnerConnections.Connection connection = connections.to(code);
        Partner partner = connection.partner();
        String text;
        try {
            HttpResponse<String> response = connection.client().send(HttpRequest.newBuilder(uri(connection, "/ledger/witnessed"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 404) {
                return new Outcome.NothingHeld();
            }
            if (response.statusCode() != 200) {
                return new Outcome.Unreachable("GET /ledger/witnessed answered HTTP " + response.statusCode());
            }
            text = response.body();
        } catch (IOException e) {
            return new Outcome.Unreachable("GET /ledger/witnessed failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Unreachable("interrupted");
        }
        SignedNote note;
        Checkpoint held;
        try {
            note = SignedNote.parse(text);
            held = Checkpoint.open(note, identity.origin(), List.of(identity.verifierKey()));
            note.verify(List.of(LogIdentity.cosignatureKey(partner)));
        } catch (NoteException e) {
            log.warn("{} served a checkpoint of this node's log that proves nothing: {}", code, e.getMessage());
            return new Outcome.Unverifiable(e.getMessage());
        }
        Instant signedAt = SignedCheckpoint.timeOf(held);
        long own = tree.size();
        String detail;
        if (held.size() > own) {
            detail = "this node's log has " + own + " entries, but " + code + " holds, cosigned, a checkpoint of size "
                    + held.size() + " root " + held.root().hex() + " that this node signed at " + signedAt + ": "
                    + (held.size() - own) + " entries this node had are gone (restored from an older backup?)";
        } else {
            Hash ours = tree.log().root(held.size());
            if (ours.equals(held.root())) {
                return new Outcome.Consistent(held.size(), own);
            }
            detail = "this node's log has root " + ours.hex() + " at size " + held.size() + ", but " + code
                    + " holds, cosigned, a checkpoint of that size with root " + held.root().hex() + " that this node signed at "
                    + signedAt + ": the log was rewritten (restored from an older backup and grown again?)";
        }
        return new Outcome.RolledBack(alarm(code, detail, new SignedCheckpoint(held.size(), held.root(),
                signedAt == null ? Instant.EPOCH : signedAt, text)));
    }

    private WitnessTable.Alarm alarm(PartyCode code, String detail, SignedCheckpoint held) {
        var open = table.alarms(code, 100).stream().filter(a -> a.kind() == AlarmKind.ROLLED_BACK
                && a.acceptedSize() != null && a.acceptedSize() == held.size() && held.root().equals(a.acceptedRoot())).findFirst();
        if (open.isPresent()) {
            log.warn("ledger alarm ROLLED_BACK (still): {}", detail);
            return open.get();
        }
        SignedCheckpoint current = checkpoints.current();
        return raising.raise(identity.node().party().code(), AlarmKind.ROLLED_BACK, detail,
                () -> table.raiseOwn(code, AlarmKind.ROLLED_BACK, detail, held, current, clock.instant()));
    }

    private static URI uri(PartnerConnections.Connection connection, String path) {
        String base = connection.partner().url().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }
}
