package org.concord.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.concord.hotline.internal.HotlineJobs;
import org.concord.party.Role;
import org.concord.testing.ClockedNodes;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.concord.workflow.CaseRecord;
import org.concord.workflow.Workflow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The liaison officers of both sides set the weekly test call through the API, with no configuration
 * file and no restart: PK calls IR every week at the agreed local time in Karachi, IR answers within
 * 30 minutes. The schedule survives a restart; a test call IR does not answer raises the alarm on
 * both nodes; removed, it stops. Bad input names its field and rule; only LIAISON may set it.
 */
class TheWeeklyTestCallIsSetThroughTheApiTest {

    static final ZoneId KARACHI = ZoneId.of("Asia/Karachi");
    Instant start;
    Instant slot;

    @BeforeEach
    void slot() {
        start = Instant.now().truncatedTo(ChronoUnit.HOURS);
        slot = start.plus(Duration.ofHours(2));
    }

    String schedule(String day, String time, String zone, String tolerance, String callerParty, String answererParty) {
        return """
                {"day":"%s","time":"%s","zone":"%s","tolerance":"%s",
                 "caller":{"party":"%s","name":"Maj Gen A. Khan","post":"DGMO"},
                 "answerer":{"party":"%s","name":"Brig Gen R. Karimi","post":"Director of Operations"}}"""
                .formatted(day, time, zone, tolerance, callerParty, answererParty);
    }

    String agreed() {
        ZonedDateTime local = slot.atZone(KARACHI);
        return schedule(local.getDayOfWeek().name(), local.format(DateTimeFormatter.ofPattern("HH:mm")), KARACHI.getId(), "PT30M",
                "PK", "IR");
    }

    static HttpResponse<String> put(TestNode node, Role role, String body) throws Exception {
        return new HotlineApi(node, role).request("PUT", "/api/hotline/tests/schedule", body);
    }

    static JsonNode json(int status, HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return HotlineApi.JSON.readTree(response.body());
    }

    static List<TestAlarm> weeklyJob(TestNode node) {
        return node.bean(HotlineJobs.class).runWeeklyTest();
    }

    static List<String> calls(TestNode node) {
        return node.bean(Workflow.class).all(node.bean(HotlineType.class)).stream().map(CaseRecord::caseId).toList();
    }

    @Test
    void bothSidesSetItAndItSurvivesARestartAndAMissedTestCallRaisesTheAlarm() throws Exception {
        try (ClockedNodes nodes = new ClockedNodes(start, Map.of())) {
            setRestartedCalledAndMissed(nodes);
        }
    }

    private void setRestartedCalledAndMissed(ClockedNodes nodes) throws Exception {
        HotlineApi viewerAtPk = new HotlineApi(nodes.pk, Role.VIEWER);
        JsonNode none = json(404, viewerAtPk.get("/api/hotline/tests/schedule"));
        assertThat(none.path("field").asString()).isEqualTo("schedule");

        // when the liaison officers of both sides set the same schedule
        JsonNode atPk = json(200, put(nodes.pk, Role.LIAISON, agreed()));
        JsonNode atIr = json(200, put(nodes.ir, Role.LIAISON, agreed()));
        assertThat(atPk.path("thisNode").asString()).isEqualTo("caller");
        assertThat(atIr.path("thisNode").asString()).isEqualTo("answerer");
        for (JsonNode view : List.of(atPk, atIr)) {
            assertThat(Instant.parse(view.path("nextSlot").asString())).isEqualTo(slot);
            assertThat(view.path("zone").asString()).isEqualTo("Asia/Karachi");
            assertThat(view.path("tolerance").asString()).isEqualTo("PT30M");
            assertThat(view.path("toleranceText").asString()).isEqualTo("30 min");
            assertThat(view.path("source").asString()).isEqualTo("api");
            assertThat(view.path("caller").path("party").asString()).isEqualTo("PK");
        }

        // IR's node restarts: its schedule is kept
        nodes.stopIr();
        nodes.restartIr();
        JsonNode afterRestart = json(200, new HotlineApi(nodes.ir, Role.VIEWER).get("/api/hotline/tests/schedule"));
        assertThat(Instant.parse(afterRestart.path("nextSlot").asString())).isEqualTo(slot);
        assertThat(afterRestart.path("thisNode").asString()).isEqualTo("answerer");

        // at the slot PK's node calls, once
        nodes.clock.set(slot.minus(Duration.ofMinutes(1)));
        assertThat(weeklyJob(nodes.pk)).isEmpty();
        assertThat(calls(nodes.pk)).as("not before the slot").isEmpty();
        nodes.clock.set(slot.plus(Duration.ofMinutes(1)));
        weeklyJob(nodes.pk);
        weeklyJob(nodes.pk);
        assertThat(calls(nodes.pk)).as("one test call per slot").hasSize(1);
        String testCall = calls(nodes.pk).get(0);
        HotlineApi.liaisonAt(nodes.pk).deliverTo("IR");
        JsonNode received = HotlineApi.liaisonAt(nodes.ir).callWhen(testCall, HotlineApi.withMessages(1));
        assertThat(Instant.parse(received.path("history").get(0).path("object").path("test_slot").path("slot").asString()))
                .isEqualTo(slot);
        // and both nodes show it due when its alarm falls: 30 minutes after the call (sent a minute after its slot), not a day
        Instant sentAt = Instant.parse(received.path("history").get(0).path("sentAt").asString());
        JsonNode atCaller = HotlineApi.liaisonAt(nodes.pk).callWhen(testCall, HotlineApi.withMessages(1));
        for (JsonNode call : List.of(received, atCaller)) {
            assertThat(Instant.parse(call.path("dueAt").asString())).as(call.toString()).isEqualTo(sentAt.plus(Duration.ofMinutes(30)));
            assertThat(call.path("deadline").path("rule").asString()).startsWith("acknowledgement within 30 min of the test slot");
        }
        assertThat(received.path("history").get(0).path("object").path("test_slot").path("answer_within").asString()).isEqualTo("PT30M");

        // nobody at IR answers within 30 minutes: both nodes raise the alarm naming IR
        nodes.clock.set(slot.plus(Duration.ofMinutes(31)));
        for (TestNode node : List.of(nodes.pk, nodes.ir)) {
            assertThat(weeklyJob(node)).as("at " + node.code()).singleElement().satisfies(alarm -> {
                assertThat(alarm.reason()).isEqualTo(TestAlarm.Reason.UNANSWERED);
                assertThat(alarm.atFault().value()).isEqualTo("IR");
                assertThat(alarm.slot()).isEqualTo(slot);
            });
        }

        // removed at PK: no more test calls, no more alarms from PK's node
        HttpResponse<String> removed = new HotlineApi(nodes.pk, Role.LIAISON).request("DELETE", "/api/hotline/tests/schedule", null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        json(404, viewerAtPk.get("/api/hotline/tests/schedule"));
        nodes.clock.set(slot.plus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
        assertThat(weeklyJob(nodes.pk)).isEmpty();
        assertThat(calls(nodes.pk)).as("no test call after the removal").hasSize(1);
        JsonNode again = json(404, new HotlineApi(nodes.pk, Role.LIAISON).request("DELETE", "/api/hotline/tests/schedule", null));
        assertThat(again.path("rule").asString()).isEqualTo("exists");
    }

    /** On the shared pair, which has no schedule: nothing here may set one. */
    @Test
    void onlyALiaisonOfficerMaySetOrRemoveIt() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        for (Role role : List.of(Role.ADMIN, Role.ANALYST, Role.VIEWER)) {
            JsonNode refused = json(403, put(nodes.pk, role, agreed()));
            assertThat(refused.path("requiredRoles")).extracting(JsonNode::asString).containsExactly("LIAISON");
            json(403, new HotlineApi(nodes.pk, role).request("DELETE", "/api/hotline/tests/schedule", null));
        }
        json(404, new HotlineApi(nodes.pk, Role.VIEWER).get("/api/hotline/tests/schedule"));
    }

    /** On the shared pair, which has no schedule: nothing here may set one. */
    @Test
    void badInputNamesTheFieldAndTheRule() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        record Bad(String body, String field, String rule) {
        }
        List<Bad> bad = List.of(
                new Bad(schedule("TUESDAYS", "11:00", "Asia/Karachi", "PT30M", "PK", "IR"), "day", "one-of"),
                new Bad(schedule("TUESDAY", "25:00", "Asia/Karachi", "PT30M", "PK", "IR"), "time", "local-time"),
                new Bad(schedule("TUESDAY", "11:00", "Mars/Olympus_Mons", "PT30M", "PK", "IR"), "zone", "time-zone"),
                new Bad(schedule("TUESDAY", "11:00", "Asia/Karachi", "soon", "PK", "IR"), "tolerance", "duration"),
                new Bad(schedule("TUESDAY", "11:00", "Asia/Karachi", "PT0S", "PK", "IR"), "tolerance", "range"),
                new Bad(schedule("TUESDAY", "11:00", "Asia/Karachi", "P8D", "PK", "IR"), "tolerance", "range"),
                new Bad(schedule("TUESDAY", "11:00", "Asia/Karachi", "PT30M", "PK", "PK"), "answerer.party", "other-side"),
                new Bad(schedule("TUESDAY", "11:00", "Asia/Karachi", "PT30M", "PK", "AF"), "answerer.party", "paired-partner"),
                new Bad(schedule("TUESDAY", "11:00", "Asia/Karachi", "PT30M", "AF", "IR"), "caller.party", "this-node-or-partner"),
                new Bad("{\"time\":\"11:00\",\"zone\":\"Asia/Karachi\"}", "day", "required"),
                new Bad("{\"day\":\"TUESDAY\",\"time\":\"11:00\",\"zone\":\"Asia/Karachi\",\"weekday\":\"TUESDAY\"}", "weekday",
                        "unknown-property"));
        for (Bad b : bad) {
            JsonNode problem = json(400, put(nodes.pk, Role.LIAISON, b.body()));
            assertThat(problem.path("field").asString()).as(b.body()).isEqualTo(b.field());
            assertThat(problem.path("rule").asString()).as(b.body()).isEqualTo(b.rule());
        }
        JsonNode day = json(400, put(nodes.pk, Role.LIAISON, bad.get(0).body()));
        assertThat(day.path("allowed")).extracting(JsonNode::asString).contains("MONDAY", "SUNDAY");
        json(404, new HotlineApi(nodes.pk, Role.VIEWER).get("/api/hotline/tests/schedule"));
    }
}
