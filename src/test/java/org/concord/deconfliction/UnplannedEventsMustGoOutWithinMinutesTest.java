package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.SARAVAN;
import static org.concord.deconfliction.Fixtures.kmFromTheBorderTowards;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.concord.deconfliction.internal.WatchingDeadlines;
import org.concord.party.Role;
import org.concord.testing.ClockedNodes;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * #5's hotline rule for unplanned events: the report must reach the partner within minutes, or the
 * reporting node raises an alarm; the partner must acknowledge it within the hotline's FLASH
 * deadline, or it escalates there. Two nodes on PostgreSQL, a clock the test moves.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnplannedEventsMustGoOutWithinMinutesTest {

    ClockedNodes nodes;

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private ObjectNode anAccidentalLaunchObservedAMinuteAgo() {
        ObjectNode launch = anEventBody("IR", kmFromTheBorderTowards(PANJGUR, 30), kmFromTheBorderTowards(SARAVAN, 20));
        launch.put("observedAt", nodes.clock.instant().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS).toString());
        return launch;
    }

    @Test
    void a_report_the_outbox_has_not_delivered_within_the_configured_minutes_raises_an_alarm(CapturedOutput output)
            throws Exception {
        // given nodes configured to allow 5 minutes, and Pakistan's report of a launch a minute ago, not delivered
        nodes = new ClockedNodes(Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Map.of("concord.deconfliction.events.report-within", "PT5M"));
        ObjectNode launch = anAccidentalLaunchObservedAMinuteAgo();
        String id = launch.get("id").asString();
        HttpResponse<String> reported = post(nodes.pk, Role.LIAISON, "/api/deconfliction/events", launch.toString());
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);

        // when three minutes pass, nothing yet
        nodes.clock.advance(Duration.ofMinutes(3));
        assertThat(jobs(nodes.pk).raiseEventAlarms()).isEmpty();

        // then past five minutes from the observation, the alarm: once, listed with the event, in the log
        nodes.clock.advance(Duration.ofMinutes(2));
        assertThat(jobs(nodes.pk).raiseEventAlarms()).containsExactly("event " + id + " NOT_SENT");
        assertThat(jobs(nodes.pk).raiseEventAlarms()).isEmpty();
        JsonNode listed = json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/events"));
        assertThat(listed).filteredOn(e -> e.get("event").get("id").asString().equals(id)).singleElement()
                .satisfies(e -> assertThat(e.get("alarms")).singleElement()
                        .satisfies(a -> assertThat(a.get("reason").asString()).isEqualTo("NOT_SENT")));
        assertThat(output).contains("deconfliction alarm: event " + id + " NOT_SENT");
    }

    @Test
    void a_delivered_report_raises_nothing_but_iran_escalates_it_when_nobody_acknowledges_within_the_flash_deadline()
            throws Exception {
        nodes = new ClockedNodes();
        ObjectNode launch = anAccidentalLaunchObservedAMinuteAgo();
        String id = launch.get("id").asString();
        assertThat(post(nodes.pk, Role.LIAISON, "/api/deconfliction/events", launch.toString()).statusCode()).isEqualTo(201);
        deliver(nodes.pk, "IR");
        eventually(nodes.ir, "/api/deconfliction/events/" + id, r -> r.statusCode() == 200);

        // nine minutes on, nothing on either side
        nodes.clock.advance(Duration.ofMinutes(9));
        assertThat(jobs(nodes.ir).raiseEventAlarms()).isEmpty();
        assertThat(jobs(nodes.pk).raiseEventAlarms()).isEmpty();

        // eleven minutes on, Iran has not acknowledged: escalated to the security chiefs; Pakistan sent in time
        nodes.clock.advance(Duration.ofMinutes(2));
        assertThat(jobs(nodes.ir).raiseEventAlarms()).containsExactly("event " + id + " ESCALATED_TO_SECURITY_CHIEFS");
        nodes.clock.advance(Duration.ofMinutes(30));
        assertThat(jobs(nodes.pk).raiseEventAlarms()).isEmpty();

        // Iran's liaison acknowledges; nothing more escalates
        HttpResponse<String> acknowledged = post(nodes.ir, Role.LIAISON, "/api/deconfliction/events/" + id + "/acknowledge", "");
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(json(acknowledged).get("acknowledged").get("at")).isNotNull();
        nodes.clock.advance(Duration.ofHours(2));
        assertThat(jobs(nodes.ir).raiseEventAlarms()).isEmpty();
        assertThat(json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/events/" + id)).get("alarms"))
                .extracting(a -> a.get("reason").asString()).containsExactly("ESCALATED_TO_SECURITY_CHIEFS");

        // acknowledging twice, or one's own report, is refused naming the field
        HttpResponse<String> twice = post(nodes.ir, Role.LIAISON, "/api/deconfliction/events/" + id + "/acknowledge", "");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(json(twice).get("field").asString()).isEqualTo("id");
        HttpResponse<String> own = post(nodes.pk, Role.LIAISON, "/api/deconfliction/events/" + id + "/acknowledge", "");
        assertThat(own.statusCode()).isEqualTo(409);
        assertThat(json(own).get("detail").asString()).contains("received-only");
    }

    private static WatchingDeadlines jobs(TestNode node) {
        return node.bean(WatchingDeadlines.class);
    }
}
