package org.concord.testing;

import org.concord.party.Pairing;

/**
 * PK and IR, started once per test JVM on the real PostgreSQL and paired with each other through
 * their pairing records, as {@code concord demo} does. Tests that change the pairing start their
 * own nodes instead.
 */
public final class TwoNodes {

    private static TwoNodes shared;
    public final TestNode pk;
    public final TestNode ir;

    private TwoNodes(TestNode pk, TestNode ir) {
        this.pk = pk;
        this.ir = ir;
    }

    public static synchronized TwoNodes shared() {
        if (shared == null) {
            shared = startPaired();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.pk.close();
                shared.ir.close();
                Postgres.dropSchema(shared.pk.schema());
                Postgres.dropSchema(shared.ir.schema());
            }));
        }
        return shared;
    }

    public static TwoNodes startPaired() {
        return startPaired(java.util.Map.of(), java.util.Map.of());
    }

    /** PK and IR, each with extra configuration (e.g. its sharing policy). */
    public static TwoNodes startPaired(java.util.Map<String, Object> pkExtra, java.util.Map<String, Object> irExtra) {
        TestNode pk = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, null, null, pkExtra);
        TestNode ir = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.POSTGRES, null, null, irExtra);
        pk.bean(Pairing.class).pair(ir.identity().pairingRecord(), "test", false);
        ir.bean(Pairing.class).pair(pk.identity().pairingRecord(), "test", false);
        return new TwoNodes(pk, ir);
    }

    /**
     * IR's node posting STIX objects (each as JSON text or a JSON node) straight to PK's TAXII inbox, as a partner (IR's
     * TLS key), not through its outbox: a message dated as a test wants it, as a partner's node could send it. The answer.
     */
    public java.net.http.HttpResponse<String> irPostsToPksInbox(Object... objects) throws Exception {
        String body = "{\"objects\":[" + java.util.Arrays.stream(objects).map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",")) + "]}";
        return Https.asPartner(ir, pk).send("POST", "/taxii2/concord/collections/" + org.concord.intel.Collection.INBOX.id()
                + "/objects/", body, "Accept", "application/taxii+json;version=2.1", "Content-Type", "application/taxii+json;version=2.1");
    }

    /** Stops both nodes and drops their schemas. */
    public void stop() {
        pk.close();
        ir.close();
        Postgres.dropSchema(pk.schema());
        Postgres.dropSchema(ir.schema());
    }
}
