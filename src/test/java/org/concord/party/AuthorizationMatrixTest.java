package org.concord.party;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.concord.testing.ClockedNodes;
import org.concord.testing.Https;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization matrix: every endpoint a caller can reach on a real node, called by every kind
 * of caller (nobody, the paired partner node, a user of each role, and a user whose token has
 * expired), against the one table that says what each of them must get:
 * {@value #TABLE} (its header explains the format).
 *
 * <p>"Every endpoint" is the union of the node's OpenAPI document ({@code /v3/api-docs}) and of
 * every mapping its dispatcher servlet serves (controllers, TAXII, the ledger, actuator, static
 * resources), so that an endpoint missing from the document does not escape the matrix either.
 * {@link #everyEndpointHasARowAndEveryRowAnEndpoint} fails naming each endpoint without a row (with
 * what each caller gets now, for the reviewer to check against the rule before adding it) and each
 * row whose endpoint is gone. {@link #eachCallerGetsWhatTheTableSays} runs once per row.
 */
class AuthorizationMatrixTest {

    static final String TABLE = "authorization-matrix.txt";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A syntactically valid id that names nothing on the node: a request for it can read or change nothing. */
    static final String UNKNOWN_ID = "0f0e0d0c-0b0a-4909-8807-060504030201";
    static final String TAXII = "application/taxii+json;version=2.1";

    /** The callers, in the order of the table's columns after method and path. */
    enum Who {
        NOBODY("nobody"), PARTNER("partner"), ADMIN("ADMIN"), LIAISON("LIAISON"), ANALYST("ANALYST"), VIEWER("VIEWER"),
        EXPIRED("expired");

        final String column;

        Who(String column) {
            this.column = column;
        }

        /** The status a refusal of this caller has: it is not authenticated (401) or may not do this (403). */
        int refusal() {
            return this == NOBODY || this == EXPIRED ? 401 : 403;
        }
    }

    /** What a cell expects: {@code deny}, {@code allow}, or one exact status. */
    record Expected(String text) {
        static Expected parse(String text) {
            if (text.equals("deny") || text.equals("allow") || text.matches("[1-5][0-9][0-9]")) {
                return new Expected(text);
            }
            throw new IllegalArgumentException("a cell is 'deny', 'allow' or a status code like 404, not '" + text + "'");
        }

        boolean holds(Who caller, int status) {
            return switch (text) {
                case "deny" -> status == caller.refusal();
                case "allow" -> status != 401 && status != 403;
                default -> status == Integer.parseInt(text);
            };
        }

        boolean expectsRefusal() {
            return text.equals("deny") || text.equals("401") || text.equals("403");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The request a row sends: a path (with query) and, for methods with a body, a body. */
    record Request(String target, String body) {
    }

    /** One line of the table. */
    record Row(int line, String method, String path, Map<Who, Expected> expected, Request request, boolean explicitRequest) {
        Endpoint endpoint() {
            return new Endpoint(method, path);
        }

        @Override
        public String toString() {
            return method + " " + (explicitRequest ? request.target() : path);
        }
    }

    /** A (method, path pattern) a caller can reach. */
    record Endpoint(String method, String path) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint other) {
            int byPath = path.compareTo(other.path);
            return byPath != 0 ? byPath : method.compareTo(other.method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static ClockedNodes nodes;
    static Map<Who, Https> clients;
    static Map<Who, String[]> credentials;
    static ExecutorService pool;
    /** Content types of request bodies, per endpoint, from the OpenAPI document. */
    static Map<Endpoint, String> bodyTypes = new TreeMap<>();
    static Set<Endpoint> documented;
    static Set<Endpoint> mapped;

    @BeforeAll
    static void startPairedNodesAndTheirCallers() throws Exception {
        // The expired token fails once per row; failed-login throttling (429 after a few failures from one
        // address, docs/security.md) is not what this matrix is about, so it is set out of reach here.
        nodes = new ClockedNodes(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                Map.of("concord.login-throttle.address-failures", 1_000_000, "concord.login-throttle.account-failures", 1_000_000));
        pool = Executors.newFixedThreadPool(8);
        CallersOfPk callers = new CallersOfPk(nodes);
        clients = callers.clients;
        credentials = callers.credentials;
        // The expired token worked while it lived: its 401s below are its expiry, not a malformed token.
        String[] expiring = {"Authorization", "Bearer " + callers.token(Role.ADMIN, 1)};
        assertThat(clients.get(Who.EXPIRED).get("/api/whoami", expiring).statusCode()).isEqualTo(200);
        for (Role role : Role.values()) {
            credentials.put(Who.valueOf(role.name()), new String[] {"Authorization", "Bearer " + callers.token(role, 24)});
        }
        nodes.clock.advance(Duration.ofHours(1).plusMinutes(1));
        credentials.put(Who.EXPIRED, expiring);
        assertThat(clients.get(Who.EXPIRED).get("/api/whoami", expiring).statusCode()).isEqualTo(401);
        documented = documented();
        mapped = mapped();
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    /** The callers of PK: with no credentials, IR's pinned certificate, a token per role, and an admin token that expires. */
    static final class CallersOfPk {
        final Map<Who, Https> clients = new EnumMap<>(Who.class);
        final Map<Who, String[]> credentials = new EnumMap<>(Who.class);
        private final ClockedNodes nodes;

        CallersOfPk(ClockedNodes nodes) {
            this.nodes = nodes;
            Https plain = Https.to(nodes.pk);
            for (Who caller : Who.values()) {
                clients.put(caller, caller == Who.PARTNER ? Https.asPartner(nodes.ir, nodes.pk) : plain);
                credentials.put(caller, new String[0]);
            }
        }

        /** A bearer token of the user with {@code role}, issued over the API as a script would get it. */
        String token(Role role, int hours) throws IOException, InterruptedException {
            String[] basic = Https.basic(nodes.pk.username(role), nodes.pk.password(role));
            HttpResponse<String> issued = Https.to(nodes.pk).send("POST", "/api/tokens",
                    "{\"label\":\"authorization matrix\",\"hours\":" + hours + "}", basic[0], basic[1], "Content-Type", "application/json");
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            return JSON.readTree(issued.body()).get("token").asString();
        }
    }

    // ---------------------------------------------------------------- the table

    static List<Row> table() {
        try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream("/" + TABLE)) {
            if (in == null) {
                throw new IllegalStateException(TABLE + " is not on the test class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        Set<String> seen = new LinkedHashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("\\s+#.*$", "").strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (header == null) {
                header = Arrays.asList(line.split("\\s+"));
                List<String> wanted = new ArrayList<>(List.of("method", "path"));
                Arrays.stream(Who.values()).map(c -> c.column).forEach(wanted::add);
                wanted.add("request");
                if (!header.equals(wanted)) {
                    throw new IllegalStateException(TABLE + ":" + number + ": the header must be " + String.join(" ", wanted)
                            + " (a new role needs its column), not " + line);
                }
                continue;
            }
            String[] cells = line.split("\\s+", Who.values().length + 3);
            if (cells.length < Who.values().length + 2) {
                throw new IllegalStateException(TABLE + ":" + number + ": a row has a method, a path and "
                        + Who.values().length + " cells, then optionally the request: " + line);
            }
            String method = cells[0];
            if (!method.matches("GET|POST|PUT|PATCH|DELETE|ANY")) {
                throw new IllegalStateException(TABLE + ":" + number + ": unknown method " + method);
            }
            Map<Who, Expected> expected = new EnumMap<>(Who.class);
            for (Who caller : Who.values()) {
                try {
                    expected.put(caller, Expected.parse(cells[2 + caller.ordinal()]));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(TABLE + ":" + number + ", column " + caller.column + ": " + e.getMessage());
                }
            }
            if (!expected.get(Who.EXPIRED).expectsRefusal() || expected.get(Who.EXPIRED).text().equals("403")) {
                throw new IllegalStateException(TABLE + ":" + number + ": an expired token is refused everywhere: its cell is 'deny'");
            }
            boolean explicit = cells.length > Who.values().length + 2;
            Request request;
            try {
                request = explicit ? request(method, cells[1], cells[Who.values().length + 2]) : defaultRequest(method, cells[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(TABLE + ":" + number + ", column request: " + e.getMessage());
            }
            if (!seen.add(method + " " + request.target())) {
                throw new IllegalStateException(TABLE + ":" + number + ": " + method + " " + request.target() + " has two rows");
            }
            rows.add(new Row(number, method, cells[1], expected, request, explicit));
        }
        if (header == null) {
            throw new IllegalStateException(TABLE + " has no header");
        }
        return rows;
    }

    /**
     * The request column: space-separated {@code name=value} (fills the path variable {@code {name}}, or {@code **}),
     * {@code ?query} (appended to the path) and {@code body=TEXT} (the body, without spaces).
     */
    static Request request(String method, String path, String text) {
        String target = path;
        String query = "";
        String body = null;
        for (String item : text.split("\\s+")) {
            if (item.startsWith("?")) {
                query = item;
            } else if (item.startsWith("body=")) {
                body = item.substring("body=".length());
            } else if (item.contains("=")) {
                String name = item.substring(0, item.indexOf('='));
                String value = item.substring(item.indexOf('=') + 1);
                String filled = name.equals("**") ? target.replace("/**", "/" + value)
                        : target.replaceAll("\\{\\*?" + Pattern.quote(name) + "(:[^}]*)?}", Matcher.quoteReplacement(value));
                if (filled.equals(target)) {
                    throw new IllegalArgumentException("the path " + path + " has no variable " + name);
                }
                target = filled;
            } else {
                throw new IllegalArgumentException("'" + item + "' is not name=value, ?query or body=TEXT");
            }
        }
        Request defaults = defaultRequest(method, target);
        return new Request(defaults.target() + query, body != null ? body : defaults.body());
    }

    /** The path with each variable left unfilled given an id that names nothing, and an empty JSON object as the body. */
    static Request defaultRequest(String method, String path) {
        String target = path.replaceAll("\\{\\*[^}]+}", "unknown").replaceAll("\\{[^}]+}", UNKNOWN_ID)
                .replace("/**", "/not-an-endpoint").replace("/*", "/not-an-endpoint");
        return new Request(target, List.of("POST", "PUT", "PATCH").contains(method) ? "{}" : null);
    }

    // ---------------------------------------------------------------- the endpoints that exist

    /** Every (method, path) of the OpenAPI document, read as an administrator. */
    static Set<Endpoint> documented() throws Exception {
        HttpResponse<String> response = clients.get(Who.ADMIN).get("/v3/api-docs", credentials.get(Who.ADMIN));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> path : JSON.readTree(response.body()).get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                Endpoint endpoint = new Endpoint(method, path.getKey());
                endpoints.add(endpoint);
                JsonNode content = operation.getValue().path("requestBody").path("content");
                if (content.isObject() && !content.isEmpty()) {
                    bodyTypes.put(endpoint, content.propertyNames().iterator().next());
                }
            }
        }
        return endpoints;
    }

    private static final Pattern REGEX_VARIABLE = Pattern.compile("\\{([^}:]+):[^}]*}");

    /** Every (method, path pattern) the node's dispatcher servlet maps, whether or not the document shows it. */
    static Set<Endpoint> mapped() {
        List<HandlerMapping> mappings = nodes.pk.bean(DispatcherServlet.class).getHandlerMappings();
        assertThat(mappings).as("the dispatcher servlet has served a request, so its mappings are set up").isNotNull();
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (HandlerMapping mapping : mappings) {
            if (mapping instanceof RequestMappingInfoHandlerMapping infos) {
                for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : infos.getHandlerMethods().entrySet()) {
                    Set<String> methods = entry.getKey().getMethodsCondition().getMethods().stream().map(Enum::name)
                            .collect(Collectors.toCollection(LinkedHashSet::new));
                    if (methods.isEmpty()) {
                        methods.add("ANY");
                    }
                    for (String pattern : entry.getKey().getPatternValues()) {
                        Matcher matcher = REGEX_VARIABLE.matcher(pattern);
                        String path = matcher.replaceAll("{$1}");
                        methods.forEach(method -> endpoints.add(new Endpoint(method, path)));
                    }
                }
            } else if (mapping instanceof AbstractUrlHandlerMapping urls) {
                urls.getHandlerMap().keySet().forEach(path -> endpoints.add(new Endpoint("GET", path)));
            }
        }
        return endpoints;
    }

    // ---------------------------------------------------------------- the tests

    @Test
    void everyEndpointHasARowAndEveryRowAnEndpoint() throws Exception {
        assertThat(coverageReport(table())).as("the authorization matrix and the endpoints of the node").isEmpty();
    }

    static Stream<Row> rows() {
        return table().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachCallerGetsWhatTheTableSays(Row row) throws Exception {
        assertThat(cellReport(row)).as("what each caller gets from " + row).isEmpty();
    }

    /** The test itself: an endpoint without its row, a row without its endpoint and a wrong cell are each named. */
    @Test
    void aMissingRowAStaleRowAndAWrongCellAreEachNamed() throws Exception {
        List<Row> rows = new ArrayList<>(table());
        assertThat(rows.removeIf(row -> row.endpoint().equals(new Endpoint("GET", "/api/audit")))).isTrue();
        rows.addAll(parse(String.join(" ", "method path", Arrays.stream(Who.values()).map(w -> w.column).collect(Collectors.joining(" ")),
                "request") + "\nDELETE /api/gone/{id} deny deny allow deny deny deny deny   # a removed endpoint\n"));
        String report = coverageReport(rows);
        assertThat(report).contains("(a) 1 endpoint(s) have no row")
                .containsPattern("GET +/api/audit +deny +deny +allow +deny +deny +deny +deny +# got 401 403 200 403 403 403 401")
                .contains("(b) 1 row(s) name an endpoint that no longer exists").contains("DELETE /api/gone/{id}");

        Row wrong = parse(String.join(" ", "method path", Arrays.stream(Who.values()).map(w -> w.column).collect(Collectors.joining(" ")),
                "request") + "\nGET /api/users deny deny allow allow deny deny deny\n").get(0);
        assertThat(cellReport(wrong)).contains("(c)").contains("GET /api/users by LIAISON: expected allow, got 403")
                .doesNotContain("by ANALYST");
    }

    /**
     * The doors open to more callers than the rest ({@code /actuator/health} to anyone, {@code /error}, the
     * TAXII and ledger paths to the partner) do not lead elsewhere when the path is spelt to climb out of
     * them: dot segments, encoded dots and slashes, path parameters, doubled slashes, other case.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "/actuator/health/../prometheus", "/actuator/health/%2e%2e/prometheus", "/actuator/health/..%2fprometheus",
        "/actuator/health;x=y/../prometheus", "/actuator/health/..;/prometheus", "//actuator/prometheus",
        "/actuator/health/../../api/users", "/error/../api/audit", "/error;/../api/audit", "/ERROR/../api/audit",
        "/taxii2/../api/users", "/taxii2/..;/api/users", "/taxii2/%2e%2e/api/users", "/ledger/checkpoint/../../api/audit",
        "/api/whoami/../users", "/api/whoami/..%2fusers", "/API/users", "/api/users/", "/api/users;x", "/api//users",
        "/ledger/cosignatures/", "/LEDGER/cosignatures"})
    void aPathSpeltToClimbOutOfAnOpenEndpointReachesNothing(String target) throws Exception {
        Map<Who, HttpResponse<String>> responses = callAll("GET", new Request(target, null), "application/json");
        StringBuilder report = new StringBuilder();
        for (Who caller : Who.values()) {
            HttpResponse<String> response = responses.get(caller);
            if (response.statusCode() < 400 || response.statusCode() >= 500) {
                report.append(caller.column).append(" got ").append(response.statusCode()).append(' ').append(excerpt(response.body())).append('\n');
            }
        }
        assertThat(report.toString()).as("GET " + target).isEmpty();
    }

    /** (a) every endpoint the node serves without a row, with what each caller gets now; (b) every row whose endpoint is gone. */
    static String coverageReport(List<Row> table) throws Exception {
        Set<Endpoint> existing = new java.util.TreeSet<>(documented);
        existing.addAll(mapped);
        Set<Endpoint> inTable = table.stream().map(Row::endpoint).collect(Collectors.toSet());
        StringBuilder report = new StringBuilder();
        List<Endpoint> missing = existing.stream().filter(e -> !inTable.contains(e)).toList();
        if (!missing.isEmpty()) {
            report.append("(a) ").append(missing.size()).append(" endpoint(s) have no row in src/test/resources/").append(TABLE)
                    .append(". Each line below is what every caller gets now: check each cell against the rule")
                    .append(" (docs/security-issue9/authz.md) and write 'deny' where the caller must be refused, then add the line:\n");
            for (Endpoint endpoint : missing) {
                String where = documented.contains(endpoint) ? "in the OpenAPI document" : "served, not in the OpenAPI document";
                report.append(observedRow(endpoint)).append(", ").append(where).append('\n');
            }
        }
        List<Row> stale = table.stream().filter(row -> !existing.contains(row.endpoint())).toList();
        if (!stale.isEmpty()) {
            report.append("(b) ").append(stale.size()).append(" row(s) name an endpoint that no longer exists; remove them:\n");
            stale.forEach(row -> report.append("    ").append(TABLE).append(':').append(row.line()).append(": ")
                    .append(row.endpoint()).append('\n'));
        }
        return report.toString();
    }

    /** (c) every cell of {@code row} that differs from what its caller gets, and every refusal not in the shape of an error. */
    static String cellReport(Row row) throws Exception {
        Map<Who, HttpResponse<String>> responses = callAll(row.method(), row.request(), bodyType(row));
        StringBuilder report = new StringBuilder();
        for (Who caller : Who.values()) {
            HttpResponse<String> response = responses.get(caller);
            Expected expected = row.expected().get(caller);
            int status = response.statusCode();
            if (!expected.holds(caller, status)) {
                report.append("(c) ").append(TABLE).append(':').append(row.line()).append(": ").append(row)
                        .append(" by ").append(caller.column).append(": expected ").append(expected)
                        .append(expected.text().equals("deny") ? " (" + caller.refusal() + ")" : "")
                        .append(", got ").append(status).append(' ').append(excerpt(response.body())).append('\n');
            } else if (status == 401 || status == 403) {
                String problem = refusalShape(row.request().target(), response);
                if (problem != null) {
                    report.append(TABLE).append(':').append(row.line()).append(": ").append(row).append(" by ").append(caller.column)
                            .append(": the ").append(status).append(" is not a proper refusal: ").append(problem).append('\n');
                }
            }
        }
        return report.toString();
    }

    /** Null if the refusal is an RFC 9457 problem document (TAXII's error message under /taxii2), else what is wrong. */
    static String refusalShape(String target, HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return "the body is not JSON: " + excerpt(response.body());
        }
        if (target.startsWith("/taxii2")) {
            if (!type.startsWith("application/taxii+json") || !String.valueOf(response.statusCode()).equals(body.path("http_status").asString(""))
                    || body.path("title").asString("").isBlank()) {
                return "not a TAXII 2.1 error message (" + type + "): " + excerpt(response.body());
            }
            return null;
        }
        if (!type.startsWith("application/problem+json") || body.path("status").asInt(0) != response.statusCode()
                || body.path("title").asString("").isBlank() || body.path("detail").asString("").isBlank()) {
            return "not an RFC 9457 problem document (" + type + "): " + excerpt(response.body());
        }
        if (response.statusCode() == 401 && response.headers().firstValue("WWW-Authenticate").isEmpty()) {
            return "a 401 without WWW-Authenticate";
        }
        return null;
    }

    private static String bodyType(Row row) {
        if (row.request().target().startsWith("/taxii2")) {
            return TAXII;
        }
        return bodyTypes.getOrDefault(row.endpoint(), "application/json");
    }

    /** The same request by every caller, in parallel. */
    static Map<Who, HttpResponse<String>> callAll(String method, Request request, String bodyType) throws Exception {
        Map<Who, Future<HttpResponse<String>>> futures = new EnumMap<>(Who.class);
        String sent = method.equals("ANY") ? "GET" : method;
        for (Who caller : Who.values()) {
            List<String> headers = new ArrayList<>(List.of(credentials.get(caller)));
            if (request.target().startsWith("/taxii2")) {
                headers.addAll(List.of("Accept", TAXII));
            }
            if (request.body() != null) {
                headers.addAll(List.of("Content-Type", bodyType));
            }
            String body = request.body() == null ? null : bodyType.contains("json") ? request.body() : "";
            futures.put(caller, pool.submit(() -> clients.get(caller).send(sent, request.target(), body, headers.toArray(String[]::new))));
        }
        Map<Who, HttpResponse<String>> responses = new EnumMap<>(Who.class);
        for (Map.Entry<Who, Future<HttpResponse<String>>> future : futures.entrySet()) {
            responses.put(future.getKey(), future.getValue().get());
        }
        return responses;
    }

    /** A row for an endpoint without one, in the table's format, filled with what each caller gets now. */
    static String observedRow(Endpoint endpoint) throws Exception {
        Request request = defaultRequest(endpoint.method(), endpoint.path());
        Map<Who, HttpResponse<String>> responses = callAll(endpoint.method(), request,
                request.target().startsWith("/taxii2") ? TAXII : bodyTypes.getOrDefault(endpoint, "application/json"));
        StringBuilder row = new StringBuilder(String.format("%-7s %-72s", endpoint.method(), endpoint.path()));
        StringBuilder got = new StringBuilder();
        for (Who caller : Who.values()) {
            int status = responses.get(caller).statusCode();
            String cell = status == caller.refusal() ? "deny" : status == 401 || status == 403 ? String.valueOf(status) : "allow";
            row.append(String.format(" %-7s", cell));
            got.append(' ').append(status);
        }
        return row.toString().stripTrailing() + "    # got" + got;
    }

    private static String excerpt(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
