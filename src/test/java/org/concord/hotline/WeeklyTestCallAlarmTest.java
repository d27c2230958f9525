package org.concord.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.concord.hotline.internal.HotlineJobs;
import org.concord.testing.ClockedNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The weekly DGMO test call: PK's node sends it at the slot; IR has 30 minutes to answer. Unanswered,
 * both nodes raise the alarm naming IR; answered in time, no alarm.
 */
class WeeklyTestCallAlarmTest {

    ClockedNodes nodes;
    Instant firstSlot;

    @BeforeEach
    void start() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS);
        firstSlot = start.plus(Duration.ofHours(1));
        nodes = new ClockedNodes(start, Map.of(
                "concord.hotline.weekly-test.first-slot", firstSlot.toString(),
                "concord.hotline.weekly-test.caller.party", "PK",
                "concord.hotline.weekly-test.caller.name", "Maj Gen A. Khan",
                "concord.hotline.weekly-test.caller.post", "DGMO",
                "concord.hotline.weekly-test.answerer.party", "IR",
                "concord.hotline.weekly-test.answerer.name", "Brig Gen R. Karimi",
                "concord.hotline.weekly-test.answerer.post", "Director of Operations"));
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    List<TestAlarm> weeklyJob(org.concord.testing.TestNode node) {
        return node.bean(HotlineJobs.class).runWeeklyTest();
    }

    private static List<String> calls(org.concord.testing.TestNode node) {
        return node.bean(org.concord.workflow.Workflow.class).all(node.bean(org.concord.hotline.HotlineType.class)).stream()
                .map(org.concord.workflow.CaseRecord::caseId).toList();
    }

    @Test
    void anUnansweredTestCallRaisesTheAlarmAndAnAnsweredOneDoesNot() throws Exception {
        nodes.clock.set(firstSlot.plus(Duration.ofMinutes(1)));
        assertThat(weeklyJob(nodes.pk)).isEmpty();
        List<String> calls = calls(nodes.pk);
        assertThat(calls).hasSize(1);
        assertThat(weeklyJob(nodes.pk)).isEmpty();
        assertThat(calls(nodes.pk)).as("one test call per slot").hasSize(1);
        HotlineApi.liaisonAt(nodes.pk).deliverTo("IR");
        HotlineApi ir = HotlineApi.liaisonAt(nodes.ir);
        ir.callWhen(calls.get(0), HotlineApi.withMessages(1));

        // nobody at IR answers within 30 minutes
        nodes.clock.set(firstSlot.plus(Duration.ofMinutes(31)));
        List<TestAlarm> atPk = weeklyJob(nodes.pk);
        List<TestAlarm> atIr = weeklyJob(nodes.ir);
        assertThat(atPk).singleElement().satisfies(alarm -> {
            assertThat(alarm.reason()).isEqualTo(TestAlarm.Reason.UNANSWERED);
            assertThat(alarm.atFault().value()).isEqualTo("IR");
            assertThat(alarm.slot()).isEqualTo(firstSlot);
        });
        assertThat(atIr).isEqualTo(atPk);
        assertThat(weeklyJob(nodes.pk)).as("raised once").isEmpty();
        JsonNode alarms = HotlineApi.JSON.readTree(new HotlineApi(nodes.pk, org.concord.party.Role.VIEWER)
                .get("/api/hotline/alarms").body());
        assertThat(alarms.size()).isEqualTo(1);

        // a week later IR answers in time: no alarm
        Instant second = firstSlot.plus(Duration.ofDays(7));
        nodes.clock.set(second.plus(Duration.ofMinutes(2)));
        weeklyJob(nodes.pk);
        HotlineApi.liaisonAt(nodes.pk).deliverTo("IR");
        String secondCall = calls(nodes.pk).get(1);
        ir.callWhen(secondCall, HotlineApi.withMessages(1));
        ir.acknowledge(secondCall);
        ir.deliverTo("PK");
        HotlineApi.liaisonAt(nodes.pk).callWhen(secondCall, HotlineApi.withMessages(2));
        nodes.clock.set(second.plus(Duration.ofHours(1)));
        assertThat(weeklyJob(nodes.pk)).isEmpty();
        assertThat(weeklyJob(nodes.ir)).isEmpty();
    }
}
