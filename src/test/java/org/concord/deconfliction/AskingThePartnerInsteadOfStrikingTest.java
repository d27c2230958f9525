package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.kmFromTheBorderTowards;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;

import org.concord.exchange.sync.PartnerIntelPull;
import org.concord.intel.Collection;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 10, from the duty officer's seat at Iran: a strike planned round Panjgur is refused because
 * the area lies in Pakistan; the refusal carries the link to ask Pakistan to act instead, and one
 * POST opens the request for action, with the place as a STIX location Pakistan can read.
 */
class AskingThePartnerInsteadOfStrikingTest {

    private static final String INTEL = "/taxii2/concord/collections/" + Collection.INTEL.id() + "/";
    private final TwoNodes nodes = TwoNodes.shared();

    /** Iran's air strike 5 km round Panjgur, refused; its id. */
    private String aRefusedStrike(String classification) throws Exception {
        ObjectNode strike = aNoticeBody("PK", OperationType.AIR_STRIKE, PANJGUR, 5);
        strike.put("classification", classification);
        HttpResponse<String> refused = post(nodes.ir, Role.LIAISON, "/api/deconfliction/notices", strike.toString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        return strike.get("id").asString();
    }

    private HttpResponse<String> askInstead(Role role, String id, String body) throws Exception {
        return post(nodes.ir, role, "/api/deconfliction/notices/" + id + "/ask-instead", body);
    }

    private long locations() {
        return nodes.ir.bean(JdbcClient.class).sql("select count(*) from intel_object where id like 'location--%'")
                .query(Long.class).single();
    }

    @Test
    void the_refusal_links_to_asking_instead_and_says_the_joint_operation_has_no_workflow() throws Exception {
        ObjectNode strike = aNoticeBody("PK", OperationType.AIR_STRIKE, PANJGUR, 5);
        JsonNode refusal = json(post(nodes.ir, Role.LIAISON, "/api/deconfliction/notices", strike.toString()));

        String href = "/api/deconfliction/notices/" + strike.get("id").asString() + "/ask-instead";
        assertThat(refusal.get("askInstead").get("offer").asString()).isEqualTo("REQUEST_FOR_ACTION");
        assertThat(refusal.get("askInstead").get("method").asString()).isEqualTo("POST");
        assertThat(refusal.get("askInstead").get("href").asString()).isEqualTo(href);
        assertThat(refusal.get("jointOperation").get("offer").asString()).isEqualTo("JOINT_OPERATION_PROPOSAL");
        assertThat(refusal.get("jointOperation").get("available").asBoolean()).isFalse();
        assertThat(refusal.get("jointOperation").get("why").asString()).contains("no joint-operation workflow");
        assertThat(refusal.get("violation").get("offers")).extracting(o -> o.get("kind").asString())
                .containsExactly("REQUEST_FOR_ACTION", "JOINT_OPERATION_PROPOSAL");
    }

    @Test
    void one_post_opens_the_request_for_action_at_pakistan_with_the_area_as_a_location_pakistan_can_read() throws Exception {
        // given Iran's strike round Panjgur was refused
        String id = aRefusedStrike("GREEN");

        // when the liaison asks Pakistan to act instead, raising the urgency
        HttpResponse<String> response = askInstead(Role.LIAISON, id, "{\"urgency\":\"URGENT\"}");

        // then the request is opened, prefilled from the notice, with the location as its target
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode asked = json(response);
        String locationId = asked.get("locationId").asString();
        String caseId = asked.get("request").get("caseId").asString();
        assertThat(locationId).startsWith("location--");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/requests/" + caseId);
        assertThat(asked.get("notice").asString()).isEqualTo(id);
        assertThat(asked.get("location").get("country").asString()).isEqualTo("PK");
        assertThat(asked.get("location").get("administrative_area").asString()).isEqualTo("Balochistan");
        assertThat(asked.get("location").get("latitude").asDouble()).isBetween(26.8, 27.1);
        assertThat(asked.get("jointOperation").get("available").asBoolean()).isFalse();
        JsonNode request = asked.get("request");
        assertThat(request.get("partner").asString()).isEqualTo("PK");
        assertThat(request.get("tlp").asString()).isEqualTo("GREEN");
        JsonNode opening = request.get("history").get(0).get("object").get("request");
        assertThat(opening.get("targets").get(0).asString()).isEqualTo(locationId);
        assertThat(opening.get("urgency").asString()).isEqualTo("URGENT");
        assertThat(opening.get("action").get("kind").asString()).isEqualTo("OTHER");
        assertThat(opening.get("text").asString()).contains("AIR_STRIKE").contains(id);

        // and Pakistan receives the request, naming the same location
        deliver(nodes.ir, "PK");
        JsonNode atPakistan = eventually(nodes.pk, "/api/requests/" + caseId, r -> r.statusCode() == 200);
        assertThat(atPakistan.get("state").asString()).isEqualTo(request.get("state").asString());
        assertThat(atPakistan.get("nextActor").get("party").asString()).isEqualTo("PK");
        assertThat(atPakistan.get("history").get(0).get("object").get("request").get("targets").get(0).asString())
                .isEqualTo(locationId);

        // and the location is no dangling reference: Pakistan reads it from Iran's intel collection and holds it
        HttpResponse<String> read = Https.asPartner(nodes.pk, nodes.ir).get(INTEL + "objects/" + locationId + "/",
                "Accept", "application/taxii+json;version=2.1");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains(locationId);
        nodes.pk.bean(PartnerIntelPull.class).pull(PartyCode.of("IR"));
        assertThat(nodes.pk.bean(JdbcClient.class).sql("select count(*) from intel_object where id = ?").param(locationId)
                .query(Long.class).single()).isPositive();

        // and the notice cannot be asked about twice
        HttpResponse<String> again = askInstead(Role.LIAISON, id, null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(json(again).get("field").asString()).isEqualTo("id");
        assertThat(json(again).get("rule").asString()).isEqualTo("already-asked");
    }

    @Test
    void a_notice_marked_amber_strict_needs_the_officer_to_release_its_area_and_nothing_is_made_before() throws Exception {
        String id = aRefusedStrike("AMBER_STRICT");
        long before = locations();

        HttpResponse<String> response = askInstead(Role.LIAISON, id, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(json(response).get("field").asString()).isEqualTo("tlp");
        assertThat(json(response).get("rule").asString()).isEqualTo("marking-released-explicitly");
        assertThat(locations()).isEqualTo(before);
        HttpResponse<String> released = askInstead(Role.LIAISON, id, "{\"tlp\":\"GREEN\"}");
        assertThat(released.statusCode()).as(released.body()).isEqualTo(201);
    }

    @Test
    void a_bad_override_is_refused_as_the_requests_api_refuses_it_and_leaves_no_location_behind() throws Exception {
        String id = aRefusedStrike("GREEN");
        long before = locations();

        HttpResponse<String> response = askInstead(Role.LIAISON, id, "{\"urgency\":\"SOON\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("field").asString()).isEqualTo("urgency");
        assertThat(json(response).get("rule").asString()).isEqualTo("one-of");
        assertThat(locations()).isEqualTo(before);
        HttpResponse<String> wrongAction = askInstead(Role.LIAISON, id, "{\"action\":{\"kind\":\"BOMB\"}}");
        assertThat(wrongAction.statusCode()).as(wrongAction.body()).isEqualTo(400);
        assertThat(json(wrongAction).get("field").asString()).isEqualTo("action.kind");
        assertThat(locations()).isEqualTo(before);
        // the request's first target is the location made here: the officer's own first target is still targets[0]
        HttpResponse<String> badTarget = askInstead(Role.LIAISON, id,
                "{\"targets\":[\"intrusion-set--2a9e2cbe-6b8f-4f4b-9c0c-7d8d2bbf1b6e\",\"not a STIX id\"]}");
        assertThat(badTarget.statusCode()).as(badTarget.body()).isEqualTo(400);
        assertThat(json(badTarget).get("field").asString()).as(badTarget.body()).isEqualTo("targets[1]");
        assertThat(locations()).isEqualTo(before);
    }

    @Test
    void a_strike_in_afghanistan_a_state_iran_is_not_paired_with_is_refused_naming_it_with_nobody_to_ask() throws Exception {
        // Iran's strike round Zaranj, Nimruz, Afghanistan, addressed to Pakistan (issue 14)
        ObjectNode strike = aNoticeBody("PK", OperationType.AIR_STRIKE, new org.concord.deconfliction.geo.Position(30.96, 61.86), 3);
        HttpResponse<String> refused = post(nodes.ir, Role.LIAISON, "/api/deconfliction/notices", strike.toString());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode refusal = json(refused);
        assertThat(refusal.get("violation").get("partner").asString()).isEqualTo("AF");
        assertThat(refusal.get("violation").get("explanation").asString()).contains("Afghanistan")
                .contains("not a partner of this node");
        assertThat(refusal.get("violation").get("offers")).isEmpty();
        assertThat(refusal.has("askInstead")).isFalse();
        long before = locations();
        HttpResponse<String> asked = askInstead(Role.LIAISON, strike.get("id").asString(), null);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(409);
        assertThat(json(asked).get("field").asString()).isEqualTo("id");
        assertThat(json(asked).get("rule").asString()).isEqualTo("partner-territory");
        assertThat(locations()).isEqualTo(before);
    }

    @Test
    void only_a_liaison_officer_may_ask_instead() throws Exception {
        String id = aRefusedStrike("GREEN");

        HttpResponse<String> response = askInstead(Role.VIEWER, id, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(json(response).get("requiredRoles").toString()).contains("LIAISON");
    }

    @Test
    void an_unknown_notice_is_not_found_and_a_notice_that_was_sent_is_no_refusal() throws Exception {
        HttpResponse<String> unknown = askInstead(Role.LIAISON, "no-such-notice", null);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(json(unknown).get("field").asString()).isEqualTo("id");

        ObjectNode patrol = aNoticeBody("PK", OperationType.BORDER_PATROL,
                kmFromTheBorderTowards(Fixtures.SARAVAN, 20), 2);
        HttpResponse<String> sent = post(nodes.ir, Role.LIAISON, "/api/deconfliction/notices", patrol.toString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        HttpResponse<String> notRefused = askInstead(Role.LIAISON, patrol.get("id").asString(), null);
        assertThat(notRefused.statusCode()).as(notRefused.body()).isEqualTo(409);
        assertThat(json(notRefused).get("field").asString()).isEqualTo("id");
        assertThat(json(notRefused).get("rule").asString()).isEqualTo("refused-for-sovereignty");
    }

    @Test
    void a_dry_run_keeps_nothing_to_ask_about() throws Exception {
        ObjectNode strike = aNoticeBody("PK", OperationType.AIR_STRIKE, PANJGUR, 5);
        HttpResponse<String> dry = post(nodes.ir, Role.LIAISON, "/api/deconfliction/notices?dryRun=true", strike.toString());
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(json(dry).has("askInstead")).isFalse();

        HttpResponse<String> response = askInstead(Role.LIAISON, strike.get("id").asString(), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    }
}
