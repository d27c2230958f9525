package org.concord.ledger.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.concord.ledger.tree.CompactRange;
import org.concord.ledger.tree.Hash;
import org.concord.party.PartyCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What this node knows of its partners' logs: the last accepted checkpoint and compact range per
 * partner ({@code ledger_witness}), the audited leaf hashes ({@code ledger_witness_leaf}) and the
 * alarms ({@code ledger_alarm}).
 */
@Repository
class WitnessTable {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    WitnessTable(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The last checkpoint accepted from a partner, and where the next re-audit starts. */
    record Accepted(PartyCode partner, long size, Hash root, Instant checkpointTime, String note, CompactRange range,
            long reauditFrom, Instant acceptedAt) {
    }

    /**
     * A partner's log that did not check out, with both signed checkpoints as evidence; for {@code BROKEN_PROMISE}, the
     * partner's signed promise ({@code promise}, null for the other kinds).
     */
    record Alarm(long id, PartyCode partner, AlarmKind kind, String detail, Long acceptedSize, Hash acceptedRoot,
            String acceptedNote, Long offendingSize, Hash offendingRoot, String offendingNote, Instant raisedAt,
            Acknowledgement acknowledgement, String promise) {
    }

    /** Who acknowledged an alarm, when and why; an acknowledged alarm no longer counts as open. */
    record Acknowledgement(String by, Instant at, String note) {
    }

    /** When a partner's log was last checked and found good, or first paired if never. */
    record Checked(PartyCode partner, Instant at) {
    }

    Optional<Accepted> accepted(PartyCode partner) {
        return jdbc.sql("select partner, size, root, checkpoint_time, note, border, reaudit_from, accepted_at"
                + " from ledger_witness where partner = ?").param(partner.value())
                .query((rs, n) -> new Accepted(PartyCode.of(rs.getString("partner")), rs.getLong("size"),
                        new Hash(rs.getBytes("root")), rs.getTimestamp("checkpoint_time").toInstant(), rs.getString("note"),
                        CompactRange.decode(rs.getLong("size"), rs.getString("border")), rs.getLong("reaudit_from"),
                        rs.getTimestamp("accepted_at").toInstant()))
                .optional();
    }

    void accept(Accepted accepted) {
        Object[] values = {accepted.size(), accepted.root().bytes(), Timestamp.from(accepted.checkpointTime()), accepted.note(),
            accepted.range().encode(), accepted.reauditFrom(), Timestamp.from(accepted.acceptedAt()),
            Timestamp.from(accepted.acceptedAt()), accepted.partner().value()};
        int updated = jdbc.sql("update ledger_witness set size = ?, root = ?, checkpoint_time = ?, note = ?, border = ?,"
                + " reaudit_from = ?, accepted_at = ?, checked_at = ? where partner = ?").params(values).update();
        if (updated == 0) {
            jdbc.sql("insert into ledger_witness (size, root, checkpoint_time, note, border, reaudit_from, accepted_at,"
                    + " checked_at, partner) values (?, ?, ?, ?, ?, ?, ?, ?, ?)").params(values).update();
        }
    }

    /** The accepted checkpoint of a partner was confirmed (the partner's log did not grow, and re-audited well). */
    void checked(PartyCode partner, Instant at) {
        jdbc.sql("update ledger_witness set checked_at = ? where partner = ?").params(Timestamp.from(at), partner.value()).update();
    }

    /** Per witnessed partner, when its log was last found good. */
    List<Checked> checkedTimes() {
        return jdbc.sql("select partner, coalesce(checked_at, accepted_at) from ledger_witness")
                .query((rs, n) -> new Checked(PartyCode.of(rs.getString(1)), rs.getTimestamp(2).toInstant())).list();
    }

    /** The alarms nobody has acknowledged yet, counted by kind. */
    java.util.Map<AlarmKind, Long> openByKind() {
        java.util.Map<AlarmKind, Long> open = new java.util.EnumMap<>(AlarmKind.class);
        jdbc.sql("select kind, count(*) from ledger_alarm where acknowledged_at is null group by kind")
                .query((rs, n) -> open.put(AlarmKind.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return open;
    }

    /** The newest alarms nobody has acknowledged yet. */
    List<Alarm> open(int limit) {
        return jdbc.sql("select * from ledger_alarm where acknowledged_at is null order by id desc limit ?").param(limit)
                .query(WitnessTable::alarm).list();
    }

    Optional<Alarm> alarm(long id) {
        return jdbc.sql("select * from ledger_alarm where id = ?").param(id).query(WitnessTable::alarm).optional();
    }

    /** Acknowledges an open alarm; false if it was acknowledged already. */
    boolean acknowledge(long id, String by, String note, Instant at) {
        return jdbc.sql("update ledger_alarm set acknowledged_at = ?, acknowledged_by = ?, acknowledgement = ?"
                + " where id = ? and acknowledged_at is null").params(Timestamp.from(at), by, note, id).update() == 1;
    }

    /**
     * Records an alarm about this node's own log, found by asking {@code witness}: {@code held} is the
     * checkpoint the witness holds cosigned, {@code current} this node's newest checkpoint now.
     */
    Alarm raiseOwn(PartyCode witness, AlarmKind kind, String detail, SignedCheckpoint held, SignedCheckpoint current,
            Instant at) {
        jdbc.sql("insert into ledger_alarm (partner, kind, detail, accepted_size, accepted_root, accepted_note,"
                + " offending_size, offending_root, offending_note, raised_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(witness.value(), kind.name(), detail, held.size(), held.root().bytes(), held.note(), current.size(),
                        current.root().bytes(), current.note(), Timestamp.from(at))
                .update();
        return alarms(witness, 1).get(0);
    }

    void setReauditFrom(PartyCode partner, long from) {
        jdbc.sql("update ledger_witness set reaudit_from = ? where partner = ?").params(from, partner.value()).update();
    }

    /** Keeps audited leaf hashes {@code first, first + 1, ...} of a partner's log. */
    void keepLeaves(PartyCode partner, long first, List<Hash> leaves) {
        List<Object[]> rows = new ArrayList<>(leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            rows.add(new Object[] {partner.value(), first + i, leaves.get(i).bytes()});
        }
        template.batchUpdate("insert into ledger_witness_leaf (partner, idx, leaf_hash) values (?, ?, ?)", rows);
    }

    /** The kept leaf hashes from index {@code from}, at most {@code limit} of a partner's log. */
    List<Hash> leaves(PartyCode partner, long from, int limit) {
        return jdbc.sql("select leaf_hash from ledger_witness_leaf where partner = ? and idx >= ? order by idx limit ?")
                .params(partner.value(), from, limit).query((rs, n) -> new Hash(rs.getBytes(1))).list();
    }

    /**
     * Records an alarm about a partner's log: {@code accepted} is its checkpoint this node last accepted (null if none),
     * the offending checkpoint's size, root and note are null where there is none, and {@code promise} is the receipt
     * the partner signed for {@code BROKEN_PROMISE}, as it signed it (null for the other kinds).
     */
    Alarm raise(PartyCode partner, AlarmKind kind, String detail, Accepted accepted, Long offendingSize, Hash offendingRoot,
            String offendingNote, String promise, Instant at) {
        jdbc.sql("insert into ledger_alarm (partner, kind, detail, accepted_size, accepted_root, accepted_note,"
                + " offending_size, offending_root, offending_note, promise, raised_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(partner.value(), kind.name(), detail, accepted == null ? null : accepted.size(),
                        accepted == null ? null : accepted.root().bytes(), accepted == null ? null : accepted.note(),
                        offendingSize, offendingRoot == null ? null : offendingRoot.bytes(), offendingNote, promise,
                        Timestamp.from(at))
                .update();
        return alarms(partner, 1).get(0);
    }

    /** The newest alarm of a partner, if any. */
    Optional<Alarm> lastAlarm(PartyCode partner) {
        return alarms(partner, 1).stream().findFirst();
    }

    List<Alarm> alarms(PartyCode partner, int limit) {
        return jdbc.sql("select * from ledger_alarm where partner = ? order by id desc limit ?")
                .params(partner.value(), limit).query(WitnessTable::alarm).list();
    }

    List<Alarm> alarms(int limit) {
        return jdbc.sql("select * from ledger_alarm order by id desc limit ?").param(limit).query(WitnessTable::alarm).list();
    }

    private static Alarm alarm(ResultSet rs, int n) throws SQLException {
        byte[] acceptedRoot = rs.getBytes("accepted_root");
        byte[] offendingRoot = rs.getBytes("offending_root");
        return new Alarm(rs.getLong("id"), PartyCode.of(rs.getString("partner")), AlarmKind.valueOf(rs.getString("kind")),
                rs.getString("detail"), (Long) rs.getObject("accepted_size", Long.class),
                acceptedRoot == null ? null : new Hash(acceptedRoot), rs.getString("accepted_note"),
                (Long) rs.getObject("offending_size", Long.class), offendingRoot == null ? null : new Hash(offendingRoot),
                rs.getString("offending_note"), rs.getTimestamp("raised_at").toInstant(),
                rs.getTimestamp("acknowledged_at") == null ? null
                        : new Acknowledgement(rs.getString("acknowledged_by"), rs.getTimestamp("acknowledged_at").toInstant(),
                                rs.getString("acknowledgement")),
                rs.getString("promise"));
    }
}
