package org.concord.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.concord.ledger.Ledger;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.NoteSigner;
import org.concord.party.PartyCode;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;

/**
 * A ledger alarm raised for real, for tests outside this package (the console's desk): the
 * {@code forger} serves a checkpoint signed by a key that is not its pinned one, the {@code witness}
 * witnesses its log and raises {@code BAD_SIGNATURE} (as {@link OperatorsSeeAlarmsTest} does).
 * The forged checkpoint is removed again; the alarm stays open at the witness.
 */
public final class ForgedCheckpoint {

    private ForgedCheckpoint() {
    }

    /** Returns the id of the alarm the witness raised. */
    public static long witnessed(TestNode forger, TestNode witness, java.time.Instant now) throws Exception {
        PartyCode code = PartyCode.of(forger.code());
        forger.bean(Checkpoints.class).publish();
        assertThat(witness.bean(Witnessing.class).witness(code)).isInstanceOf(WitnessOutcome.Accepted.class);
        LogIdentity log = forger.bean(LogIdentity.class);
        long size = forger.bean(Ledger.class).size() + 1;
        Hash root = Hash.ofHex("11".repeat(32));
        String forged = SignedCheckpoint.body(log.origin(), size, root, now).sign(NoteSigner.generate(log.origin())).encode();
        try (var connection = Postgres.connect(); var insert = connection.prepareStatement("insert into "
                + forger.schema() + ".ledger_checkpoint (size, root, note, signed_at) values (?, ?, ?, now())")) {
            insert.setLong(1, size);
            insert.setBytes(2, root.bytes());
            insert.setString(3, forged);
            insert.executeUpdate();
        }
        WitnessOutcome outcome = witness.bean(Witnessing.class).witness(code);
        assertThat(outcome).isInstanceOf(WitnessOutcome.Alarmed.class);
        try (var connection = Postgres.connect(); var delete = connection.createStatement()) {
            delete.execute("delete from " + forger.schema() + ".ledger_checkpoint where size = " + size);
        }
        return ((WitnessOutcome.Alarmed) outcome).alarm().id();
    }
}
