package org.concord.requests;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.concord.party.Pairing;
import org.concord.testing.MovableClock;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;

/** PK and IR on PostgreSQL, paired, sharing one {@link MovableClock} that tests move instead of sleeping. */
final class ClockedNodes implements AutoCloseable {

    final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final TestNode pk;
    TestNode ir;

    ClockedNodes() {
        pk = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, null, null, Map.of(), clock);
        ir = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.POSTGRES, null, null, Map.of(), clock);
        pk.bean(Pairing.class).pair(ir.identity().pairingRecord(), "test", false);
        ir.bean(Pairing.class).pair(pk.identity().pairingRecord(), "test", false);
    }

    /** IR goes down. */
    void stopIr() {
        ir.close();
    }

    /** IR comes back on the same port, keys and database. */
    void restartIr() {
        ir = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.POSTGRES, ir.dataDir(), ir.schema(),
                Map.of("server.port", ir.port()), clock);
    }

    @Override
    public void close() {
        pk.close();
        ir.close();
        Postgres.dropSchema(pk.schema());
        Postgres.dropSchema(ir.schema());
    }
}
