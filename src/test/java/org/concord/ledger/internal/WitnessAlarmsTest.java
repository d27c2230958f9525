package org.concord.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.concord.ledger.Direction;
import org.concord.ledger.Ledger;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NoteSigner;
import org.concord.party.PartyCode;
import org.concord.testing.Postgres;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The witness alarms the tampering tests do not reach: a checkpoint signed by a key that is not
 * the partner's pinned one, one for another log, and one signed with an earlier time than the
 * checkpoint already accepted. Each is kept as evidence and IR's accepted checkpoint stays.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WitnessAlarmsTest {

    static final PartyCode PK = PartyCode.of("PK");
    TwoNodes nodes;
    long accepted;

    @BeforeAll
    void irHasAcceptedACheckpointOfPk() {
        nodes = TwoNodes.startPaired();
        append(20);
        nodes.pk.bean(Checkpoints.class).publish();
        assertThat(nodes.ir.bean(Witnessing.class).witness(PK)).isInstanceOf(WitnessOutcome.Accepted.class);
        accepted = nodes.pk.bean(Ledger.class).size();
    }

    @AfterAll
    void stop() {
        nodes.stop();
    }

    void append(int n) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String object = Stix.JSON.writeValueAsString(Stix.intrusionSet("entry", nodes.pk.identity().stixIdentityId(), null));
            entries.add(LedgerEntry.of(Direction.SENT, PartyCode.of("IR"), ObjectDigest.of(object), java.time.Instant.now()));
        }
        nodes.pk.bean(Ledger.class).appendAll(entries);
    }

    /** Publishes a checkpoint note at PK as if PK's node had signed it (the tampering under test). */
    void publishAtPk(long size, Hash root, String note) throws Exception {
        try (var connection = Postgres.connect();
                var insert = connection.prepareStatement("insert into " + nodes.pk.schema()
                        + ".ledger_checkpoint (size, root, note, signed_at) values (?, ?, ?, now())")) {
            insert.setLong(1, size);
            insert.setBytes(2, root.bytes());
            insert.setString(3, note);
            insert.executeUpdate();
        }
    }

    void withdrawAtPk(long size) throws Exception {
        try (var connection = Postgres.connect(); var delete = connection.createStatement()) {
            delete.execute("delete from " + nodes.pk.schema() + ".ledger_checkpoint where size = " + size);
        }
    }

    WitnessTable.Alarm alarm(AlarmKind kind) {
        WitnessOutcome outcome = nodes.ir.bean(Witnessing.class).witness(PK);
        assertThat(outcome).isInstanceOf(WitnessOutcome.Alarmed.class);
        WitnessTable.Alarm alarm = ((WitnessOutcome.Alarmed) outcome).alarm();
        assertThat(alarm.kind()).as(alarm.detail()).isEqualTo(kind);
        // raised the one way every ledger alarm is (AlarmRaising): its audit entry beside its row
        assertThat(nodes.ir.bean(org.concord.audit.AuditLog.class).recent(50)).anyMatch(e -> e.action().equals("ledger.alarm")
                && e.subject().equals("PK") && e.detail().equals(kind + ": " + alarm.detail()));
        return alarm;
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsABadSignatureAlarm() throws Exception {
        LogIdentity pkLog = nodes.pk.bean(LogIdentity.class);
        append(3);
        long size = nodes.pk.bean(Ledger.class).size();
        Hash root = nodes.pk.bean(StoredTree.class).log().root(size);
        String note = SignedCheckpoint.body(pkLog.origin(), size, root, java.time.Instant.now())
                .sign(NoteSigner.generate(pkLog.origin())).encode();
        publishAtPk(size, root, note);
        try {
            WitnessTable.Alarm alarm = alarm(AlarmKind.BAD_SIGNATURE);
            assertThat(alarm.detail()).contains("is not signed by its pinned key");
            assertThat(alarm.offendingNote()).isEqualTo(note);
        } finally {
            withdrawAtPk(size);
        }
    }

    @Test
    void aCheckpointForAnotherLogIsAWrongOriginAlarm() throws Exception {
        LogIdentity pkLog = nodes.pk.bean(LogIdentity.class);
        append(3);
        long size = nodes.pk.bean(Ledger.class).size();
        Hash root = nodes.pk.bean(StoredTree.class).log().root(size);
        String note = SignedCheckpoint.body("concord.PK/some-other-log", size, root, java.time.Instant.now())
                .sign(pkLog.signer()).encode();
        publishAtPk(size, root, note);
        try {
            assertThat(alarm(AlarmKind.WRONG_ORIGIN).offendingNote()).isEqualTo(note);
        } finally {
            withdrawAtPk(size);
        }
    }

    @Test
    void aLargerCheckpointSignedEarlierThanTheAcceptedOneIsAnOlderAlarm() throws Exception {
        LogIdentity pkLog = nodes.pk.bean(LogIdentity.class);
        append(3);
        long size = nodes.pk.bean(Ledger.class).size();
        Hash root = nodes.pk.bean(StoredTree.class).log().root(size);
        String note = SignedCheckpoint.body(pkLog.origin(), size, root, java.time.Instant.now().minus(Duration.ofDays(1)))
                .sign(pkLog.signer()).encode();
        publishAtPk(size, root, note);
        try {
            WitnessTable.Alarm alarm = alarm(AlarmKind.OLDER);
            assertThat(alarm.detail()).contains("size " + size).contains("older than the accepted size");
            assertThat(alarm.acceptedSize()).isEqualTo(accepted);
        } finally {
            withdrawAtPk(size);
        }
    }
}
