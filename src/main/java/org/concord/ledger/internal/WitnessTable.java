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

    /** A partner's log that did not check out, with both signed checkpoints as evidence. */
    record Alarm(long id, PartyCode partner, AlarmKind kind, String detail, Long acceptedSize, Hash acceptedRoot,
            String acceptedNote, Long offendingSize, Hash offendingRoot, String offendingNote, Instant raisedAt) {
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
            accepted.range().encode(), accepted.reauditFrom(), Timestamp.from(accepted.acceptedAt()), accepted.partner().value()};
        int updated = jdbc.sql("update ledger_witness set size = ?, root = ?, checkpoint_time = ?, note = ?, border = ?,"
                + " reaudit_from = ?, accepted_at = ? where partner = ?").params(values).update();
        if (updated == 0) {
            jdbc.sql("insert into ledger_witness (size, root, checkpoint_time, note, border, reaudit_from, accepted_at, partner)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?)").params(values).update();
        }
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

    Alarm raise(PartyCode partner, AlarmKind kind, String detail, Accepted accepted, Long offendingSize, Hash offendingRoot,
            String offendingNote, Instant at) {
        jdbc.sql("insert into ledger_alarm (partner, kind, detail, accepted_size, accepted_root, accepted_note,"
                + " offending_size, offending_root, offending_note, raised_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(partner.value(), kind.name(), detail, accepted == null ? null : accepted.size(),
                        accepted == null ? null : accepted.root().bytes(), accepted == null ? null : accepted.note(),
                        offendingSize, offendingRoot == null ? null : offendingRoot.bytes(), offendingNote, Timestamp.from(at))
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
                rs.getString("offending_note"), rs.getTimestamp("raised_at").toInstant());
    }
}
