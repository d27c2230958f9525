package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.SARAVAN;
import static org.concord.deconfliction.Fixtures.TAFTAN;
import static org.concord.deconfliction.Fixtures.TAFTAN_MIRJAVEH_CROSSING;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.GeodesicShapes;
import org.concord.deconfliction.geo.Position;
import org.concord.exchange.Outbox;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.ClockedNodes;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pakistan notifies a patrol round Taftan; Iran objects that it overlaps the Taftan-Mirjaveh crossing. Pakistan
 * moves the patrol (a revision, evaluated again and sent as the next version of the notice) and later withdraws
 * it (the notice revoked); both travel to Iran as the first sending did, and both nodes show each step. Two
 * nodes over HTTPS on PostgreSQL, on a clock the test moves.
 */
class NoticesAreRevisedAndWithdrawnTest {

    ClockedNodes nodes;

    @BeforeEach
    void start() {
        nodes = new ClockedNodes();
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    /** The crossing declared by Iran and known to Pakistan; Pakistan's patrol round Taftan sent and flagged at both. */
    private ObjectNode aPatrolAtTheCrossing() throws Exception {
        String sites = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"name\":\"Taftan-Mirjaveh crossing\",\"kind\":\"crossing-point\",\"marking\":\"green\"},"
                + "\"geometry\":" + GeoJson.write(GeodesicShapes.circle(TAFTAN_MIRJAVEH_CROSSING, 3)) + "}]}";
        assertThat(post(nodes.ir, Role.LIAISON, "/api/deconfliction/sites", sites).statusCode()).isEqualTo(201);
        deliver(nodes.ir, "PK");
        eventually(nodes.pk, "/api/deconfliction/map/sites", r -> r.body().contains("Taftan-Mirjaveh crossing"));
        ObjectNode patrol = aNoticeBody("IR", OperationType.BORDER_PATROL, TAFTAN, 4);
        HttpResponse<String> sent = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", patrol.toString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        deliver(nodes.pk, "IR");
        eventually(nodes.ir, "/api/deconfliction/notices/" + patrol.get("id").asString(), r -> r.statusCode() == 200);
        return patrol;
    }

    private static String conflictOf(TestNode node, String notice) throws Exception {
        JsonNode conflicts = json(get(node, Role.VIEWER, "/api/deconfliction/notices/" + notice)).get("conflicts");
        assertThat(conflicts).hasSize(1);
        return conflicts.get(0).get("id").asString();
    }

    private static ObjectNode area(ObjectNode body, Position centre, double radiusKm) {
        ObjectNode area = body.putObject("area");
        area.putObject("centre").put("type", "Point").putArray("coordinates").add(centre.lon()).add(centre.lat());
        area.put("radiusKm", radiusKm);
        return body;
    }

    @Test
    void pakistan_moves_its_patrol_after_irans_objection_then_withdraws_it_and_both_nodes_show_each_step() throws Exception {
        ObjectNode patrol = aPatrolAtTheCrossing();
        String id = patrol.get("id").asString();
        String conflict = conflictOf(nodes.pk, id);
        assertThat(conflictOf(nodes.ir, id)).isEqualTo(conflict);

        // given Iran objects to the patrol round the crossing, and Pakistan learns it
        nodes.clock.advance(Duration.ofHours(1));
        String objection = "The crossing is open to traders and pilgrims on those days; patrol away from it.";
        assertThat(post(nodes.ir, Role.LIAISON, "/api/deconfliction/conflicts/" + conflict + "/answer",
                "{\"answer\":\"OBJECT\",\"reason\":\"" + objection + "\"}").statusCode()).isEqualTo(200);
        deliver(nodes.ir, "PK");
        eventually(nodes.pk, "/api/deconfliction/conflicts/" + conflict, r -> r.body().contains("\"Answered\""));

        // when Pakistan moves the patrol 25 km east of Taftan, on its own side, with a reason
        nodes.clock.advance(Duration.ofHours(1));
        Position east = TAFTAN.moved(90, 25);
        ObjectNode moved = area(patrol.deepCopy(), east, 3);
        moved.put("reason", "Moved east of Taftan after IR's objection.");
        HttpResponse<String> revised = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices/" + id + "/revise", moved.toString());

        // then the revision is evaluated again and sent: revision 2, sendable, clear of the crossing
        assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
        JsonNode evaluation = json(revised);
        assertThat(evaluation.get("revision").asInt()).isEqualTo(2);
        assertThat(evaluation.get("outcome").asString()).isEqualTo("sendable");
        assertThat(evaluation.get("conflicts")).isEmpty();
        assertThat(evaluation.get("fromBorder").get("km").asDouble()).isPositive();

        // and both nodes show revision 2 with its area, its evaluation, its history and the objection to revision 1
        deliver(nodes.pk, "IR");
        eventually(nodes.ir, "/api/deconfliction/notices/" + id, r -> json(r).get("revision").asInt() == 2);
        for (TestNode node : new TestNode[] {nodes.pk, nodes.ir}) {
            JsonNode n = json(get(node, Role.VIEWER, "/api/deconfliction/notices/" + id));
            assertThat(n.get("state").asString()).as(node.code()).isEqualTo("STANDING");
            assertThat(n.get("accepted").asBoolean()).isTrue();
            assertThat(n.get("notice").get("area").get("centre").get("coordinates").get(0).asDouble())
                    .isCloseTo(east.lon(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(n.get("evaluation").get("outcome").asString()).isEqualTo("sendable");
            assertThat(n.get("evaluation").get("conflicts")).isEmpty();
            assertThat(n.get("conflicts")).isEmpty();
            assertThat(n.get("history")).extracting(h -> h.get("change").asString()).containsExactly("ISSUED", "REVISED");
            assertThat(n.get("history").get(1).get("reason").asString()).isEqualTo("Moved east of Taftan after IR's objection.");
            assertThat(n.get("history").get(0).get("evaluation").get("conflicts")).hasSize(1);
            assertThat(n.get("answers")).singleElement().satisfies(a -> {
                assertThat(a.get("verdict").asString()).isEqualTo("OBJECT");
                assertThat(a.get("reason").asString()).isEqualTo(objection);
            });
            assertThat(get(node, Role.VIEWER, "/api/deconfliction/conflicts/" + conflict).statusCode()).isEqualTo(404);
            assertThat(json(get(node, Role.VIEWER, "/api/deconfliction/map/notices")).get("features"))
                    .filteredOn(f -> f.get("properties").get("id").asString().equals(id)).singleElement()
                    .satisfies(f -> assertThat(f.get("properties").get("conflicts").asInt()).isZero());
        }
        JsonNode atIran = json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/notices/" + id));
        JsonNode atPakistan = json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/notices/" + id));
        assertThat(atIran.get("version")).isEqualTo(atPakistan.get("version"));
        // (the sender measures the coordinates it was given, the partner those of the STIX object, to 7 decimals)
        assertThat(atIran.get("evaluation").get("fromBorder").get("km"))
                .isEqualTo(atPakistan.get("evaluation").get("fromBorder").get("km"));

        // when Pakistan withdraws it
        nodes.clock.advance(Duration.ofHours(1));
        HttpResponse<String> withdrawn = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices/" + id + "/withdraw",
                "{\"reason\":\"Patrol cancelled.\"}");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(json(withdrawn).get("state").asString()).isEqualTo("WITHDRAWN");

        // then both nodes show it withdrawn, with the reason, as the third version
        deliver(nodes.pk, "IR");
        eventually(nodes.ir, "/api/deconfliction/notices/" + id, r -> json(r).get("state").asString().equals("WITHDRAWN"));
        for (TestNode node : new TestNode[] {nodes.pk, nodes.ir}) {
            JsonNode n = json(get(node, Role.VIEWER, "/api/deconfliction/notices/" + id));
            assertThat(n.get("withdrawn").get("reason").asString()).as(node.code()).isEqualTo("Patrol cancelled.");
            assertThat(n.get("withdrawn").get("at").asString()).isEqualTo(nodes.clock.instant().toString());
            assertThat(n.get("revision").asInt()).isEqualTo(2);
            assertThat(n.get("history")).extracting(h -> h.get("change").asString())
                    .containsExactly("ISSUED", "REVISED", "WITHDRAWN");
        }

        // and each step travelled as a message of its own, through the outbox and into the ledger
        assertThat(nodes.pk.bean(Outbox.class).recent(PartyCode.of("IR"), 20))
                .filteredOn(m -> m.objectId().startsWith("x-concord-operation-notice--"))
                .hasSize(3).allSatisfy(m -> {
                    assertThat(m.delivered()).isTrue();
                    assertThat(m.ledgerIndex()).isNotNull();
                });
    }

    @Test
    void a_revision_that_still_overlaps_the_crossing_is_a_new_conflict_to_answer_again_at_both_nodes() throws Exception {
        ObjectNode patrol = aPatrolAtTheCrossing();
        String id = patrol.get("id").asString();
        String first = conflictOf(nodes.pk, id);
        assertThat(post(nodes.ir, Role.LIAISON, "/api/deconfliction/conflicts/" + first + "/answer",
                "{\"answer\":\"OBJECT\",\"reason\":\"Not round the crossing.\"}").statusCode()).isEqualTo(200);
        deliver(nodes.ir, "PK");

        // the same patrol round Taftan, a day later
        ObjectNode later = patrol.deepCopy();
        java.time.Instant start = java.time.Instant.parse(patrol.get("window").get("start").asString()).plus(Duration.ofDays(1));
        later.putObject("window").put("start", start.toString()).put("end", start.plus(Duration.ofHours(24)).toString());
        HttpResponse<String> revised = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices/" + id + "/revise",
                later.toString());
        assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
        deliver(nodes.pk, "IR");
        eventually(nodes.ir, "/api/deconfliction/notices/" + id, r -> json(r).get("revision").asInt() == 2);

        String second = conflictOf(nodes.pk, id);
        assertThat(second).isNotEqualTo(first);
        assertThat(conflictOf(nodes.ir, id)).isEqualTo(second);
        for (TestNode node : new TestNode[] {nodes.pk, nodes.ir}) {
            assertThat(json(get(node, Role.VIEWER, "/api/deconfliction/conflicts/" + second)).get("state").asString())
                    .isEqualTo("Awaiting");
        }
    }

    @Test
    void what_cannot_be_revised_or_withdrawn_is_refused_naming_the_field_and_the_rule_and_changes_nothing() throws Exception {
        ObjectNode patrol = aPatrolAtTheCrossing();
        String id = patrol.get("id").asString();
        String revise = "/api/deconfliction/notices/" + id + "/revise";
        String withdraw = "/api/deconfliction/notices/" + id + "/withdraw";

        // Iran cannot revise or withdraw Pakistan's notice
        for (String path : new String[] {revise, withdraw}) {
            HttpResponse<String> theirs = post(nodes.ir, Role.LIAISON, path, patrol.toString());
            assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(409);
            assertThat(json(theirs).get("field").asString()).isEqualTo("id");
            assertThat(json(theirs).get("detail").asString()).contains("own-notice-only");
            assertThat(theirs.body()).doesNotContain("\n");
        }

        // a revision into Iran's territory is refused on sovereignty, and revision 1 stands
        HttpResponse<String> intoIran = post(nodes.pk, Role.LIAISON, revise, area(patrol.deepCopy(), SARAVAN, 3).toString());
        assertThat(intoIran.statusCode()).as(intoIran.body()).isEqualTo(422);
        assertThat(json(intoIran).get("outcome").asString()).isEqualTo("refused");

        // another id, a blank reason, an unknown notice
        HttpResponse<String> otherId = post(nodes.pk, Role.LIAISON, revise, patrol.deepCopy().put("id", "another").toString());
        assertThat(otherId.statusCode()).isEqualTo(400);
        assertThat(json(otherId).get("field").asString()).isEqualTo("id");
        assertThat(json(otherId).get("rule").asString()).isEqualTo("matches-path");
        HttpResponse<String> blank = post(nodes.pk, Role.LIAISON, withdraw, "{\"reason\":\"  \"}");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(json(blank).get("field").asString()).isEqualTo("reason");
        assertThat(post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices/nothing-here/withdraw", "{}").statusCode())
                .isEqualTo(404);

        // a dry run of a revision changes nothing either
        HttpResponse<String> preview = post(nodes.pk, Role.LIAISON, revise + "?dryRun=true",
                area(patrol.deepCopy(), PANJGUR, 3).toString());
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(json(preview).get("dryRun").asBoolean()).isTrue();
        assertThat(json(preview).get("revision").asInt()).isEqualTo(2);

        JsonNode unchanged = json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/notices/" + id));
        assertThat(unchanged.get("revision").asInt()).isEqualTo(1);
        assertThat(unchanged.get("state").asString()).isEqualTo("STANDING");
        assertThat(unchanged.get("history")).hasSize(1);

        // withdrawn once, it cannot be withdrawn or revised again
        assertThat(post(nodes.pk, Role.LIAISON, withdraw, "").statusCode()).isEqualTo(200);
        for (String path : new String[] {revise, withdraw}) {
            HttpResponse<String> again = post(nodes.pk, Role.LIAISON, path, patrol.toString());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
            assertThat(json(again).get("field").asString()).isEqualTo("id");
            assertThat(json(again).get("detail").asString()).contains("already-withdrawn");
        }
    }
}
