package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.TAFTAN;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.concord.audit.AuditLog;
import org.concord.party.Role;
import org.concord.party.Pairing;
import org.concord.testing.Browser;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.openqa.selenium.By;
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

    static Nodes nodes;

    /** PK and IR, PK restartable with other rules. */
    static final class Nodes {
        TestNode pk;
        final TestNode ir;

        Nodes(TestNode pk, TestNode ir) {
            this.pk = pk;
            this.ir = ir;
        }
    }

    @BeforeAll
    static void start() {
        TestNode pk = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, null, null,
                Map.of("concord.deconfliction.rules.IR.notification-zone-km", "60", "concord.deconfliction.rules.IR.minimum-notice", "48h"));
        TestNode ir = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.POSTGRES, null, null, Map.of());
        pk.bean(Pairing.class).pair(ir.identity().pairingRecord(), "test", false);
        ir.bean(Pairing.class).pair(pk.identity().pairingRecord(), "test", false);
        nodes = new Nodes(pk, ir);
    }

    @AfterAll
    static void stop() {
        if (chrome != null) {
            chrome.close();
        }
        nodes.pk.close();
        nodes.ir.close();
        Postgres.dropSchema(nodes.pk.schema());
        Postgres.dropSchema(nodes.ir.schema());
    }

    static Browser chrome;

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

        // Iran's liaison officer sees it on the desk: who, which terms on each side, since when, where to look
        chrome = Browser.open(1400, 900);
        chrome.logIn(nodes.ir, Role.LIAISON);
        By rulesAlarm = By.cssSelector("#alarms li.alarm[data-kind='rules'][data-partner='PK']");
        String shown = chrome.waitFor(Duration.ofSeconds(10), rulesAlarm).getText();
        assertThat(shown).contains("PK evaluates its notices under other rules than ours").contains("notification-zone km=60")
                .contains("minimum-notice lead=PT72H").contains("latest notice").contains("Admin: notice rules (for administrators)")
                .contains("/api/deconfliction/alarms");
        chrome.assertAccessible("desk-rules-alarm");

        // when Pakistan's node comes back with the default rules for IR, its next notice agrees, and the desk's alarm clears;
        // the alarm on the first notice stays, as the record of what happened
        TestNode pk = nodes.pk;
        pk.close();
        nodes.pk = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, pk.dataDir(), pk.schema(), Map.of("server.port", pk.port()));
        HttpResponse<String> agreed = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices",
                aNoticeBody("IR", OperationType.BORDER_PATROL, TAFTAN, 3).toString());
        assertThat(agreed.statusCode()).as(agreed.body()).isEqualTo(201);
        String second = json(agreed).get("notice").asString();
        deliver(nodes.pk, "IR");
        JsonNode secondAtIran = eventually(nodes.ir, "/api/deconfliction/notices/" + second, r -> r.statusCode() == 200);
        assertThat(secondAtIran.get("alarms")).isEmpty();
        chrome.driver().navigate().refresh();
        chrome.waitFor(Duration.ofSeconds(5), By.id("alarms-title"));
        assertThat(chrome.driver().findElements(rulesAlarm)).isEmpty();
        assertThat(json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/notices/" + id)).get("alarms")).hasSize(1);
    }
}
