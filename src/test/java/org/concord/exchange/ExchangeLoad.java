package org.concord.exchange;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.concord.intel.Bundles;
import org.concord.intel.Collection;
import org.concord.intel.Origin;
import org.concord.intel.stix.Tlp;
import org.concord.party.ApiTokens;
import org.concord.testing.Https;
import org.concord.testing.Postgres;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A load run against two started nodes on PostgreSQL (not a test): objects per second ingested
 * through import and through TAXII POST, and served through paged TAXII GET to a user and to the
 * partner (through the sharing policy). The baseline, measured in the same run, is PostgreSQL
 * itself: a plain JDBC batch insert of the same JSON texts into a table with no indexes.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests test -Dbench.main=org.concord.exchange.ExchangeLoad -Dbench=100000}
 */
public final class ExchangeLoad {

    static final String TAXII = "application/taxii+json;version=2.1";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        TwoNodes nodes = TwoNodes.startPaired(Map.of("logging.level.root", "WARN", "logging.level.org.concord", "WARN"),
                Map.of("logging.level.root", "WARN", "logging.level.org.concord", "WARN"));
        try {
            String pk = nodes.pk.identity().stixIdentityId();
            List<JsonNode> forImport = objects(n, pk);
            List<JsonNode> forPost = objects(n, pk);
            System.out.printf("%n%,d objects of about %d bytes each (intrusion-set, TLP:GREEN)%n", n,
                    Stix.JSON.writeValueAsString(forImport.get(0)).length());

            // Warm up the JIT on all paths with a small batch first.
            nodes.pk.bean(Bundles.class).importObjects(objects(2000, pk), new Origin.Local("bench"), i -> { });

            double baseline = baseline(nodes.pk.schema(), forImport);
            long t0 = System.nanoTime();
            nodes.pk.bean(Bundles.class).importObjects(forImport, new Origin.Local("bench"), i -> { });
            double imported = rate(n, t0);

            String token = nodes.pk.bean(ApiTokens.class).issue("pk-analyst", "benchmark", java.time.Duration.ofHours(1)).token();
            Https client = Https.to(nodes.pk);
            String path = "/taxii2/concord/collections/" + Collection.INTEL.id() + "/objects/";
            t0 = System.nanoTime();
            for (int i = 0; i < n; i += 1000) {
                String body = Stix.envelope(forPost.subList(i, Math.min(n, i + 1000)).toArray(JsonNode[]::new));
                HttpResponse<String> response = client.send("POST", path, body, "Authorization", "Bearer " + token,
                        "Accept", TAXII, "Content-Type", TAXII);
                if (response.statusCode() != 202 || !response.body().contains("\"failure_count\":0")) {
                    throw new IllegalStateException(response.statusCode() + " " + response.body().substring(0, 300));
                }
            }
            double posted = rate(n, t0);

            double servedUser = serve(client, path, "Authorization", "Bearer " + token);
            double servedPartner = serve(Https.asPartner(nodes.ir, nodes.pk), path);

            System.out.println();
            System.out.println("| what | objects/s |");
            System.out.println("| --- | --- |");
            System.out.printf("| baseline: plain JDBC batch insert of the same JSON, no indexes | %,.0f |%n", baseline);
            System.out.printf("| ingest through import (validate, version, index; one transaction) | %,.0f |%n", imported);
            System.out.printf("| ingest through TAXII POST over HTTPS, 1,000 per request, one client | %,.0f |%n", posted);
            System.out.printf("| serve through paged TAXII GET, 1,000 per page, to a user (%,d objects) | %,.0f |%n", 2 * n + 2000, servedUser);
            System.out.printf("| serve through paged TAXII GET to the partner, through the sharing policy | %,.0f |%n", servedPartner);
        } finally {
            nodes.stop();
        }
        System.exit(0);
    }

    public static List<JsonNode> objects(int n, String creator) {
        List<JsonNode> objects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectNode object = Stix.intrusionSet("Group " + UUID.randomUUID(), creator, Tlp.GREEN);
            object.put("description", "Benchmark object " + i + ": a militant group with cells on both sides of the border, "
                    + "reported by liaison officers; aliases and goals follow.");
            object.putArray("aliases").add("alias one " + i).add("alias two " + i);
            object.putArray("goals").add("goal " + i);
            objects.add(object);
        }
        return objects;
    }

    static double baseline(String schema, List<JsonNode> objects) throws Exception {
        try (Connection connection = java.sql.DriverManager.getConnection(Postgres.urlFor(schema), Postgres.USER, "")) {
            connection.createStatement().execute("create table bench_raw (seq bigserial primary key, id varchar(200), object text)");
            connection.setAutoCommit(false);
            long t0 = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("insert into bench_raw (id, object) values (?, ?)")) {
                int batch = 0;
                for (JsonNode object : objects) {
                    insert.setString(1, object.path("id").asString());
                    insert.setString(2, Stix.JSON.writeValueAsString(object));
                    insert.addBatch();
                    if (++batch % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
            return rate(objects.size(), t0);
        }
    }

    static double serve(Https client, String path, String... headers) throws Exception {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Accept";
        all[headers.length + 1] = TAXII;
        long t0 = System.nanoTime();
        int served = 0;
        String next = null;
        do {
            HttpResponse<String> response = client.get(path + "?limit=1000" + (next == null ? "" : "&next=" + next), all);
            JsonNode envelope = Stix.JSON.readTree(response.body());
            served += envelope.path("objects").size();
            next = envelope.path("more").asBoolean() ? envelope.path("next").asString() : null;
        } while (next != null);
        return rate(served, t0);
    }

    static double rate(int n, long startNanos) {
        return n / ((System.nanoTime() - startNanos) / 1e9);
    }
}
