package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.TAFTAN;
import static org.concord.deconfliction.Fixtures.TAFTAN_MIRJAVEH_CROSSING;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.GeodesicShapes;
import org.concord.deconfliction.internal.WatchingDeadlines;
import org.concord.party.Role;
import org.concord.testing.ClockedNodes;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * A conflict between Pakistan's patrol round Taftan and the Taftan–Mirjaveh crossing Iran declared
 * protected is answered by Iran (acknowledged, or objected to with a reason) by the deadline of the
 * conflict-answer policy; unanswered, it escalates on both sides. Two nodes over HTTPS on
 * PostgreSQL, sharing a clock the test moves.
 */
class ConflictsAreAnsweredByThePartnerTest {

    ClockedNodes nodes;

    @BeforeEach
    void start() {
        nodes = new ClockedNodes();
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    /** Given Iran's crossing declared and known to Pakistan, Pakistan notifies a patrol round Taftan; both flag it. */
    private String aConflictAtTheCrossing() throws Exception {
        String sites = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"name\":\"Taftan-Mirjaveh crossing\",\"kind\":\"crossing-point\",\"marking\":\"green\"},"
                + "\"geometry\":" + GeoJson.write(GeodesicShapes.circle(TAFTAN_MIRJAVEH_CROSSING, 3)) + "}]}";
        assertThat(post(nodes.ir, Role.LIAISON, "/api/deconfliction/sites", sites).statusCode()).isEqualTo(201);
        deliver(nodes.ir, "PK");
        eventually(nodes.pk, "/api/deconfliction/map/sites", r -> r.body().contains("Taftan-Mirjaveh crossing"));

        String patrol = aNoticeBody("IR", OperationType.BORDER_PATROL, TAFTAN, 4).toString();
        HttpResponse<String> sent = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", patrol);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String notice = json(sent).get("notice").asString();
        JsonNode atPakistan = json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/notices/" + notice)).get("conflicts").get(0);
        String id = atPakistan.get("id").asString();
        assertThat(id).startsWith("conflict--");

        deliver(nodes.pk, "IR");
        eventually(nodes.ir, "/api/deconfliction/conflicts/" + id, r -> r.statusCode() == 200);
        return id;
    }

    @Test
    void iran_objects_to_pakistans_patrol_round_the_crossing_with_a_reason_and_both_sides_see_it() throws Exception {
        String id = aConflictAtTheCrossing();

        // given both nodes show the conflict awaiting Iran's answer, with the same deadline
        JsonNode atIran = json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/conflicts/" + id));
        JsonNode atPakistan = json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/conflicts/" + id));
        for (JsonNode c : new JsonNode[] {atIran, atPakistan}) {
            assertThat(c.get("state").asString()).isEqualTo("Awaiting");
            assertThat(c.get("answeringParty").asString()).isEqualTo("IR");
            assertThat(c.get("priority").asString()).isEqualTo("ROUTINE"); // the patrol starts 4 days ahead
        }
        assertThat(atIran.get("deadline").asString()).isEqualTo(atPakistan.get("deadline").asString());
        Instant deadline = Instant.parse(atIran.get("deadline").asString());
        assertThat(Duration.between(nodes.clock.instant(), deadline)).isBetween(Duration.ofHours(23), Duration.ofHours(24));

        // when Iran's liaison objects, with a reason
        nodes.clock.advance(Duration.ofHours(2));
        String reason = "The crossing is open to traders and pilgrims on those days; patrol north of the N-40 instead.";
        HttpResponse<String> answered = post(nodes.ir, Role.LIAISON, "/api/deconfliction/conflicts/" + id + "/answer",
                "{\"answer\":\"OBJECT\",\"reason\":\"" + reason + "\"}");

        // then Iran shows it answered, and after delivery so does Pakistan
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(json(answered).get("state").asString()).isEqualTo("Answered");
        deliver(nodes.ir, "PK");
        JsonNode seenByPakistan = eventually(nodes.pk, "/api/deconfliction/conflicts/" + id,
                r -> json(r).get("state").asString().equals("Answered"));
        for (JsonNode c : new JsonNode[] {seenByPakistan, json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/conflicts/" + id))}) {
            assertThat(c.get("answer").get("verdict").asString()).isEqualTo("OBJECT");
            assertThat(c.get("answer").get("reason").asString()).isEqualTo(reason);
            assertThat(c.get("answer").get("by").asString()).isEqualTo("IR");
            assertThat(c.get("answer").get("late").asBoolean()).isFalse();
        }

        // and past the deadline, an answered conflict raises no alarm on either side
        nodes.clock.advance(Duration.ofDays(2));
        assertThat(jobs(nodes.pk).raiseConflictAlarms()).isEmpty();
        assertThat(jobs(nodes.ir).raiseConflictAlarms()).isEmpty();
    }

    @Test
    void an_unanswered_conflict_escalates_on_both_sides_after_the_deadline() throws Exception {
        String id = aConflictAtTheCrossing();
        Instant deadline = Instant.parse(json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/conflicts/" + id)).get("deadline").asString());

        // a minute before the deadline, nothing
        nodes.clock.set(deadline.minus(Duration.ofMinutes(1)));
        assertThat(jobs(nodes.pk).raiseConflictAlarms()).isEmpty();
        assertThat(jobs(nodes.ir).raiseConflictAlarms()).isEmpty();

        // a minute after it, both sides escalate to the security chiefs, once
        nodes.clock.set(deadline.plus(Duration.ofMinutes(1)));
        assertThat(jobs(nodes.pk).raiseConflictAlarms()).containsExactly("conflict " + id + " ESCALATED_TO_SECURITY_CHIEFS");
        assertThat(jobs(nodes.ir).raiseConflictAlarms()).containsExactly("conflict " + id + " ESCALATED_TO_SECURITY_CHIEFS");
        assertThat(jobs(nodes.pk).raiseConflictAlarms()).isEmpty();
        for (TestNode node : new TestNode[] {nodes.pk, nodes.ir}) {
            JsonNode c = json(get(node, Role.VIEWER, "/api/deconfliction/conflicts/" + id));
            assertThat(c.get("alarms")).singleElement()
                    .satisfies(a -> assertThat(a.get("reason").asString()).isEqualTo("ESCALATED_TO_SECURITY_CHIEFS"));
            assertThat(json(get(node, Role.VIEWER, "/api/deconfliction/alarms")))
                    .anySatisfy(a -> assertThat(a.get("id").asString()).isEqualTo(id));
        }

        // and another period later, to the foreign ministers' Joint Coordination Mechanism
        nodes.clock.advance(Duration.ofHours(24));
        assertThat(jobs(nodes.ir).raiseConflictAlarms())
                .containsExactly("conflict " + id + " ESCALATED_TO_JOINT_COORDINATION_MECHANISM");

        // a late answer is still taken, and marked late
        HttpResponse<String> late = post(nodes.ir, Role.LIAISON, "/api/deconfliction/conflicts/" + id + "/answer",
                "{\"answer\":\"ACKNOWLEDGE\"}");
        assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
        assertThat(json(late).get("answer").get("late").asBoolean()).isTrue();
    }

    @Test
    void bad_answers_are_refused_naming_the_field_and_change_nothing() throws Exception {
        String id = aConflictAtTheCrossing();
        String path = "/api/deconfliction/conflicts/" + id + "/answer";

        HttpResponse<String> noReason = post(nodes.ir, Role.LIAISON, path, "{\"answer\":\"OBJECT\"}");
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
        assertThat(json(noReason).get("field").asString()).isEqualTo("reason");
        assertThat(json(noReason).get("rule").asString()).isEqualTo("required-for-objection");

        HttpResponse<String> blankReason = post(nodes.ir, Role.LIAISON, path, "{\"answer\":\"OBJECT\",\"reason\":\"  \"}");
        assertThat(json(blankReason).get("field").asString()).isEqualTo("reason");

        HttpResponse<String> noAnswer = post(nodes.ir, Role.LIAISON, path, "{\"reason\":\"why not\"}");
        assertThat(noAnswer.statusCode()).isEqualTo(400);
        assertThat(json(noAnswer).get("field").asString()).isEqualTo("answer");

        HttpResponse<String> strange = post(nodes.ir, Role.LIAISON, path, "{\"answer\":\"MAYBE\"}");
        assertThat(strange.statusCode()).isEqualTo(400);
        assertThat(json(strange).get("rule").asString()).isEqualTo("one-of");
        assertThat(json(strange).get("allowed").toString()).isEqualTo("[\"ACKNOWLEDGE\",\"OBJECT\"]");

        HttpResponse<String> ownConflict = post(nodes.pk, Role.LIAISON, path, "{\"answer\":\"ACKNOWLEDGE\"}");
        assertThat(ownConflict.statusCode()).as(ownConflict.body()).isEqualTo(409);
        assertThat(json(ownConflict).get("field").asString()).isEqualTo("conflict");
        assertThat(json(ownConflict).get("detail").asString()).contains("answered-by-the-partner");

        HttpResponse<String> unknown = post(nodes.ir, Role.LIAISON,
                "/api/deconfliction/conflicts/conflict--00000000-0000-0000-0000-000000000000/answer", "{\"answer\":\"ACKNOWLEDGE\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("detail").asString()).startsWith("id:");

        for (TestNode node : new TestNode[] {nodes.pk, nodes.ir}) {
            assertThat(json(get(node, Role.VIEWER, "/api/deconfliction/conflicts/" + id)).get("state").asString()).isEqualTo("Awaiting");
        }

        // answered once, a second answer is refused
        assertThat(post(nodes.ir, Role.LIAISON, path, "{\"answer\":\"ACKNOWLEDGE\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> again = post(nodes.ir, Role.LIAISON, path, "{\"answer\":\"OBJECT\",\"reason\":\"changed our mind\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("detail").asString()).contains("already-answered");
    }

    private static WatchingDeadlines jobs(TestNode node) {
        return node.bean(WatchingDeadlines.class);
    }
}
