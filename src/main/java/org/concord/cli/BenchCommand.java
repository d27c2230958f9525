package org.concord.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.concord.node.InvalidInput;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Load harnesses that measure a running node from outside.",
        subcommands = {BenchCommand.Taxii.class})
class BenchCommand extends CommandGroup {

    static final String TAXII = "application/taxii+json;version=2.1";

    @Command(name = "taxii", mixinStandardHelpOptions = true,
            description = {"A serial TAXII 2.1 client: posts N new objects (mixed SDOs and the relationships between them, fresh ids)",
                "in envelopes of --batch to a collection, then reads the whole collection back in pages of --page.",
                "Prints objects/s for ingest and read, per-envelope and per-page p50/p99, ingest as the store grew,",
                "and the store size. With --baseline-db, first writes the same rows straight into that database",
                "(PostgreSQL: COPY; otherwise batched INSERT) in the same batches, as the raw baseline of this run."})
    static class Taxii implements Callable<Integer> {

        @Option(names = "--url", required = true, paramLabel = "URL", description = "The node, e.g. https://localhost:8441.")
        URI url;

        @Option(names = "--objects", required = true, paramLabel = "N", description = "How many objects to post.")
        int objects;

        @Option(names = "--batch", defaultValue = "500", paramLabel = "N", description = "Objects per envelope (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--page", defaultValue = "1000", paramLabel = "N", description = "Objects per page read (default: ${DEFAULT-VALUE}).")
        int page;

        @Option(names = "--collection", defaultValue = "intel", paramLabel = "ID", description = "Collection id or alias (default: ${DEFAULT-VALUE}).")
        String collection;

        @Option(names = {"-u", "--user"}, paramLabel = "NAME", description = "A user of the node who may write the collection (ANALYST).")
        String user;

        @Option(names = "--password-stdin", description = "Read the user's password from standard input (else CONCORD_PASSWORD).")
        boolean passwordStdin;

        @Option(names = "--basic", description = {"Send the password with every request (HTTP Basic), as simple TAXII clients do;",
            "without it the password buys one bearer token (POST /api/tokens) used for every request."})
        boolean basic;

        @Option(names = "--token-stdin", description = "Read a bearer token from standard input instead of a user and password.")
        boolean tokenStdin;

        @Option(names = "--cacert", paramLabel = "FILE", description = "The node's TLS certificate (PEM) to trust, e.g. data/demo/pk/keys/tls.crt.")
        Path cacert;

        @Option(names = "--windows", defaultValue = "5", paramLabel = "K", description = "Report ingest in K slices as the store grew (default: ${DEFAULT-VALUE}).")
        int windows;

        @Option(names = "--no-read", description = "Post only; skip the paged read.")
        boolean noRead;

        @Option(names = "--baseline-db", paramLabel = "JDBC_URL", description = {"A database for the raw baseline (a scratch table there is",
            "created and dropped): jdbc:postgresql://... (COPY) or jdbc:h2:file:/tmp/raw (batched INSERT in this process)."})
        String baselineDb;

        @Option(names = "--baseline-db-user", paramLabel = "NAME", description = "User for --baseline-db (password: CONCORD_BASELINE_DB_PASSWORD).")
        String baselineUser;

        @Option(names = "--node-pid", paramLabel = "PID", description = {"The node's process id, when it runs on this machine (Linux):",
            "reports its CPU time per object over the ingest, in all and by its threads' work (requests, checks, JIT, GC, H2's",
            "background writers), from /proc."})
        Long nodePid;

        @Override
        public Integer call() throws Exception {
            if (nodePid != null && !Files.isReadable(Path.of("/proc", nodePid.toString(), "stat"))) {
                throw new InvalidInput("--node-pid", "process", "no process " + nodePid + " readable under /proc on this machine");
            }
            if (objects < 1) {
                throw new InvalidInput("--objects", "positive", "must be at least 1, got " + objects);
            }
            if (batch < 1 || batch > 10_000) {
                throw new InvalidInput("--batch", "range", "must be between 1 and 10000, got " + batch);
            }
            if (page < 1 || page > 10_000) {
                throw new InvalidInput("--page", "range", "must be between 1 and 10000, got " + page);
            }
            if (windows < 1) {
                throw new InvalidInput("--windows", "positive", "must be at least 1, got " + windows);
            }
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
                throw new InvalidInput("--url", "http-url", "must be an https:// (or http://) URL, got " + url);
            }
            if (cacert != null && !Files.isRegularFile(cacert)) {
                throw new InvalidInput("--cacert", "file-exists", "no certificate at " + cacert.toAbsolutePath());
            }
            PrintStream out = System.out;
            HttpClient http = client(cacert);
            String authorization = authorization(http);
            String base = url.toString().replaceAll("/+$", "");
            String objectsPath = base + "/taxii2/concord/collections/" + collection + "/objects/";

            out.printf(Locale.ROOT, "concord bench taxii: %,d new objects to %s in envelopes of %d, then a paged read in pages of %d%n",
                    objects, objectsPath, batch, page);
            List<List<ObjectNode>> envelopes = new ArrayList<>();
            TaxiiWorkload workload = new TaxiiWorkload(System.nanoTime());
            for (int posted = 0; posted < objects; posted += batch) {
                envelopes.add(workload.next(Math.min(batch, objects - posted)));
            }
            List<String> bodies = envelopes.stream().map(TaxiiWorkload::envelope).toList();
            long bytes = bodies.stream().mapToLong(String::length).sum();
            out.printf(Locale.ROOT, "workload: %d envelopes, %,d bytes, %.0f bytes per object on average%n", bodies.size(), bytes,
                    (double) bytes / objects);

            // Ingest, serially, one envelope at a time, as the external workload does. The raw baseline writes
            // each envelope's rows right after the node took them, so that both meet the same load on a shared
            // machine and the same table size.
            long[] envelopeNanos = new long[bodies.size()];
            long[] rawNanos = new long[bodies.size()];
            RawBaseline raw = baselineDb == null ? null : new RawBaseline(baselineDb, baselineUser);
            NodeCpu.Reading cpuBefore = nodePid == null ? null : NodeCpu.read(nodePid);
            long t0 = System.nanoTime();
            long rawTotal = 0;
            for (int i = 0; i < bodies.size(); i++) {
                long s = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(objectsPath)).timeout(Duration.ofMinutes(5))
                        .header("Authorization", authorization).header("Accept", TAXII).header("Content-Type", TAXII)
                        .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build(), HttpResponse.BodyHandlers.ofString());
                envelopeNanos[i] = System.nanoTime() - s;
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("envelope " + i + ": HTTP " + response.statusCode() + " " + head(response.body()));
                }
                JsonNode status = JSON.readTree(response.body());
                if (status.path("success_count").asInt() != envelopes.get(i).size()) {
                    throw new IllegalStateException("envelope " + i + ": " + status.path("failure_count").asInt() + " refused, e.g. "
                            + head(status.path("failures").toString()));
                }
                if (raw != null) {
                    rawNanos[i] = raw.write(envelopes.get(i));
                    rawTotal += rawNanos[i];
                }
            }
            double ingestSeconds = (System.nanoTime() - t0 - rawTotal) / 1e9;
            java.util.Map<String, Long> nodeTicks = nodePid == null ? null : NodeCpu.read(nodePid).since(cpuBefore);
            if (raw != null) {
                raw.close();
            }
            double ingestRate = objects / ingestSeconds;

            long stored = -1;
            double readRate = 0;
            long[] pageNanos = new long[0];
            double readSeconds = 0;
            if (!noRead) {
                List<Long> pages = new ArrayList<>();
                long count = 0;
                String next = null;
                long r0 = System.nanoTime();
                do {
                    String query = "?limit=" + page + (next == null ? "" : "&next=" + next);
                    long s = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(objectsPath + query))
                            .timeout(Duration.ofMinutes(5)).header("Authorization", authorization).header("Accept", TAXII).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("page " + pages.size() + ": HTTP " + response.statusCode() + " " + head(response.body()));
                    }
                    JsonNode envelope = JSON.readTree(response.body());
                    pages.add(System.nanoTime() - s);
                    count += envelope.path("objects").size();
                    next = envelope.path("more").asBoolean(false) ? envelope.path("next").asString(null) : null;
                } while (next != null);
                readSeconds = (System.nanoTime() - r0) / 1e9;
                stored = count;
                readRate = count / readSeconds;
                pageNanos = pages.stream().mapToLong(Long::longValue).toArray();
            }

            out.println();
            out.printf(Locale.ROOT, "ingest: %,d objects in %d envelopes in %.2f s: %,.0f objects/s; per envelope p50 %.1f ms, p99 %.1f ms%n",
                    objects, bodies.size(), ingestSeconds, ingestRate, percentile(envelopeNanos, 50), percentile(envelopeNanos, 99));
            if (nodeTicks != null) {
                out.println("node CPU over the ingest (/proc, process " + nodePid + "): " + NodeCpu.perObject(nodeTicks, objects));
            }
            long before = stored < 0 ? -1 : stored - objects;
            out.println("ingest as the store grew:");
            out.println("| stored before | stored after | objects/s | envelope p50 ms | envelope p99 ms |" + (raw == null ? "" : " raw objects/s | ingest / raw |"));
            out.println("| --- | --- | --- | --- | --- |" + (raw == null ? "" : " --- | --- |"));
            int perWindow = Math.max(1, (bodies.size() + windows - 1) / windows);
            int done = 0;
            for (int w = 0; w * perWindow < bodies.size(); w++) {
                int from = w * perWindow;
                int to = Math.min(bodies.size(), from + perWindow);
                long[] slice = Arrays.copyOfRange(envelopeNanos, from, to);
                int n = 0;
                for (int i = from; i < to; i++) {
                    n += envelopes.get(i).size();
                }
                double seconds = Arrays.stream(slice).sum() / 1e9;
                out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.1f | %.1f |", size(before, done), size(before, done + n), n / seconds,
                        percentile(slice, 50), percentile(slice, 99));
                if (raw != null) {
                    double rawSeconds = Arrays.stream(rawNanos, from, to).sum() / 1e9;
                    out.printf(Locale.ROOT, " %,.0f | %.2f |", n / rawSeconds, rawSeconds / seconds);
                }
                out.println();
                done += n;
            }
            if (!noRead) {
                out.printf(Locale.ROOT, "read: %,d objects in %d pages in %.2f s: %,.0f objects/s; per page p50 %.1f ms, p99 %.1f ms%n",
                        stored, pageNanos.length, readSeconds, readRate, percentile(pageNanos, 50), percentile(pageNanos, 99));
                out.printf(Locale.ROOT, "store size: %,d objects in the collection (%,d before this run)%n", stored, before);
            }
            if (raw != null) {
                double rawRate = objects / (rawTotal / 1e9);
                out.printf(Locale.ROOT, "raw baseline (%s of the same rows into a table of the store's columns with its primary key only,"
                        + " one transaction per envelope, right after each POST): %,.0f objects/s; ingest is %.2f x the raw baseline%n",
                        raw.postgres ? "COPY" : "batched INSERT", rawRate, ingestRate / rawRate);
            }
            out.flush();
            return 0;
        }

        private static String size(long before, long posted) {
            return before < 0 ? "+" + String.format(Locale.ROOT, "%,d", posted) : String.format(Locale.ROOT, "%,d", before + posted);
        }

        private String authorization(HttpClient http) throws Exception {
            if (tokenStdin) {
                if (user != null) {
                    throw new InvalidInput("--token-stdin", "exclusive", "give either --token-stdin or --user, not both");
                }
                return "Bearer " + stdinLine("--token-stdin");
            }
            if (user == null) {
                throw new InvalidInput("--user", "required", "give --user NAME (with --password-stdin or CONCORD_PASSWORD) or --token-stdin");
            }
            String password = passwordStdin ? stdinLine("--password-stdin") : System.getenv("CONCORD_PASSWORD");
            if (password == null || password.isEmpty()) {
                throw new InvalidInput("--password-stdin", "required", "no password: give it on standard input with --password-stdin,"
                        + " or in CONCORD_PASSWORD");
            }
            String basicHeader = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            if (basic) {
                return basicHeader;
            }
            String base = url.toString().replaceAll("/+$", "");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/tokens")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", basicHeader).header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"concord bench taxii\",\"hours\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST /api/tokens as " + user + ": HTTP " + response.statusCode() + " " + head(response.body()));
            }
            return "Bearer " + JSON.readTree(response.body()).path("token").asString();
        }

        private static String stdinLine(String option) throws java.io.IOException {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw new InvalidInput(option, "required", "nothing on standard input");
            }
            return line.strip();
        }

        /** The columns the store writes for an object, up to source_party, as text (null: SQL null). */
        static String[] columns(ObjectNode o) {
            StringBuilder refs = new StringBuilder();
            for (String name : List.of("source_ref", "target_ref")) {
                if (o.has(name)) {
                    refs.append(refs.isEmpty() ? "" : " ").append(o.path(name).asString());
                }
            }
            o.path("object_refs").forEach(r -> refs.append(refs.isEmpty() ? "" : " ").append(r.asString()));
            String marking = o.path("object_marking_refs").path(0).asString(null);
            return new String[] {"intel", o.path("id").asString(), o.path("type").asString(), "2.1", o.path("modified").asString(),
                o.path("modified").asString(), o.path("created_by_ref").asString(null), "false", null, null, "GREEN", marking,
                refs.isEmpty() ? null : refs.toString(), null};
        }

        static String copyText(String value) {
            return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }
    }

    /**
     * The raw baseline: the same rows, with the columns the store keeps, written straight into a
     * scratch table with only its primary key (created here, dropped at the end), one transaction
     * per envelope: PostgreSQL by COPY, any other database (H2) by a batched INSERT.
     */
    static final class RawBaseline implements AutoCloseable {
        private static final String TABLE = "concord_bench_raw";
        private static final String COLUMNS = "collection, id, type, spec_version, version, version_key, created_by_ref, revoked,"
                + " confidence, source_reliability, tlp, marking_refs, refs, source_party, date_added, is_current, object";
        final boolean postgres;
        private final Connection connection;

        RawBaseline(String url, String user) throws SQLException {
            this.postgres = url.startsWith("jdbc:postgresql:");
            String password = System.getenv("CONCORD_BASELINE_DB_PASSWORD");
            this.connection = DriverManager.getConnection(url, user != null ? user : postgres ? null : "sa", password == null ? "" : password);
            try (Statement s = connection.createStatement()) {
                s.execute("drop table if exists " + TABLE);
                s.execute("create table " + TABLE + " (seq bigint generated by default as identity primary key,"
                        + " collection varchar(16) not null, id varchar(200) not null, type varchar(100) not null,"
                        + " spec_version varchar(10) not null, version varchar(40) not null, version_key varchar(40) not null,"
                        + " created_by_ref varchar(200), revoked boolean not null, confidence integer, source_reliability varchar(1),"
                        + " tlp varchar(16), marking_refs text, refs text, source_party varchar(2),"
                        + " date_added timestamp with time zone not null, is_current boolean not null, object text not null)");
            }
            connection.setAutoCommit(false);
        }

        /** Writes one envelope's rows and commits; returns the nanoseconds it took. */
        long write(List<ObjectNode> envelope) throws SQLException, java.io.IOException {
            long t0 = System.nanoTime();
            Timestamp added = Timestamp.from(Instant.now());
            if (postgres) {
                StringBuilder rows = new StringBuilder(envelope.size() * 900);
                for (ObjectNode o : envelope) {
                    String[] c = Taxii.columns(o);
                    for (int i = 0; i < c.length; i++) {
                        rows.append(i == 0 ? "" : "\t").append(c[i] == null ? "\\N" : Taxii.copyText(c[i]));
                    }
                    rows.append('\t').append(added.toInstant()).append("\ttrue\t").append(Taxii.copyText(JSON.writeValueAsString(o)))
                            .append('\n');
                }
                connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                        .copyIn("copy " + TABLE + " (" + COLUMNS + ") from stdin", new StringReader(rows.toString()));
            } else {
                try (PreparedStatement insert = connection.prepareStatement("insert into " + TABLE + " (" + COLUMNS + ")"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (ObjectNode o : envelope) {
                        String[] c = Taxii.columns(o);
                        for (int i = 0; i < c.length; i++) {
                            if (i == 7) {
                                insert.setBoolean(8, Boolean.parseBoolean(c[i]));
                            } else if (i == 8) {
                                insert.setObject(9, null, java.sql.Types.INTEGER);
                            } else {
                                insert.setString(i + 1, c[i]);
                            }
                        }
                        insert.setTimestamp(15, added);
                        insert.setBoolean(16, true);
                        insert.setString(17, JSON.writeValueAsString(o));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            connection.commit();
            return System.nanoTime() - t0;
        }

        @Override
        public void close() throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute("drop table " + TABLE);
            }
            connection.commit();
            connection.close();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static HttpClient client(Path cacert) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        if (cacert != null) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (var in = Files.newInputStream(cacert)) {
                int i = 0;
                for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trust.setCertificateEntry("node-" + i++, certificate);
                }
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trustManagers.getTrustManagers(), null);
            builder.sslContext(ssl);
        }
        return builder.build();
    }

    /** The p-th percentile (nearest rank) in milliseconds. */
    static double percentile(long[] nanos, int p) {
        if (nanos.length == 0) {
            return 0;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private static String head(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
