package org.concord.intel;

import java.util.List;

import org.concord.intel.stix.StixValidator;
import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;

import tools.jackson.databind.JsonNode;

/** Scratch: where ingest time goes. Not a test. */
public final class IngestPhases {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        String schema = Postgres.newSchema("phases");
        var context = OfflineNode.start(OfflineNode.Store.POSTGRES, schema);
        try {
            String pk = context.getBean(org.concord.party.NodeIdentity.class).stixIdentityId();
            List<JsonNode> warm = org.concord.exchange.ExchangeLoad.objects(3000, pk);
            IntelStore store = context.getBean(IntelStore.class);
            store.store(Collection.INTEL, warm, new Origin.Local("x"));
            List<JsonNode> objects = org.concord.exchange.ExchangeLoad.objects(n, pk);
            StixValidator validator = StixValidator.withOasisSchemas();
            long t0 = System.nanoTime();
            for (JsonNode o : objects) validator.validate(o);
            long t1 = System.nanoTime();
            store.store(Collection.INTEL, objects, new Origin.Local("x"));
            long t2 = System.nanoTime();
            System.out.printf("validate only: %.0f/s; store (incl. validate): %.0f/s%n", n / ((t1 - t0) / 1e9), n / ((t2 - t1) / 1e9));
        } finally {
            context.close();
            Postgres.dropSchema(schema);
        }
    }
}
