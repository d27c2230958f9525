package org.concord.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.concord.party.Pairing;

/** PK and IR on PostgreSQL, paired, sharing one {@link MovableClock} that tests move instead of sleeping. */
public final class ClockedNodes implements AutoCloseable {

    public final MovableClock clock;
    public final TestNode pk;
    public TestNode ir;
    private final Map<String, Object> extra;

    public ClockedNodes() {
        this(Instant.now().truncatedTo(ChronoUnit.SECONDS), Map.of());
    }

    /** Both nodes with the same extra configuration, their clock starting at {@code start}. */
    public ClockedNodes(Instant start, Map<String, Object> extra) {
        this.clock = new MovableClock(start);
        this.extra = extra;
        pk = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, null, null, extra, clock);
        ir = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.POSTGRES, null, null, extra, clock);
        pk.bean(Pairing.class).pair(ir.identity().pairingRecord(), "test", false);
        ir.bean(Pairing.class).pair(pk.identity().pairingRecord(), "test", false);
    }

    /** IR goes down. */
    public void stopIr() {
        ir.close();
    }

    /** IR comes back on the same port, keys and database. */
    public void restartIr() {
        Map<String, Object> again = new java.util.HashMap<>(extra);
        again.put("server.port", ir.port());
        ir = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.POSTGRES, ir.dataDir(), ir.schema(), again, clock);
    }

    @Override
    public void close() {
        pk.close();
        ir.close();
        Postgres.dropSchema(pk.schema());
        Postgres.dropSchema(ir.schema());
    }
}
