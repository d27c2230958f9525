package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.TAFTAN;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.util.Map;

import org.concord.audit.AuditLog;
import org.concord.party.Role;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Issue 14, "rules are not agreed": Pakistan set a 60 km notification zone and 48 hours' notice for
 * Iran in its file, Iran kept the defaults (50 km, 72 hours). Before, nothing noticed. Now each
 * notice carries the rules its notifier evaluated it under, and Iran, which evaluates it again
 * under its own, raises an alarm naming the terms that differ. Two real nodes over HTTPS.
 */
class RulesTheTwoSidesApplyTest {

    static TwoNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.startPaired(Map.of("concord.deconfliction.rules.IR.notification-zone-km", "60",
                "concord.deconfliction.rules.IR.minimum-notice", "48h"), Map.of());
    }

    @AfterAll
    static void stop() {
        nodes.stop();
    }

    @Test
    void aNoticeEvaluatedUnderOtherRulesThanTheAddresseesRaisesAnAlarmThereNamingTheTermsThatDiffer() throws Exception {
        // when Pakistan notifies a patrol round Taftan
        tools.jackson.databind.node.ObjectNode patrol = aNoticeBody("IR", OperationType.BORDER_PATROL, TAFTAN, 4);
        HttpResponse<String> sent = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", patrol.toString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String id = json(sent).get("notice").asString();

        // then Pakistan's own record names the rules it applied, and raises nothing
        JsonNode atPakistan = json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/notices/" + id));
        assertThat(atPakistan.get("rules").toString()).contains("notification-zone km=60").contains("minimum-notice lead=PT48H");
        assertThat(atPakistan.get("alarms")).isEmpty();

        // and Iran, once the notice arrives, shows the alarm on the notice and among its alarms, naming both sides' terms
        deliver(nodes.pk, "IR");
        JsonNode atIran = eventually(nodes.ir, "/api/deconfliction/notices/" + id,
                r -> r.statusCode() == 200 && json(r).path("alarms").size() == 1);
        JsonNode alarm = atIran.get("alarms").get(0);
        assertThat(alarm.get("reason").asString()).isEqualTo("RULES_DIFFER");
        assertThat(alarm.get("detail").asString())
                .contains("PK evaluated it under rules that differ from ours")
                .contains("notification-zone km=60 missileFlightsAlways=true").contains("minimum-notice lead=PT48H")
                .contains("notification-zone km=50 missileFlightsAlways=true").contains("minimum-notice lead=PT72H")
                .doesNotContain("launch-point-distance");
        assertThat(json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/alarms")))
                .anySatisfy(a -> assertThat(a.get("id").asString()).isEqualTo(id));
        assertThat(nodes.ir.bean(AuditLog.class).recent(20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("deconfliction.rules-differ");
            assertThat(e.actor()).isEqualTo("partner:PK");
        });

        // a revision under the same rules raises it no second time
        tools.jackson.databind.node.ObjectNode wider = patrol.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) wider.get("area")).put("radiusKm", 3);
        wider.put("reason", "A narrower patrol.");
        HttpResponse<String> revised = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices/" + id + "/revise", wider.toString());
        assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
        deliver(nodes.pk, "IR");
        eventually(nodes.ir, "/api/deconfliction/notices/" + id, r -> json(r).path("revision").asInt() == 2);
        assertThat(json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/notices/" + id)).get("alarms")).hasSize(1);
    }
}
