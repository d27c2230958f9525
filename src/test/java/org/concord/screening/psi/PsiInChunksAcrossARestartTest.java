package org.concord.screening.psi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.concord.party.Pairing;
import org.concord.party.Role;
import org.concord.screening.Watchlists;
import org.concord.testing.Eventually;
import org.concord.testing.Https;
import org.concord.testing.MovableClock;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sets sent in many chunks (four values a chunk here) between two real nodes: the intersection is
 * the naive one of the two lists' keys; chunks out of order, twice, past the announcement or holding
 * more or fewer values than announced are refused naming the field and rule; the requester's session
 * survives a restart of its node in the middle, and expires with its sealed key when nobody finishes it.
 */
class PsiInChunksAcrossARestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Object> FOUR_A_CHUNK = Map.of("concord.screening.psi.chunk-size", 4,
            "concord.screening.psi.max-sessions-per-day", 50);

    private static final Map<String, String> PK_LIST = new LinkedHashMap<>();
    private static final Map<String, String> IR_LIST = new LinkedHashMap<>();

    static {
        PK_LIST.put("PK-1", "JAISH AL-ADL");
        PK_LIST.put("PK-2", "Abdolmalek Rigi");
        PK_LIST.put("PK-3", "Baloch Liberation Army");
        PK_LIST.put("PK-4", "Lashkar-e-Jhangvi");
        PK_LIST.put("PK-5", "Tehrik-i-Taliban Pakistan");
        PK_LIST.put("PK-6", "Jundallah");
        PK_LIST.put("PK-7", "Baloch Liberation Front");
        PK_LIST.put("PK-8", "Sipah-e-Sahaba");
        IR_LIST.put("IR-1", "جيش العدل");
        IR_LIST.put("IR-2", "عبدالمالک ریگی");
        IR_LIST.put("IR-3", "Baluch Liberation Army");
        IR_LIST.put("IR-4", "Mujahedin-e Khalq");
        IR_LIST.put("IR-5", "Ansar al-Furqan");
        IR_LIST.put("IR-6", "جندالله");
        IR_LIST.put("IR-7", "Party of Free Life of Kurdistan");
    }

    private static MovableClock pkClock;
    private static TestNode pk;
    private static TestNode ir;

    @BeforeAll
    static void start() {
        pkClock = new MovableClock(Instant.now());
        pk = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, null, null, FOUR_A_CHUNK, pkClock);
        ir = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.POSTGRES, null, null, FOUR_A_CHUNK);
        pk.bean(Pairing.class).pair(ir.identity().pairingRecord(), "test", false);
        ir.bean(Pairing.class).pair(pk.identity().pairingRecord(), "test", false);
        pk.bean(Watchlists.class).importUnList("chunks-pk", un(PK_LIST));
        ir.bean(Watchlists.class).importUnList("chunks-ir", un(IR_LIST));
    }

    @AfterAll
    static void stop() {
        pk.close();
        ir.close();
        Postgres.dropSchema(pk.schema());
        Postgres.dropSchema(ir.schema());
    }

    @Test
    void aSessionInManyChunksFindsExactlyWhatTheNaiveIntersectionOfTheKeysFinds() throws Exception {
        List<PsiTranscript.Message> wire = new CopyOnWriteArrayList<>();
        String id;
        JsonNode done;
        try (AutoCloseable listening = pk.bean(PsiTranscript.class).listen(wire::add)) {
            id = request();
            done = accept(id);
        }
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("COMPLETED");
        int irKeys = keys(IR_LIST).size();
        int pkKeys = keys(PK_LIST).size();
        assertThat(wire.stream().filter(m -> m.path().contains("/blinded/")).count()).isEqualTo((irKeys + 3) / 4).isGreaterThan(3);
        assertThat(wire.stream().filter(m -> m.path().contains("/answer/")).count()).isEqualTo((pkKeys + 3) / 4);
        assertThat(wire.stream().filter(m -> m.path().contains("/reblinded/")).count()).isEqualTo((pkKeys + 3) / 4);
        assertThat(references(done)).containsExactlyInAnyOrderElementsOf(naiveMatches(IR_LIST, PK_LIST)).contains("IR-1", "IR-6");
        assertThat(references(read(pk, id))).containsExactlyInAnyOrderElementsOf(naiveMatches(PK_LIST, IR_LIST)).contains("PK-1", "PK-6");
        assertThat(stateRows(id)).isZero();
    }

    @Test
    void chunksOutOfOrderTwiceBeyondTheAnnouncementOrOffTheAnnouncedCountAreRefused() throws Exception {
        String id = request();
        Https ir = Https.asPartner(PsiInChunksAcrossARestartTest.ir, pk);
        String base = "/psi/sessions/" + id;
        List<String> values = Blinding.freshKey().blindKeys(List.of("latin:a", "latin:b", "latin:c", "latin:d", "latin:e", "latin:f"));
        assertProblem(post(ir, base + "/blinded", "{\"count\":5,\"chunks\":6}"), 400, "chunks", "range");
        assertProblem(post(ir, base + "/blinded", "{\"count\":0,\"chunks\":1}"), 400, "count", "positive");
        assertProblem(post(ir, base + "/blinded/0", chunk(values.subList(0, 3))), 409, "id", "replayed"); // not announced yet
        JsonNode announced = JSON.readTree(post(ir, base + "/blinded", "{\"count\":5,\"chunks\":2}").body());
        assertThat(announced.path("count").asInt()).isEqualTo(keys(PK_LIST).size());
        assertThat(announced.path("chunks").asInt()).isEqualTo((keys(PK_LIST).size() + 3) / 4);

        assertProblem(post(ir, base + "/blinded/1", chunk(values.subList(0, 3))), 409, "chunk", "out-of-order");
        assertProblem(post(ir, base + "/blinded/x", chunk(values.subList(0, 3))), 400, "chunk", "integer");
        assertProblem(post(ir, base + "/blinded/2", chunk(values.subList(0, 3))), 400, "chunk", "range");
        assertProblem(post(ir, base + "/blinded/0", chunk(List.of())), 400, "blinded", "empty");
        assertProblem(post(ir, base + "/blinded/0", chunk(values.subList(0, 5))), 400, "blinded", "count"); // none left for chunk 1
        assertThat(post(ir, base + "/blinded/0", chunk(values.subList(0, 3))).statusCode()).isEqualTo(200);
        assertProblem(post(ir, base + "/blinded/0", chunk(values.subList(0, 3))), 409, "chunk", "duplicate");
        assertProblem(post(ir, base + "/answer/0", "{}"), 409, "chunk", "out-of-order"); // chunk 1 is missing
        assertProblem(post(ir, base + "/blinded/1", chunk(values.subList(3, 6))), 400, "blinded", "count"); // 6 > 5
        assertProblem(post(ir, base + "/blinded/1", chunk(values.subList(3, 4))), 400, "blinded", "count"); // 4 < 5, and it is the last
        assertThat(post(ir, base + "/blinded/1", chunk(values.subList(3, 5))).statusCode()).isEqualTo(200);

        assertProblem(post(ir, base + "/reblinded/0", "{\"reblinded\":[]}"), 409, "chunk", "out-of-order"); // nothing served yet
        assertProblem(post(ir, base + "/answer/1", "{}"), 409, "chunk", "out-of-order");
        assertThat(post(ir, base + "/answer/0", "{}").statusCode()).isEqualTo(200);
        assertProblem(post(ir, base + "/answer/0", "{}"), 409, "chunk", "duplicate");
        assertThat(read(pk, id).path("state").asString()).isEqualTo("EXCHANGING");
    }

    @Test
    void theRequestersSessionSurvivesARestartOfItsNodeAndItsSealedKeyIsGoneOnceItsSetIsServed() throws Exception {
        // given PK's session, and IR's side played here step by step with IR's list
        String id = request();
        Https irAsPartner = Https.asPartner(ir, pk);
        String base = "/psi/sessions/" + id;
        List<String> irKeys = new ArrayList<>(keys(IR_LIST));
        Blinding.Key b = Blinding.freshKey();
        List<String> ours = b.blindKeys(irKeys);
        int ourChunks = (ours.size() + 3) / 4;
        JsonNode announced = JSON.readTree(post(irAsPartner, base + "/blinded", "{\"count\":" + ours.size() + ",\"chunks\":" + ourChunks + "}")
                .body());
        List<String> oursDoubly = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            oursDoubly.addAll(strings(post(irAsPartner, base + "/blinded/" + k, chunk(ours.subList(k * 4, k * 4 + 4))), "reblinded"));
        }
        byte[] sealed = pk.bean(JdbcClient.class).sql("select sealed_key from screening_psi_state where session_id = ?").param(id)
                .query(byte[].class).single();
        assertThat(sealed).as("nonce, 32-byte scalar encrypted, GCM tag").hasSize(12 + 32 + 16);

        // when PK's node restarts on the same keys and database, in the middle of IR's set
        pk = restart(pk);
        irAsPartner = Https.asPartner(ir, pk);

        // then the session goes on where it was: the rest of IR's set, PK's set, and PK's set re-blinded
        assertProblem(post(irAsPartner, base + "/blinded/1", chunk(ours.subList(4, 8))), 409, "chunk", "duplicate");
        for (int k = 2; k < ourChunks; k++) {
            oursDoubly.addAll(strings(post(irAsPartner, base + "/blinded/" + k, chunk(ours.subList(k * 4, Math.min(ours.size(), k * 4 + 4)))),
                    "reblinded"));
        }
        List<List<String>> theirs = new ArrayList<>();
        for (int k = 0; k < announced.path("chunks").asInt(); k++) {
            theirs.add(strings(post(irAsPartner, base + "/answer/" + k, "{}"), "blinded"));
        }
        assertThat(pk.bean(JdbcClient.class).sql("select count(*) from screening_psi_state where session_id = ? and sealed_key is null")
                .param(id).query(Long.class).single()).as("the key is forgotten once PK's set is served").isEqualTo(1);
        Set<String> theirsDoubly = new LinkedHashSet<>();
        HttpResponse<String> last = null;
        for (int k = 0; k < theirs.size(); k++) {
            List<String> doubly = b.reblind(theirs.get(k));
            theirsDoubly.addAll(doubly);
            last = post(irAsPartner, base + "/reblinded/" + k, "{\"reblinded\":" + JSON.writeValueAsString(doubly) + "}");
            assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
        }
        assertThat(JSON.readTree(last.body()).path("state").asString()).isEqualTo("COMPLETED");
        assertThat(references(read(pk, id))).containsExactlyInAnyOrderElementsOf(naiveMatches(PK_LIST, IR_LIST));
        assertThat(stateRows(id)).isZero();
        // and IR's side, computed here, finds its own naive matches: PK answered with the key it drew before the restart
        Set<String> irMatched = new TreeSet<>();
        for (int i = 0; i < irKeys.size(); i++) {
            if (theirsDoubly.contains(oursDoubly.get(i))) {
                irMatched.add(irKeys.get(i));
            }
        }
        assertThat(irMatched).isEqualTo(new TreeSet<>(intersection(keys(IR_LIST), keys(PK_LIST))));
    }

    @Test
    void irsAcceptanceWaitsWhilePksNodeRestartsInTheMiddleOfTheExchangeAndTheSessionCompletes() throws Exception {
        // given PK's session, and PK's node held just after it has taken chunk 1 of IR's set
        String id = request();
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AutoCloseable hold = pk.bean(PsiTranscript.class).listen(m -> {
            if (m.path().endsWith("/blinded/1")) {
                reached.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        ExecutorService background = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> accepting = background.submit(() -> Https.to(ir).waitingAtMost(Duration.ofMinutes(10))
                    .send("POST", "/api/screening/psi/sessions/" + id + "/accept", "{\"list\":\"chunks-ir\"}",
                            auth(ir, Role.ANALYST, "Content-Type", "application/json")));
            assertThat(reached.await(120, TimeUnit.SECONDS)).isTrue();

            // when PK's node stops (it stops taking connections, answers that chunk, and ends) and starts again
            TestNode stopping = pk;
            Future<?> stopped = background.submit(stopping::close);
            Eventually.until("PK's port refuses connections", Duration.ofSeconds(60), () -> {
                try (java.net.Socket socket = new java.net.Socket("localhost", stopping.port())) {
                    return false;
                } catch (java.io.IOException refused) {
                    return true;
                }
            });
            release.countDown();
            stopped.get(120, TimeUnit.SECONDS);
            pk = restart(stopping);

            // then IR's acceptance, which kept trying meanwhile, completes, and both sides have their naive matches
            HttpResponse<String> accepted = accepting.get(10, TimeUnit.MINUTES);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            JsonNode done = JSON.readTree(accepted.body());
            assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(references(done)).containsExactlyInAnyOrderElementsOf(naiveMatches(IR_LIST, PK_LIST));
            assertThat(references(read(pk, id))).containsExactlyInAnyOrderElementsOf(naiveMatches(PK_LIST, IR_LIST));
            assertThat(stateRows(id)).isZero();
        } finally {
            release.countDown();
            hold.close();
            background.shutdownNow();
        }
    }

    @Test
    void aSessionWhoseSealedScalarNoLongerOpensAfterARestartFailsWithAClearRefusal() throws Exception {
        // given PK's session past the announcement, its scalar sealed; then the sealed bytes stop opening, as a scalar sealed
        // by the first protocol version does (other associated data) or one altered: the GCM tag fails either way
        String id = request();
        Https irAsPartner = Https.asPartner(ir, pk);
        assertThat(post(irAsPartner, "/psi/sessions/" + id + "/blinded", "{\"count\":3,\"chunks\":1}").statusCode()).isEqualTo(200);
        JdbcClient jdbc = pk.bean(JdbcClient.class);
        byte[] sealed = jdbc.sql("select sealed_key from screening_psi_state where session_id = ?").param(id).query(byte[].class).single();
        sealed[sealed.length - 1] ^= 1;
        jdbc.sql("update screening_psi_state set sealed_key = ? where session_id = ?").params(sealed, id).update();

        // when PK's node restarts and IR's next chunk comes
        pk = restart(pk);
        irAsPartner = Https.asPartner(ir, pk);
        List<String> values = Blinding.freshKey().blindKeys(List.of("latin:p", "latin:q", "latin:r"));

        // then it is refused, naming the field and rule, and the session fails with its state deleted
        assertProblem(post(irAsPartner, "/psi/sessions/" + id + "/blinded/0", chunk(values)), 409, "id", "sealed-key");
        JsonNode failed = read(pk, id);
        assertThat(failed.path("state").asString()).isEqualTo("FAILED");
        assertThat(failed.path("failure").asString()).contains("no longer opens");
        assertThat(stateRows(id)).isZero();
    }

    @Test
    void aSessionNobodyFinishesExpiresAndItsStateIsDeleted() throws Exception {
        String id = request();
        Https irAsPartner = Https.asPartner(ir, pk);
        assertThat(post(irAsPartner, "/psi/sessions/" + id + "/blinded", "{\"count\":3,\"chunks\":1}").statusCode()).isEqualTo(200);
        assertThat(stateRows(id)).isEqualTo(1);
        PsiSessions sessions = pk.bean(PsiSessions.class);
        assertThat(sessions.expire()).isZero();
        pkClock.advance(Duration.ofMinutes(61));
        assertThat(sessions.expire()).isGreaterThanOrEqualTo(1);
        JsonNode expired = read(pk, id);
        assertThat(expired.path("state").asString()).isEqualTo("FAILED");
        assertThat(expired.path("failure").asString()).startsWith("expired");
        assertThat(stateRows(id)).isZero();
        String point = Blinding.freshKey().blindKeys(List.of("latin:x")).get(0);
        assertProblem(post(irAsPartner, "/psi/sessions/" + id + "/blinded/0", chunk(List.of(point, point, point))), 409, "id", "replayed");
    }

    @Test
    void anInvitationNobodyAcceptsWithinADayLapsesAndALateAcceptanceIsRefused() throws Exception {
        // given PK's request to IR: both lists show when it lapses, a day after it was made, while it waits
        String id = request();
        JsonNode waiting = read(pk, id);
        Instant requestedAt = Instant.parse(waiting.path("requestedAt").asString());
        assertThat(Instant.parse(waiting.path("expiresAt").asString())).isEqualTo(requestedAt.plus(Duration.ofHours(24)));
        JsonNode atIr = read(ir, id);
        assertThat(atIr.path("state").asString()).isEqualTo("REQUESTED");
        assertThat(Instant.parse(atIr.path("expiresAt").asString()))
                .isAfter(Instant.parse(atIr.path("requestedAt").asString()).plus(Duration.ofHours(23)));

        // when a day passes at PK and IR's analyst accepts only then
        pkClock.advance(Duration.ofHours(24).plusMinutes(1));
        HttpResponse<String> late = Https.to(ir).send("POST", "/api/screening/psi/sessions/" + id + "/accept", "{\"list\":\"chunks-ir\"}",
                auth(ir, Role.ANALYST, "Content-Type", "application/json"));

        // then PK refuses it, naming the rule, and both ends show the session failed, with no expiry left
        assertProblem(late, 409, "partner", "partner-refused");
        assertThat(late.body()).contains("invitation-expiry");
        // in PK's own words, not its problem document escaped into IR's
        assertThat(JSON.readTree(late.body()).path("detail").asString()).as(late.body())
                .startsWith("partner: PK answered 409 to ").contains("/psi/sessions/{id}").doesNotContain("{\"", "\\\"").contains("(field ");
        JsonNode atPk = read(pk, id);
        assertThat(atPk.path("state").asString()).isEqualTo("FAILED");
        assertThat(atPk.path("failure").asString()).isEqualTo("expired: not accepted within PT24H (concord.screening.psi.invitation-expiry)");
        assertThat(atPk.path("expiresAt").isMissingNode() || atPk.path("expiresAt").isNull()).as(atPk.toString()).isTrue();
        assertThat(read(ir, id).path("state").asString()).isEqualTo("FAILED");
        assertThat(stateRows(id)).isZero();
    }

    /** Read between its expiry and the minute's job, an invitation shows as lapsed, not as waiting with no time left. */
    @Test
    void anInvitationReadAfterItsExpiryShowsLapsedBeforeTheMinutesJob() throws Exception {
        String id = request();
        pkClock.advance(Duration.ofHours(24).plusMinutes(1));
        JsonNode atPk = read(pk, id);
        assertThat(atPk.path("state").asString()).isEqualTo("FAILED");
        assertThat(atPk.path("failure").asString()).startsWith("expired: not accepted within PT24H");
        assertThat(pk.bean(PsiSessions.class).awaitingAcceptance()).extracting(PsiSessions.SessionView::id).doesNotContain(id);
    }

    @Test
    void anInvitationWaitingHereLapsesOnTheMinuteJobAndCannotBeAcceptedAfter() throws Exception {
        // given IR's request to PK, waiting for PK's acceptance
        String id = irRequests();
        PsiSessions sessions = pk.bean(PsiSessions.class);
        pkClock.advance(Duration.ofHours(23));
        sessions.expire();
        assertThat(read(pk, id).path("state").asString()).as("not yet a day").isEqualTo("REQUESTED");

        // when the day is over at PK
        pkClock.advance(Duration.ofHours(1).plusMinutes(1));
        assertThat(sessions.expire()).isGreaterThanOrEqualTo(1);

        // then PK's list shows it failed as lapsed, and PK's analyst can no longer accept it
        JsonNode lapsed = read(pk, id);
        assertThat(lapsed.path("state").asString()).isEqualTo("FAILED");
        assertThat(lapsed.path("failure").asString()).contains("not accepted within PT24H");
        HttpResponse<String> late = Https.to(pk).send("POST", "/api/screening/psi/sessions/" + id + "/accept", "{\"list\":\"chunks-pk\"}",
                auth(pk, Role.ANALYST, "Content-Type", "application/json"));
        assertProblem(late, 409, "id", "already-accepted");
    }

    @Test
    void anInvitationAcceptedLateButNotYetSweptIsRefusedAsExpired() throws Exception {
        // given IR's request to PK, a day old at PK before the minute's job has run
        String id = irRequests();
        pkClock.advance(Duration.ofHours(24).plusMinutes(1));

        // when PK's analyst accepts it
        HttpResponse<String> late = Https.to(pk).send("POST", "/api/screening/psi/sessions/" + id + "/accept", "{\"list\":\"chunks-pk\"}",
                auth(pk, Role.ANALYST, "Content-Type", "application/json"));

        // then the answer says it lapsed and when, and the session has failed
        assertProblem(late, 409, "id", "expired");
        assertThat(late.body()).contains("lapsed at").contains("request a new one");
        assertThat(read(pk, id).path("state").asString()).isEqualTo("FAILED");
    }

    // ---- helpers

    private static TestNode restart(TestNode node) {
        node.close();
        return TestNode.start(node.code(), "Pakistan", TestNode.Store.POSTGRES, node.dataDir(), node.schema(),
                Map.of("server.port", node.port(), "concord.screening.psi.chunk-size", 4,
                        "concord.screening.psi.max-sessions-per-day", 50), pkClock);
    }

    /** Every distinct key of a list. */
    private static Set<String> keys(Map<String, String> list) {
        Set<String> keys = new LinkedHashSet<>();
        list.values().forEach(name -> keys.addAll(PsiKeys.of(name).keySet()));
        return keys;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new LinkedHashSet<>(a);
        both.retainAll(b);
        return both;
    }

    /** The naive answer: the entries of {@code own} with a key that {@code other} also has. */
    private static List<String> naiveMatches(Map<String, String> own, Map<String, String> other) {
        Set<String> theirs = keys(other);
        List<String> refs = new ArrayList<>();
        own.forEach((reference, name) -> {
            if (PsiKeys.of(name).keySet().stream().anyMatch(theirs::contains)) {
                refs.add(reference);
            }
        });
        return refs;
    }

    private static long stateRows(String id) {
        return pk.bean(JdbcClient.class).sql("select count(*) from screening_psi_state where session_id = ?").param(id).query(Long.class)
                .single();
    }

    private static String chunk(List<String> values) {
        return "{\"blinded\":" + JSON.writeValueAsString(values) + "}";
    }

    private static List<String> strings(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> values = new ArrayList<>();
        JSON.readTree(response.body()).path(field).forEach(v -> values.add(v.asString()));
        return values;
    }

    private static HttpResponse<String> post(Https https, String path, String body) throws Exception {
        return https.send("POST", path, body, "Content-Type", "application/json");
    }

    /** IR's liaison officer asks PK for a session over IR's list; its id. */
    private static String irRequests() throws Exception {
        HttpResponse<String> asked = Https.to(ir).send("POST", "/api/screening/psi/sessions", "{\"partner\":\"PK\",\"list\":\"chunks-ir\"}",
                auth(ir, Role.LIAISON, "Content-Type", "application/json"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        return JSON.readTree(asked.body()).path("id").asString();
    }

    private static String request() throws Exception {
        HttpResponse<String> response = Https.to(pk).send("POST", "/api/screening/psi/sessions", "{\"partner\":\"IR\",\"list\":\"chunks-pk\"}",
                auth(pk, Role.LIAISON, "Content-Type", "application/json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private static JsonNode accept(String id) throws Exception {
        HttpResponse<String> response = Https.to(ir).send("POST", "/api/screening/psi/sessions/" + id + "/accept", "{\"list\":\"chunks-ir\"}",
                auth(ir, Role.ANALYST, "Content-Type", "application/json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode read(TestNode node, String id) throws Exception {
        HttpResponse<String> response = Https.to(node).get("/api/screening/psi/sessions/" + id, auth(node, Role.VIEWER));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String[] auth(TestNode node, Role role, String... headers) {
        String[] basic = Https.basic(node.username(role), node.password(role));
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(basic, 0, all, headers.length, 2);
        return all;
    }

    private static List<String> references(JsonNode session) {
        List<String> refs = new ArrayList<>();
        session.path("matches").forEach(m -> refs.add(m.path("reference").asString()));
        return refs;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field, String rule) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(problem.path("rule").asString()).as(response.body()).isEqualTo(rule);
    }

    private static ByteArrayInputStream un(Map<String, String> list) {
        StringBuilder xml = new StringBuilder("<CONSOLIDATED_LIST dateGenerated=\"2024-01-29\"><ENTITIES>");
        list.forEach((reference, name) -> xml.append("<ENTITY><DATAID>").append(Math.abs(reference.hashCode()))
                .append("</DATAID><FIRST_NAME>").append(name).append("</FIRST_NAME><REFERENCE_NUMBER>").append(reference)
                .append("</REFERENCE_NUMBER></ENTITY>"));
        xml.append("</ENTITIES></CONSOLIDATED_LIST>");
        return new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8));
    }
}
