package org.concord.console;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.concord.deconfliction.DeconflictionMap;
import org.concord.intel.stix.Tlp;
import org.concord.party.Pairing;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.requests.EvidenceRef;
import org.concord.requests.RequestForAction;
import org.concord.requests.RequestMessage;
import org.concord.requests.RequestType;
import org.concord.requests.RequestedAction;
import org.concord.requests.Urgency;
import org.concord.testing.Https;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.concord.workflow.StixId;
import org.concord.workflow.Workflow;

import tools.jackson.databind.json.JsonMapper;

/**
 * A load run of the console's pages (not a test): how long a node takes to render the desk with
 * {@code n} open cases and the map with {@code n} notices, server side, as the browser asks for them
 * (HTTPS, the session cookie of a form login), one request at a time. Each page is first measured
 * on the empty store (the baseline of the same run), then after {@code n} open requests for action
 * (PK's, awaiting IR) and {@code n} operation notices are stored through the nodes' own services.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests test -Dbench.main=org.concord.console.ConsolePageLoad -Dbench="10000 h2"}
 * ({@code postgres} for PostgreSQL at 127.0.0.1:5432).
 */
public final class ConsolePageLoad {

    private static final int WARM_UP = Integer.getInteger("bench.warmup", 30);
    private static final int MEASURED = Integer.getInteger("bench.rounds", 200);

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        TestNode.Store store = args.length > 1 && args[1].equalsIgnoreCase("postgres") ? TestNode.Store.POSTGRES : TestNode.Store.H2;
        Map<String, Object> quiet = Map.of("logging.level.root", "WARN", "logging.level.org.concord", "WARN");
        TestNode pk = TestNode.start("PK", "Pakistan", store, null, null, quiet);
        TestNode ir = TestNode.start("IR", "Islamic Republic of Iran", store, null, null, quiet);
        try {
            pk.bean(Pairing.class).pair(ir.identity().pairingRecord(), "bench", false);
            ir.bean(Pairing.class).pair(pk.identity().pairingRecord(), "bench", false);
            Https https = Https.to(pk);
            String session = logIn(https, pk.username(Role.LIAISON), pk.password(Role.LIAISON));
            List<String> pages = System.getProperty("bench.pages") != null
                    ? List.of(System.getProperty("bench.pages").split(","))
                    : List.of("/console/desk", "/console/desk/cases", "/console/map", "/console/map/layers/notices");
            System.out.printf("store %s, %d open cases and %d notices; %d requests per page after %d to warm up%n", store, n, n,
                    MEASURED, WARM_UP);
            Map<String, double[]> empty = measure(https, session, pages);
            long seeding = System.nanoTime();
            seedRequests(pk, n);
            System.out.printf("seeded %d open requests in %.1f s%n", n, (System.nanoTime() - seeding) / 1e9);
            seeding = System.nanoTime();
            seedNotices(pk, n);
            System.out.printf("seeded %d notices in %.1f s%n", n, (System.nanoTime() - seeding) / 1e9);
            System.out.println("| page | empty store p50 / p95 (ms) | with " + n + " p50 / p95 / max (ms) | bytes |");
            System.out.println("| --- | --- | --- | --- |");
            String desk = get(https, session, "/console/desk").body();
            if (pages.contains("/console/desk") && !desk.contains("Awaiting the partner (" + n + ")") || !desk.contains("all " + n + " in the list of cases")) {
                throw new IllegalStateException("the desk does not count the " + n + " open requests or link to them");
            }
            Map<String, double[]> loaded = measure(https, session, pages);
            if (store == TestNode.Store.POSTGRES && Boolean.getBoolean("bench.trace")) {
                traceOneDesk(https, session);
            }
            for (String page : pages) {
                double[] full = loaded.get(page);
                double[] base = empty.get(page);
                System.out.printf("| %s | %.1f / %.1f | %.1f / %.1f / %.1f | %,d |%n", page, base[0], base[1], full[0], full[1],
                        full[2], (long) full[3]);
            }
        } finally {
            pk.close();
            ir.close();
            if (store == TestNode.Store.POSTGRES) {
                Postgres.dropSchema(pk.schema());
                Postgres.dropSchema(ir.schema());
            }
        }
    }

    /**
     * Per page: p50, p95, max in milliseconds, and the body's size, of {@link #MEASURED} GETs after
     * {@link #WARM_UP}, the pages taken in turn (one round asks each page once) so that the machine's
     * noise falls on all of them alike.
     */
    static Map<String, double[]> measure(Https https, String session, List<String> pages) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            for (String page : pages) {
                get(https, session, page);
            }
        }
        Map<String, double[]> ms = new java.util.LinkedHashMap<>();
        Map<String, Long> bytes = new java.util.HashMap<>();
        pages.forEach(p -> ms.put(p, new double[MEASURED]));
        for (int i = 0; i < MEASURED; i++) {
            for (String page : pages) {
                long start = System.nanoTime();
                bytes.put(page, (long) get(https, session, page).body().length());
                ms.get(page)[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        for (String page : pages) {
            double[] sorted = ms.get(page);
            Arrays.sort(sorted);
            out.put(page, new double[] {sorted[MEASURED / 2], sorted[(int) Math.ceil(MEASURED * 0.95) - 1], sorted[MEASURED - 1],
                    bytes.get(page)});
        }
        return out;
    }

    /**
     * With {@code -Dbench.trace=true} on PostgreSQL: every statement of one desk render, with its
     * duration, in the server's log ({@code log_min_duration_statement = 0} for that one request).
     */
    private static void traceOneDesk(Https https, String session) throws Exception {
        try (java.sql.Connection c = Postgres.connect(); java.sql.Statement s = c.createStatement()) {
            s.execute("alter system set log_min_duration_statement = 0");
            s.execute("select pg_reload_conf()");
            Thread.sleep(500);
            try {
                get(https, session, "/console/desk");
            } finally {
                s.execute("alter system reset log_min_duration_statement");
                s.execute("select pg_reload_conf()");
            }
        }
    }

    private static HttpResponse<String> get(Https https, String session, String page) throws Exception {
        HttpResponse<String> response = https.get(page, "Cookie", session);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(page + " answered " + response.statusCode());
        }
        return response;
    }

    /** {@code n} of PK's requests for action to IR, open (sent, not yet acknowledged), through the workflow's seeding. */
    static void seedRequests(TestNode pk, int n) {
        Workflow workflow = pk.bean(Workflow.class);
        RequestType type = pk.bean(RequestType.class);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int batch = 1000;
        for (int from = 0; from < n; from += batch) {
            List<RequestMessage> messages = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + batch); i++) {
                StixId id = StixId.of("x-concord-request-message--" + java.util.UUID.randomUUID());
                messages.add(RequestMessage.Request.of(id, PartyCode.of("PK"), PartyCode.of("IR"), now.minusSeconds(i),
                        new RequestForAction(List.of(StixId.of("intrusion-set--" + java.util.UUID.randomUUID())),
                                List.of(EvidenceRef.of(StixId.of("report--" + java.util.UUID.randomUUID()))),
                                RequestedAction.of(RequestedAction.Kind.DISMANTLE_HIDEOUT, "hideout " + i + " near Saravan"),
                                i % 3 == 0 ? Urgency.URGENT : Urgency.ROUTINE, "Load run request " + i)));
            }
            workflow.seed(type, messages, Tlp.AMBER);
        }
    }

    /** {@code n} of PK's border-patrol notices inside Pakistan near the border with Iran, sent through the map's own service. */
    static void seedNotices(TestNode pk, int n) {
        DeconflictionMap map = pk.bean(DeconflictionMap.class);
        JsonMapper json = JsonMapper.builder().build();
        Random random = new Random(20240116);
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < n; i++) {
            double lon = 63.7 + random.nextDouble() * 0.9;
            double lat = 26.3 + random.nextDouble() * 1.0;
            String notice = """
                    {"partner": "IR", "type": "BORDER_PATROL",
                     "area": {"centre": {"type": "Point", "coordinates": [%.4f, %.4f]}, "radiusKm": 2},
                     "window": {"start": "%s", "end": "%s"},
                     "contact": {"name": "Duty officer, Frontier Corps", "channel": "Concord hotline, desk 2"},
                     "classification": "AMBER_STRICT"}""".formatted(lon, lat, start, start.plus(Duration.ofHours(12)));
            DeconflictionMap.Evaluated evaluated = map.notice(json.readTree(notice), "bench", false);
            if (!evaluated.sent()) {
                throw new IllegalStateException("notice " + i + " not sent: " + evaluated.json());
            }
        }
    }

    static String logIn(Https https, String username, String password) throws Exception {
        HttpResponse<String> page = https.get("/login");
        String cookie = page.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        HttpResponse<String> in = https.send("POST", "/login", "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie);
        String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow(() -> new IllegalStateException("login failed: "
                + in.statusCode()));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
