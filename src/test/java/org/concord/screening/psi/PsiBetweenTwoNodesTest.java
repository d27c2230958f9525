package org.concord.screening.psi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.concord.ledger.Ledger;
import org.concord.party.Role;
import org.concord.screening.Watchlists;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Private set intersection between two real nodes (PK and IR, paired over mutual TLS): each learns
 * exactly which of its own entries the other also lists, across spellings and scripts, and the
 * bytes that cross hold no name and no unblinded point.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PsiBetweenTwoNodesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** PK's list: three that IR also lists (one in Arabic script there, one spelt otherwise), two it does not. */
    private static final Map<String, String> PK_LIST = Map.of(
            "PK-1", "JAISH AL-ADL",
            "PK-2", "Abdolmalek Rigi",
            "PK-3", "Baloch Liberation Army",
            "PK-4", "Lashkar-e-Jhangvi",
            "PK-5", "Tehrik-i-Taliban Pakistan");
    private static final Map<String, String> IR_LIST = Map.of(
            "IR-1", "جيش العدل",
            "IR-2", "عبدالمالک ریگی",
            "IR-3", "Baluch Liberation Army",
            "IR-4", "Mujahedin-e Khalq",
            "IR-5", "Ansar al-Furqan");

    private static TwoNodes nodes;

    @BeforeAll
    static void lists() {
        nodes = TwoNodes.shared();
        nodes.pk.bean(Watchlists.class).importUnList("psi-pk", un(PK_LIST));
        nodes.ir.bean(Watchlists.class).importUnList("psi-ir", un(IR_LIST));
    }

    @Test
    @Order(1)
    void eachSideLearnsExactlyItsOwnMatchesAndTheWireCarriesNoNameNorUnblindedPoint() throws Exception {
        List<PsiTranscript.Message> wire = new CopyOnWriteArrayList<>();
        long pkLedger = nodes.pk.bean(Ledger.class).size();
        long irLedger = nodes.ir.bean(Ledger.class).size();
        JsonNode done;
        try (AutoCloseable a = nodes.pk.bean(PsiTranscript.class).listen(wire::add);
                AutoCloseable b = nodes.ir.bean(PsiTranscript.class).listen(wire::add)) {
            String id = request();
            assertThat(read(nodes.ir, id).path("state").asString()).isEqualTo("REQUESTED");
            // IR's officer learns of the request from the list of sessions, newest first: waiting for IR to accept it
            HttpResponse<String> listed = api(nodes.ir, Role.LIAISON).get("/api/screening/psi/sessions?limit=5");
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            JsonNode newest = JSON.readTree(listed.body()).path("sessions").get(0);
            assertThat(newest.path("id").asString()).isEqualTo(id);
            assertThat(newest.path("role").asString()).isEqualTo("RESPONDER");
            assertThat(newest.path("state").asString()).isEqualTo("REQUESTED");
            assertThat(newest.path("partner").asString()).isEqualTo("PK");
            assertThat(newest.has("matches")).as("a list of sessions does not claim none matched").isFalse();
            assertProblem(api(nodes.ir, Role.LIAISON).get("/api/screening/psi/sessions?limit=0"), 400, "limit", "range");
            done = accept(id);
        }
        String id = done.path("id").asString();
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("COMPLETED");
        // IR sees its own entries that PK also lists, and nothing of PK's
        assertThat(references(done)).containsExactlyInAnyOrder("IR-1", "IR-2", "IR-3");
        assertThat(done.toString()).doesNotContain("PK-").doesNotContain("JAISH").doesNotContain("Baloch");
        assertThat(keysOf(done, "IR-1")).contains("skeleton"); // جيش العدل met JAISH AL-ADL on the consonants
        JsonNode pk = read(nodes.pk, id);
        assertThat(pk.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(references(pk)).containsExactlyInAnyOrder("PK-1", "PK-2", "PK-3");
        assertThat(pk.toString()).doesNotContain("IR-").doesNotContain("Baluch").doesNotContain("جيش");
        assertThat(pk.path("ownSetSize").asInt()).isEqualTo(done.path("partnerSetSize").asInt()).isEqualTo(15);
        assertThat(done.path("ownSetSize").asInt()).isEqualTo(pk.path("partnerSetSize").asInt());
        assertThat(stateRows(nodes.pk, id)).as("the requester's state, sealed key with it, is gone once completed").isZero();

        // the wire: the invitation (to IR); to PK B's announcement, its blinded set (re-blinded in the answer), A's set
        // fetched, and A's set re-blinded
        assertThat(wire).extracting(PsiTranscript.Message::path).containsExactly("/psi/sessions", "/psi/sessions/" + id + "/blinded",
                "/psi/sessions/" + id + "/blinded/0", "/psi/sessions/" + id + "/answer/0", "/psi/sessions/" + id + "/reblinded/0");
        StringBuilder bytes = new StringBuilder();
        for (PsiTranscript.Message m : wire) {
            bytes.append(m.requestBody()).append('\n').append(m.responseBody()).append('\n');
            for (String body : List.of(m.requestBody(), m.responseBody())) {
                JsonNode json = JSON.readTree(body);
                for (String property : json.propertyNames()) {
                    assertThat(property).isIn("id", "state", "version", "blinded", "reblinded", "count", "chunks");
                    if (json.path(property).isArray()) {
                        for (JsonNode v : json.path(property)) {
                            assertThat(Base64.getDecoder().decode(v.asString())).hasSize(32); // a Curve25519 u-coordinate
                        }
                    } else if (property.equals("count") || property.equals("chunks")) {
                        assertThat(json.path(property).isInt()).isTrue(); // the set sizes, public by design
                    } else {
                        assertThat(json.path(property).asString()).isIn(id, "REQUESTED", "EXCHANGING", "COMPLETED", "concord-psi/2");
                    }
                }
            }
        }
        String transcript = bytes.toString();
        String lower = transcript.toLowerCase();
        List<String> names = new ArrayList<>(PK_LIST.values());
        names.addAll(IR_LIST.values());
        Set<String> forbidden = new HashSet<>();
        for (String name : names) {
            forbidden.add(name.toLowerCase());
            for (String word : name.toLowerCase().split("[ -]")) {
                if (word.length() >= 5) {
                    forbidden.add(word);
                }
            }
            for (String key : PsiKeys.of(name).keySet()) {
                forbidden.add(key.toLowerCase());
                forbidden.add(key.substring(key.indexOf(':') + 1).toLowerCase().replace(' ', '_'));
                byte[] u = Blinding.hashToCurve(key); // the unblinded u-coordinate: little-endian as sent, and big-endian
                byte[] bigEndian = new byte[u.length];
                for (int i = 0; i < u.length; i++) {
                    bigEndian[i] = u[u.length - 1 - i];
                }
                forbidden.add(Blinding.encode(u).toLowerCase());
                forbidden.add(HexFormat.of().formatHex(u));
                forbidden.add(HexFormat.of().formatHex(bigEndian));
                forbidden.add(Base64.getEncoder().encodeToString(bigEndian).toLowerCase());
            }
        }
        assertThat(forbidden).hasSizeGreaterThan(100);
        for (String f : forbidden) {
            assertThat(lower).as("the transcript holds '%s'", f).doesNotContain(f);
        }
        // every value that crossed was blinded at least once: none is the plain u-coordinate of a key of either list
        Set<String> plainPoints = new HashSet<>();
        for (String name : names) {
            PsiKeys.of(name).keySet().forEach(k -> plainPoints.add(Blinding.encode(Blinding.hashToCurve(k))));
        }
        for (PsiTranscript.Message m : wire) {
            for (String body : List.of(m.requestBody(), m.responseBody())) {
                for (String field : List.of("blinded", "reblinded")) {
                    for (JsonNode v : JSON.readTree(body).path(field)) {
                        assertThat(plainPoints).doesNotContain(v.asString());
                    }
                }
            }
        }
        // request, acceptance and completion are in each node's ledger
        assertThat(nodes.pk.bean(Ledger.class).size()).isGreaterThanOrEqualTo(pkLedger + 3);
        assertThat(nodes.ir.bean(Ledger.class).size()).isGreaterThanOrEqualTo(irLedger + 3);
    }

    @Test
    @Order(2)
    void aReplayedMessageAReusedSessionIdAndAReusedKeyAreRefusedAndEachSessionHasAFreshKey() throws Exception {
        List<PsiTranscript.Message> wire = new CopyOnWriteArrayList<>();
        String first;
        try (AutoCloseable a = nodes.pk.bean(PsiTranscript.class).listen(wire::add)) {
            first = request();
            assertThat(accept(first).path("state").asString()).isEqualTo("COMPLETED");
        }
        String announcement = wire.stream().filter(m -> m.path().endsWith("/blinded")).findFirst().orElseThrow().requestBody();
        String blindedBody = wire.stream().filter(m -> m.path().endsWith("/blinded/0")).findFirst().orElseThrow().requestBody();
        Https irAsPartner = Https.asPartner(nodes.ir, nodes.pk);
        Https pkAsPartner = Https.asPartner(nodes.pk, nodes.ir);

        // the same messages again: the session is past those steps
        assertProblem(post(irAsPartner, "/psi/sessions/" + first + "/blinded", announcement), 409, "id", "replayed");
        assertProblem(post(irAsPartner, "/psi/sessions/" + first + "/blinded/0", blindedBody), 409, "id", "replayed");
        assertProblem(post(irAsPartner, "/psi/sessions/" + first + "/answer/0", "{}"), 409, "id", "replayed");
        assertProblem(post(irAsPartner, "/psi/sessions/" + first + "/reblinded/0", "{\"reblinded\":[]}"), 409, "id", "replayed");
        // a session id used before, at either node
        assertProblem(post(pkAsPartner, "/psi/sessions", "{\"id\":\"" + first + "\",\"version\":\"concord-psi/2\"}"), 409, "id",
                "reused-session");
        assertProblem(post(irAsPartner, "/psi/sessions", "{\"id\":\"" + first + "\",\"version\":\"concord-psi/2\"}"), 409, "id",
                "reused-session");
        // a partner that speaks the first protocol (P-256: an invitation without a version) or another is refused, naming the version
        String fresh = java.util.UUID.randomUUID().toString();
        HttpResponse<String> old = post(pkAsPartner, "/psi/sessions", "{\"id\":\"" + fresh + "\"}");
        assertProblem(old, 400, "version", "protocol-version");
        assertThat(JSON.readTree(old.body()).path("detail").asString()).contains("concord-psi/2").contains("concord-psi/1");
        assertProblem(post(pkAsPartner, "/psi/sessions", "{\"id\":\"" + fresh + "\",\"version\":\"concord-psi/3\"}"), 400, "version",
                "protocol-version");

        // a new session, and the partner's blinded set of the last one: the same key used twice; the session fails
        String second = request();
        assertThat(post(irAsPartner, "/psi/sessions/" + second + "/blinded", announcement).statusCode()).isEqualTo(200);
        assertProblem(post(irAsPartner, "/psi/sessions/" + second + "/blinded/0", blindedBody), 409, "blinded", "reused-key");
        JsonNode refused = read(nodes.pk, second);
        assertThat(refused.path("state").asString()).isEqualTo("FAILED");
        assertThat(refused.path("failure").asString()).contains("reused its key");
        assertThat(stateRows(nodes.pk, second)).isZero();

        // a session accepted properly runs with fresh keys on both sides: no value of the first session comes back
        String third = request();
        wire.clear();
        try (AutoCloseable a = nodes.pk.bean(PsiTranscript.class).listen(wire::add)) {
            JsonNode done = accept(third);
            assertThat(done.path("state").asString()).isEqualTo("COMPLETED");
            assertThat(references(done)).containsExactlyInAnyOrder("IR-1", "IR-2", "IR-3");
        }
        assertThat(references(read(nodes.pk, third))).containsExactlyInAnyOrder("PK-1", "PK-2", "PK-3");
        Set<String> before = values(blindedBody);
        for (PsiTranscript.Message m : wire) {
            assertThat(values(m.requestBody())).doesNotContainAnyElementsOf(before);
            assertThat(values(m.responseBody())).doesNotContainAnyElementsOf(before);
        }
        // accepting twice is refused
        assertProblem(api(nodes.ir, Role.LIAISON).send("POST", "/api/screening/psi/sessions/" + third + "/accept", "{\"list\":\"psi-ir\"}",
                "Content-Type", "application/json"), 409, "id", "already-accepted");
    }

    @Test
    @Order(3)
    void policyAndRolesAreEnforced() throws Exception {
        Https irAsPartner = Https.asPartner(nodes.ir, nodes.pk);
        String id = request();
        // an oversized set, refused by policy when it is announced, before any point is sent or multiplied
        int most = 100_000; // concord.screening.psi.max-set-size, by default
        assertProblem(post(irAsPartner, "/psi/sessions/" + id + "/blinded", "{\"count\":" + (most + 1) + ",\"chunks\":7}"),
                400, "count", "max-set-size");
        assertThat(read(nodes.pk, id).path("state").asString()).isEqualTo("REQUESTED");
        // a value that is not a point of the curve, in the chunk after a proper announcement: too short, of the twist
        // (u = 2), of small order (u = 1): each refused, naming the position and the rule, before the secret touches it
        String point = Blinding.encode(Blinding.hashToCurve("latin:padding"));
        assertThat(post(irAsPartner, "/psi/sessions/" + id + "/blinded", "{\"count\":2,\"chunks\":1}").statusCode()).isEqualTo(200);
        assertProblem(post(irAsPartner, "/psi/sessions/" + id + "/blinded/0", "{\"blinded\":[\"" + point + "\",\"AAAA\"]}"),
                400, "blinded[1]", "length");
        byte[] small = new byte[32];
        small[0] = 2;
        assertProblem(post(irAsPartner, "/psi/sessions/" + id + "/blinded/0", "{\"blinded\":[\"" + point + "\",\""
                + Base64.getEncoder().encodeToString(small) + "\"]}"), 400, "blinded[1]", "on-curve");
        small[0] = 1;
        assertProblem(post(irAsPartner, "/psi/sessions/" + id + "/blinded/0", "{\"blinded\":[\"" + point + "\",\""
                + Base64.getEncoder().encodeToString(small) + "\"]}"), 400, "blinded[1]", "low-order");
        // a list this node does not have
        assertProblem(api(nodes.pk, Role.LIAISON).send("POST", "/api/screening/psi/sessions", "{\"partner\":\"IR\",\"list\":\"nope\"}",
                "Content-Type", "application/json"), 400, "list", "unknown-list");
        // a partner this node is not paired with, or this node itself: refused naming the partner field, not a 404 of "code"
        assertProblem(api(nodes.pk, Role.LIAISON).send("POST", "/api/screening/psi/sessions", "{\"partner\":\"PK\",\"list\":\"psi-pk\"}",
                "Content-Type", "application/json"), 400, "partner", "paired-partner");
        assertProblem(api(nodes.pk, Role.LIAISON).send("POST", "/api/screening/psi/sessions", "{\"partner\":\"AF\",\"list\":\"psi-pk\"}",
                "Content-Type", "application/json"), 400, "partner", "paired-partner");
        // who may call: nobody 401; a VIEWER and the partner on the people's side 403; a person on the partner's side 403
        String body = "{\"partner\":\"IR\",\"list\":\"psi-pk\"}";
        assertThat(Https.to(nodes.pk).send("POST", "/api/screening/psi/sessions", body, "Content-Type", "application/json").statusCode())
                .isEqualTo(401);
        assertThat(Https.to(nodes.pk).send("POST", "/psi/sessions", "{\"id\":\"" + id + "\"}", "Content-Type", "application/json")
                .statusCode()).isEqualTo(401);
        assertThat(api(nodes.pk, Role.VIEWER).send("POST", "/api/screening/psi/sessions", body, "Content-Type", "application/json")
                .statusCode()).isEqualTo(403);
        assertThat(api(nodes.ir, Role.VIEWER).send("POST", "/api/screening/psi/sessions/" + id + "/accept", "{\"list\":\"psi-ir\"}",
                "Content-Type", "application/json").statusCode()).isEqualTo(403);
        for (String step : List.of("/blinded", "/blinded/0", "/answer/0", "/reblinded/0")) {
            assertThat(api(nodes.pk, Role.LIAISON).send("POST", "/psi/sessions/" + id + step, "{\"blinded\":[]}", "Content-Type",
                    "application/json").statusCode()).as(step).isEqualTo(403);
        }
        assertThat(irAsPartner.send("POST", "/api/screening/psi/sessions", body, "Content-Type", "application/json").statusCode())
                .isEqualTo(403);
        assertThat(read(nodes.pk, id).path("state").asString()).isEqualTo("EXCHANGING");
    }

    @Test
    @Order(4)
    void aPartnerCannotInflateItsSetSizeWithTheSameValueTwice() throws Exception {
        Https irAsPartner = Https.asPartner(nodes.ir, nodes.pk);
        String id = request();
        String p = point();
        String q = point();
        String r = point();
        // four values announced in two chunks: the same valid point twice in one chunk is refused, naming it
        assertThat(post(irAsPartner, "/psi/sessions/" + id + "/blinded", "{\"count\":4,\"chunks\":2}").statusCode()).isEqualTo(200);
        HttpResponse<String> twice = post(irAsPartner, "/psi/sessions/" + id + "/blinded/0", "{\"blinded\":[\"" + p + "\",\"" + p + "\"]}");
        assertProblem(twice, 400, "blinded[1]", "distinct");
        assertThat(JSON.readTree(twice.body()).path("detail").asString()).contains("value 0");
        // distinct values are taken; the same point again in the next chunk is refused too
        assertThat(post(irAsPartner, "/psi/sessions/" + id + "/blinded/0", "{\"blinded\":[\"" + p + "\",\"" + q + "\"]}").statusCode())
                .isEqualTo(200);
        assertProblem(post(irAsPartner, "/psi/sessions/" + id + "/blinded/1", "{\"blinded\":[\"" + r + "\",\"" + p + "\"]}"),
                400, "blinded[1]", "distinct");
        assertThat(post(irAsPartner, "/psi/sessions/" + id + "/blinded/1", "{\"blinded\":[\"" + r + "\",\"" + point() + "\"]}")
                .statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void aPartnersInvitationsUseNoneOfOurSessionsAreBoundedAndAnOfficerMayDeclineThem() throws Exception {
        Https irAsPartner = Https.asPartner(nodes.ir, nodes.pk);
        // the partner invites PK again and again, nobody at PK accepting: refused once it holds the most open at once
        List<String> invited = new ArrayList<>();
        HttpResponse<String> response;
        do {
            String id = java.util.UUID.randomUUID().toString();
            response = post(irAsPartner, "/psi/sessions", "{\"id\":\"" + id + "\",\"version\":\"concord-psi/2\"}");
            if (response.statusCode() == 201) {
                invited.add(id);
            }
        } while (response.statusCode() == 201 && invited.size() < 30);
        assertProblem(response, 409, "partner", "max-open-invitations");
        assertThat(JSON.readTree(response.body()).path("detail").asString()).contains("concord.screening.psi.max-open-invitations")
                .contains("allows 10");
        assertThat(invited).hasSize(10);

        // PK's own officer may still ask IR for a session: the partner's invitations are none of PK's sessions
        String ours = request();

        // a VIEWER may not decline; an officer declines one, which ends it here, and the partner may invite once more
        String first = invited.get(0);
        assertThat(api(nodes.pk, Role.VIEWER).send("POST", "/api/screening/psi/sessions/" + first + "/decline", "{}", "Content-Type",
                "application/json").statusCode()).isEqualTo(403);
        HttpResponse<String> declined = api(nodes.pk, Role.LIAISON).send("POST", "/api/screening/psi/sessions/" + first + "/decline", "{}",
                "Content-Type", "application/json");
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
        JsonNode session = JSON.readTree(declined.body());
        assertThat(session.path("state").asString()).isEqualTo("DECLINED");
        assertThat(session.path("failure").asString()).contains("declined");
        assertThat(session.path("expiresAt").isString()).as("an ended session lapses no more").isFalse();
        assertProblem(api(nodes.pk, Role.ANALYST).send("POST", "/api/screening/psi/sessions/" + first + "/accept", "{\"list\":\"psi-pk\"}",
                "Content-Type", "application/json"), 409, "id", "already-accepted");
        assertProblem(api(nodes.pk, Role.ANALYST).send("POST", "/api/screening/psi/sessions/" + first + "/decline", "{}",
                "Content-Type", "application/json"), 409, "id", "not-waiting");
        // PK's own request is not PK's to decline: the partner accepts or lets it lapse
        assertProblem(api(nodes.pk, Role.ANALYST).send("POST", "/api/screening/psi/sessions/" + ours + "/decline", "{}",
                "Content-Type", "application/json"), 409, "id", "not-invited");
        String again = java.util.UUID.randomUUID().toString();
        assertThat(post(irAsPartner, "/psi/sessions", "{\"id\":\"" + again + "\",\"version\":\"concord-psi/2\"}").statusCode())
                .isEqualTo(201);
        invited.add(again);
        // the rest declined: none waits for PK any more
        for (String id : invited.subList(1, invited.size())) {
            assertThat(api(nodes.pk, Role.ANALYST).send("POST", "/api/screening/psi/sessions/" + id + "/decline", "", "Content-Type",
                    "application/json").statusCode()).isEqualTo(200);
        }
        assertThat(nodes.pk.bean(PsiSessions.class).awaitingAcceptance()).noneMatch(s -> "RESPONDER".equals(s.role()));
    }

    @Test
    @Order(5)
    void whenIrDeclinesPksRequestPksSessionEndsDeclinedAtOnceNotADayLater() throws Exception {
        // given PK's officer asked IR for a session, waiting at IR
        String id = request();
        JsonNode waiting = JSON.readTree(api(nodes.pk, Role.VIEWER).get("/api/screening/psi/sessions/" + id).body());
        assertThat(waiting.path("state").asString()).isEqualTo("REQUESTED");

        // when IR's officer declines it
        long pkLedger = nodes.pk.bean(Ledger.class).size();
        long irLedger = nodes.ir.bean(Ledger.class).size();
        HttpResponse<String> declined = api(nodes.ir, Role.LIAISON).send("POST", "/api/screening/psi/sessions/" + id + "/decline", "{}",
                "Content-Type", "application/json");
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
        assertThat(JSON.readTree(declined.body()).path("failure").asString()).contains("declined here by", "PK was told");

        // then PK's session is over at once, saying who declined, and no longer waits on PK's desk (a tester's PK waited a day)
        JsonNode atPk = JSON.readTree(api(nodes.pk, Role.VIEWER).get("/api/screening/psi/sessions/" + id).body());
        assertThat(atPk.path("state").asString()).isEqualTo("DECLINED");
        assertThat(atPk.path("failure").asString()).startsWith("declined by IR at ");
        assertThat(atPk.path("expiresAt").isString()).isFalse();
        assertThat(nodes.pk.bean(PsiSessions.class).awaitingAcceptance()).noneMatch(s -> s.id().equals(id));
        // and the decision is in both ledgers, as a request and an acceptance are
        assertThat(nodes.ir.bean(Ledger.class).size()).isGreaterThanOrEqualTo(irLedger + 1);
        assertThat(nodes.pk.bean(Ledger.class).size()).isGreaterThanOrEqualTo(pkLedger + 1);

        // and told again, nothing changes; told of a session PK never asked of IR, or one IR asked of PK, PK knows nothing
        Https irAsPartner = Https.asPartner(nodes.ir, nodes.pk);
        assertThat(post(irAsPartner, "/psi/sessions/" + id + "/declined", "{}").statusCode()).isEqualTo(200);
        assertThat(post(irAsPartner, "/psi/sessions/" + java.util.UUID.randomUUID() + "/declined", "{}").statusCode()).isEqualTo(404);
        String irsOwn = java.util.UUID.randomUUID().toString();
        assertThat(post(irAsPartner, "/psi/sessions", "{\"id\":\"" + irsOwn + "\",\"version\":\"concord-psi/2\"}").statusCode()).isEqualTo(201);
        assertThat(post(irAsPartner, "/psi/sessions/" + irsOwn + "/declined", "{}").statusCode())
                .as("IR cannot decline, as if PK had, an invitation of its own").isEqualTo(404);
        assertThat(JSON.readTree(api(nodes.pk, Role.VIEWER).get("/api/screening/psi/sessions/" + irsOwn).body()).path("state").asString())
                .isEqualTo("REQUESTED");
        api(nodes.pk, Role.LIAISON).send("POST", "/api/screening/psi/sessions/" + irsOwn + "/decline", "{}", "Content-Type", "application/json");
    }

    @Test
    @Order(6)
    void sessionsPerDayAreLimitedPerPartnerAndTheRefusalSaysWhenOneIsAllowedAgain() throws Exception {
        HttpResponse<String> response;
        int made = 0;
        java.time.Instant before = java.time.Instant.now();
        do {
            response = api(nodes.pk, Role.ANALYST).send("POST", "/api/screening/psi/sessions", "{\"partner\":\"IR\",\"list\":\"psi-pk\"}",
                    "Content-Type", "application/json");
            made++;
        } while (response.statusCode() == 201 && made < 20);
        assertProblem(response, 409, "partner", "max-sessions-per-day");
        String detail = JSON.readTree(response.body()).path("detail").asString();
        assertThat(detail).contains("policy allows 10").contains("allowed again at ");
        java.time.Instant again = java.time.Instant.parse(detail.replaceAll("(?s).*allowed again at (\\S+?Z).*", "$1"));
        // the oldest of PK's sessions with IR counted leaves the 24 hours then: at most a day from now, and later than now
        assertThat(again).isAfter(before.plus(java.time.Duration.ofHours(23))).isBefore(java.time.Instant.now().plus(java.time.Duration.ofDays(1)));
    }

    // ---- helpers

    private static String request() throws Exception {
        HttpResponse<String> response = api(nodes.pk, Role.LIAISON).send("POST", "/api/screening/psi/sessions",
                "{\"partner\":\"IR\",\"list\":\"psi-pk\"}", "Content-Type", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode session = JSON.readTree(response.body());
        assertThat(session.path("state").asString()).isEqualTo("REQUESTED");
        return session.path("id").asString();
    }

    /** A valid Curve25519 point no key of either list gives. */
    private static String point() {
        return Blinding.encode(Blinding.hashToCurve("latin:padding " + java.util.UUID.randomUUID()));
    }

    private static HttpResponse<String> post(Https https, String path, String body) throws Exception {
        return https.send("POST", path, body, "Content-Type", "application/json");
    }

    private static long stateRows(TestNode node, String id) {
        return node.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select count(*) from screening_psi_state where session_id = ?").param(id).query(Long.class).single();
    }

    private static JsonNode accept(String id) throws Exception {
        HttpResponse<String> response = api(nodes.ir, Role.ANALYST).send("POST", "/api/screening/psi/sessions/" + id + "/accept",
                "{\"list\":\"psi-ir\"}", "Content-Type", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode read(TestNode node, String id) throws Exception {
        HttpResponse<String> response = api(node, Role.VIEWER).get("/api/screening/psi/sessions/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Person api(TestNode node, Role role) {
        return Person.of(node, role);
    }

    private static List<String> references(JsonNode session) {
        List<String> refs = new ArrayList<>();
        session.path("matches").forEach(m -> refs.add(m.path("reference").asString()));
        return refs;
    }

    private static List<String> keysOf(JsonNode session, String reference) {
        List<String> keys = new ArrayList<>();
        session.path("matches").forEach(m -> {
            if (m.path("reference").asString().equals(reference)) {
                m.path("keys").forEach(k -> keys.add(k.asString()));
            }
        });
        return keys;
    }

    private static Set<String> values(String body) {
        Set<String> values = new HashSet<>();
        JsonNode json = JSON.readTree(body);
        for (String field : List.of("blinded", "reblinded")) {
            json.path(field).forEach(v -> values.add(v.asString()));
        }
        return values;
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
