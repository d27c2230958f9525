package org.concord.party.persistence;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.concord.party.Fingerprint;
import org.concord.party.PairingRecord;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.Party;
import org.concord.party.PartyCode;
import org.concord.party.SigningKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Repository;

/**
 * The {@code party_partner} table. Reads come from a snapshot at most one second old, because the
 * TLS handshake and every partner request look partners up; a pairing made in this process is seen
 * at once, one made by another instance or by the {@code concord} command within a second.
 */
@Repository
public class PartnerTable implements Partners {

    private static final long SNAPSHOT_MILLIS = 1_000;
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot;
    /**
     * Counts the writes' invalidations. A snapshot keeps the count it was read under and is used only while the count is
     * unchanged: a read that began before a write committed and ends after it may still store its snapshot (without the
     * write), but the commit's invalidation has moved the count on, so the next read reads again.
     */
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    PartnerTable(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Snapshot(long takenAt, long writes, Map<PartyCode, Partner> byCode, Map<Fingerprint, Partner> byFingerprint) {
    }

    @Override
    public List<Partner> all() {
        return snapshot().byCode().values().stream().sorted(java.util.Comparator.comparing(p -> p.code().value())).toList();
    }

    @Override
    public Optional<Partner> byCode(PartyCode code) {
        return Optional.ofNullable(snapshot().byCode().get(code));
    }

    @Override
    public Optional<Partner> byFingerprint(Fingerprint fingerprint) {
        return Optional.ofNullable(snapshot().byFingerprint().get(fingerprint));
    }

    public void insert(PairingRecord record, String actor) {
        jdbc.sql("""
                insert into party_partner (code, name, url, certificate_pem, certificate_fingerprint, signing_key,
                                           stix_identity, paired_at, paired_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(record.party().code().value(), record.party().name(), record.url().toString(),
                        record.certificatePem(), record.fingerprint().hex(), record.signingKey().base64(),
                        record.identity(), Timestamp.from(clock.instant()), actor)
                .update();
        invalidate();
    }

    public int delete(PartyCode code) {
        int rows = jdbc.sql("delete from party_partner where code = ?").param(code.value()).update();
        invalidate();
        return rows;
    }

    /**
     * Makes every snapshot stale now and again once the writing transaction ends (moves {@link #writes} on): a read
     * on another connection between the write and its commit, or across the commit, takes a snapshot without the
     * change, which would otherwise be kept for up to a second after the commit (a partner paired, then refused as
     * unpaired by the next call).
     */
    private void invalidate() {
        writes.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    writes.incrementAndGet();
                }
            });
        }
    }

    /** Reads the table directly, bypassing the snapshot; for writes that must see the committed state. */
    public Optional<Partner> current(PartyCode code) {
        return jdbc.sql("select * from party_partner where code = ?").param(code.value()).query(PartnerTable::partner).optional();
    }

    public Optional<Partner> currentByFingerprint(Fingerprint fingerprint) {
        return jdbc.sql("select * from party_partner where certificate_fingerprint = ?").param(fingerprint.hex())
                .query(PartnerTable::partner).optional();
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        long now = clock.millis();
        long written = writes.get();
        if (current == null || current.writes() != written || now - current.takenAt() > SNAPSHOT_MILLIS || now < current.takenAt()) {
            List<Partner> partners = jdbc.sql("select * from party_partner").query(PartnerTable::partner).list();
            current = new Snapshot(now, written,
                    partners.stream().collect(Collectors.toUnmodifiableMap(Partner::code, Function.identity())),
                    partners.stream().collect(Collectors.toUnmodifiableMap(Partner::fingerprint, Function.identity())));
            snapshot = current;
        }
        return current;
    }

    private static Partner partner(ResultSet rs, int row) throws SQLException {
        return new Partner(new Party(PartyCode.of(rs.getString("code")), rs.getString("name")),
                URI.create(rs.getString("url")), rs.getString("stix_identity"),
                PairingRecord.certificate(rs.getString("certificate_pem")),
                Fingerprint.parse("certificate_fingerprint", rs.getString("certificate_fingerprint")),
                SigningKey.parse("signing_key", rs.getString("signing_key")),
                rs.getTimestamp("paired_at").toInstant());
    }
}
