package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.TAFTAN;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.concord.audit.AuditLog;
import org.concord.deconfliction.Agreements;
import org.concord.exchange.Outbox;
import org.concord.party.PartyCode;
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
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
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
    @org.junit.jupiter.api.Order(1)
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

        // when Pakistan's administrator proposes the rules Pakistan applies as an agreement (no restart), signed by Pakistan
        assertThat(post(nodes.pk, Role.LIAISON, "/api/deconfliction/agreements", "{\"partner\": \"IR\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> badZone = post(nodes.pk, Role.ADMIN, "/api/deconfliction/agreements",
                "{\"partner\": \"IR\", \"rules\": {\"notificationZoneKm\": \"wide\"}}");
        assertThat(badZone.statusCode()).isEqualTo(400);
        assertThat(json(badZone).get("field").asString()).isEqualTo("rules.notificationZoneKm");
        HttpResponse<String> badLead = post(nodes.pk, Role.ADMIN, "/api/deconfliction/agreements",
                "{\"partner\": \"IR\", \"rules\": {\"minimumNotice\": \"-PT1H\"}}");
        assertThat(badLead.statusCode()).isEqualTo(400);
        assertThat(json(badLead).get("field").asString()).isEqualTo("rules.minimumNotice");
        assertThat(json(badLead).get("rule").asString()).isEqualTo("positive");
        HttpResponse<String> misspelt = post(nodes.pk, Role.ADMIN, "/api/deconfliction/agreements",
                "{\"partner\": \"IR\", \"rules\": {\"zoneKm\": 60}}");
        assertThat(json(misspelt).get("field").asString()).isEqualTo("rules.zoneKm");
        assertThat(json(post(nodes.pk, Role.ADMIN, "/api/deconfliction/agreements", "{\"partner\": \"AF\"}")).get("rule").asString())
                .isEqualTo("paired");
        assertThat(json(get(nodes.pk, Role.ADMIN, "/api/deconfliction/agreements?partner=IR")).at("/partners/0/agreements")).isEmpty();

        HttpResponse<String> proposed = post(nodes.pk, Role.ADMIN, "/api/deconfliction/agreements", "{\"partner\": \"IR\", \"rules\": {}}");
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        JsonNode agreement = json(proposed);
        String agreementId = agreement.get("id").asString();
        assertThat(agreement.get("state").asString()).isEqualTo("AWAITING_THEIR_SIGNATURE");
        assertThat(agreement.get("version").asInt()).isEqualTo(1);
        assertThat(agreement.get("terms").toString()).contains("notification-zone km=60").contains("minimum-notice lead=PT48H");
        // then nothing changes until Iran signs: Pakistan still evaluates under its file, and says so
        JsonNode pkRules = json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/agreements?partner=IR")).at("/partners/0/rulesInForce");
        assertThat(pkRules.get("basis").asString()).isEqualTo("configured");
        assertThat(nodes.pk.bean(Agreements.class).signedByOneSide()).extracting(Agreements.Agreement::id).containsExactly(agreementId);
        // Pakistan cannot sign for Iran
        HttpResponse<String> ownSign = post(nodes.pk, Role.ADMIN, "/api/deconfliction/agreements/" + agreementId + "/sign", "");
        assertThat(ownSign.statusCode()).isEqualTo(409);
        assertThat(json(ownSign).get("rule").asString()).isEqualTo("own-proposal");

        // and at Iran the proposal, once it arrives, is an alarm on the desk: signed by one side only
        deliver(nodes.pk, "IR");
        JsonNode atIr = eventually(nodes.ir, "/api/deconfliction/agreements/" + agreementId, r -> r.statusCode() == 200);
        assertThat(atIr.get("state").asString()).isEqualTo("AWAITING_OUR_SIGNATURE");
        assertThat(atIr.get("proposedBy").asString()).isEqualTo("PK");
        chrome.driver().navigate().refresh();
        By agreementAlarm = By.cssSelector("#alarms li.alarm[data-kind='agreement'][data-partner='PK']");
        assertThat(chrome.waitFor(Duration.ofSeconds(10), agreementAlarm).getText())
                .contains("PK proposed and signed notice rules (agreement 1)").contains("notification-zone km=60");
        assertThat(post(nodes.ir, Role.LIAISON, "/api/deconfliction/agreements/" + agreementId + "/sign", "").statusCode()).isEqualTo(403);

        // when Iran's administrator reads it on the admin page and signs it there
        chrome.logOutOf(nodes.ir);
        chrome.logIn(nodes.ir, Role.ADMIN);
        chrome.driver().get(nodes.ir.url() + "/console/admin");
        By row = By.cssSelector(".agreements[data-partner='PK'] tr.agreement[data-agreement-id='" + agreementId + "']");
        assertThat(chrome.waitFor(Duration.ofSeconds(10), row).findElement(By.cssSelector(".state")).getText())
                .isEqualTo("signed by PK only: awaiting ours");
        chrome.assertAccessible("admin-agreement-to-sign");
        chrome.driver().findElement(row).findElement(By.cssSelector("button.sign-agreement")).click();
        assertThat(chrome.waitFor(Duration.ofSeconds(10), By.cssSelector("p.notice")).getText()).contains("Agreement 1 with PK signed");
        assertThat(chrome.driver().findElement(row).findElement(By.cssSelector(".state")).getText()).isEqualTo("in force");
        assertThat(chrome.driver().findElement(By.cssSelector(".notice-rules[data-partner='PK'] .basis")).getText())
                .startsWith("Agreement 1, signed by both sides");

        // then it is in force at Iran now, and at Pakistan once the signature arrives; both name it
        JsonNode irRules = json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/agreements?partner=PK")).at("/partners/0/rulesInForce");
        assertThat(irRules.get("basis").asString()).isEqualTo("agreement");
        assertThat(irRules.get("agreement").asString()).isEqualTo(agreementId);
        assertThat(irRules.get("terms").toString()).contains("notification-zone km=60");
        deliver(nodes.ir, "PK");
        eventually(nodes.pk, "/api/deconfliction/agreements/" + agreementId, r -> json(r).path("state").asString().equals("IN_FORCE"));
        assertThat(nodes.pk.bean(Agreements.class).signedByOneSide()).isEmpty();
        // each signature went through the outbox and came back with the other's receipt: recorded in both ledgers
        Outbox.Message proposal = nodes.pk.bean(Outbox.class).latest(PartyCode.of("IR"), agreementId).orElseThrow();
        assertThat(proposal.ledgerIndex()).isNotNull();
        assertThat(proposal.receipt()).isNotNull();
        String signatureId = nodes.ir.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select object_id from exchange_outbox where object_id like 'x-concord-agreement-signature--%'").query(String.class).single();
        Outbox.Message signature = nodes.ir.bean(Outbox.class).latest(PartyCode.of("PK"), signatureId).orElseThrow();
        assertThat(signature.ledgerIndex()).isNotNull();
        assertThat(signature.receipt()).isNotNull();
        assertThat(nodes.pk.bean(AuditLog.class).recent(20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("deconfliction.agreement-signature-received");
            assertThat(e.actor()).isEqualTo("partner:IR");
        });

        // and Pakistan's next notice is evaluated under the agreement, named in its evaluation, and raises nothing at Iran
        HttpResponse<String> agreed = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices",
                aNoticeBody("IR", OperationType.BORDER_PATROL, TAFTAN, 3).toString());
        assertThat(agreed.statusCode()).as(agreed.body()).isEqualTo(201);
        assertThat(json(agreed).at("/rules/basis").asString()).isEqualTo("agreement");
        assertThat(json(agreed).at("/rules/agreement").asString()).isEqualTo(agreementId);
        assertThat(json(agreed).at("/rules/version").asInt()).isEqualTo(1);
        String second = json(agreed).get("notice").asString();
        deliver(nodes.pk, "IR");
        JsonNode secondAtIran = eventually(nodes.ir, "/api/deconfliction/notices/" + second, r -> r.statusCode() == 200);
        assertThat(secondAtIran.get("alarms")).isEmpty();
        chrome.driver().get(nodes.ir.url() + "/console/desk");
        chrome.waitFor(Duration.ofSeconds(5), By.id("alarms-title"));
        assertThat(chrome.driver().findElements(rulesAlarm)).isEmpty();
        assertThat(chrome.driver().findElements(agreementAlarm)).isEmpty();
        // the alarm on the first notice stays, as the record of what happened
        assertThat(json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/notices/" + id)).get("alarms")).hasSize(1);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aForgedOrAlteredProposalIsRefusedAtTheInboxAndNothingOfItIsStored() throws Exception {
        // as an attacker on Pakistan's side who alters a signed proposal's terms, or proposes in Afghanistan's name,
        // and delivers it over Pakistan's own authenticated channel
        HttpResponse<String> proposed = post(nodes.pk, Role.ADMIN, "/api/deconfliction/agreements",
                "{\"partner\": \"IR\", \"rules\": {\"notificationZoneKm\": 75}}");
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        String id = json(proposed).get("id").asString();
        Outbox outbox = nodes.pk.bean(Outbox.class);
        tools.jackson.databind.node.ObjectNode genuine = (tools.jackson.databind.node.ObjectNode) tools.jackson.databind.json.JsonMapper
                .builder().build().readTree(nodes.pk.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                        .sql("select proposal from deconfliction_agreement where id = ?").param(id).query(String.class).single());
        tools.jackson.databind.node.ObjectNode altered = genuine.deepCopy();
        altered.put("id", "x-concord-agreement--" + java.util.UUID.randomUUID());
        ((tools.jackson.databind.node.ArrayNode) altered.get("terms")).set(0, "notification-zone km=5 missileFlightsAlways=true");
        tools.jackson.databind.node.ObjectNode inAfghanistansName = genuine.deepCopy();
        inAfghanistansName.put("id", "x-concord-agreement--" + java.util.UUID.randomUUID());
        inAfghanistansName.put("proposed_by", "AF");
        long alteredAt = outbox.enqueue(PartyCode.of("IR"), altered);
        long afAt = outbox.enqueue(PartyCode.of("IR"), inAfghanistansName);
        deliver(nodes.pk, "IR");

        // then Iran refuses both, naming what is wrong, and holds neither; the genuine one arrives intact
        assertThat(outbox.message(alteredAt).orElseThrow().refusedReason())
                .contains("$.signature: does not verify with PK's signing key");
        assertThat(outbox.message(afAt).orElseThrow().refusedReason()).contains("$.proposed_by");
        assertThat(get(nodes.ir, Role.VIEWER, "/api/deconfliction/agreements/" + altered.get("id").asString()).statusCode()).isEqualTo(404);
        assertThat(get(nodes.ir, Role.VIEWER, "/api/deconfliction/agreements/" + inAfghanistansName.get("id").asString()).statusCode())
                .isEqualTo(404);
        JsonNode genuineAtIr = eventually(nodes.ir, "/api/deconfliction/agreements/" + id, r -> r.statusCode() == 200);
        assertThat(genuineAtIr.get("terms").get(0).asString()).isEqualTo("notification-zone km=75 missileFlightsAlways=true");

        // when Iran's administrator declines the genuine one, it will never be in force, and the alarm clears on both sides
        HttpResponse<String> declined = post(nodes.ir, Role.ADMIN, "/api/deconfliction/agreements/" + id + "/decline", "");
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
        assertThat(json(declined).get("state").asString()).isEqualTo("DECLINED");
        assertThat(json(post(nodes.ir, Role.ADMIN, "/api/deconfliction/agreements/" + id + "/sign", "")).get("rule").asString())
                .isEqualTo("already-declined");
        assertThat(nodes.ir.bean(Agreements.class).signedByOneSide()).extracting(Agreements.Agreement::id).doesNotContain(id);
        deliver(nodes.ir, "PK");
        eventually(nodes.pk, "/api/deconfliction/agreements/" + id, r -> json(r).path("state").asString().equals("DECLINED"));
        assertThat(nodes.pk.bean(Agreements.class).signedByOneSide()).extracting(Agreements.Agreement::id).doesNotContain(id);

        // and as an attacker on Iran's side, the signed refusal with its "declined" taken off does not pass for consent
        org.springframework.jdbc.core.simple.JdbcClient irJdbc = nodes.ir.bean(org.springframework.jdbc.core.simple.JdbcClient.class);
        tools.jackson.databind.node.ObjectNode refusal = (tools.jackson.databind.node.ObjectNode) tools.jackson.databind.json.JsonMapper
                .builder().build().readTree(irJdbc.sql("select object from exchange_outbox where object_id like 'x-concord-agreement-signature--%'"
                        + " and object like ?").param("%" + id + "%").query(String.class).single());
        tools.jackson.databind.node.ObjectNode consent = refusal.deepCopy();
        consent.remove("declined");
        consent.put("modified", java.time.Instant.now().toString().replaceFirst("\\.(\\d{3})\\d*Z$", ".$1Z"));
        Outbox irOutbox = nodes.ir.bean(Outbox.class);
        long consentAt = irOutbox.enqueue(PartyCode.of("PK"), consent);
        deliver(nodes.ir, "PK");
        assertThat(irOutbox.message(consentAt).orElseThrow().refusedReason()).contains("$.signature: does not verify");
        assertThat(json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/agreements/" + id)).get("state").asString()).isEqualTo("DECLINED");
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void whenBothSidesProposeTheSameVersionAndBothAreSignedBothNodesPutTheSameOneInForce() throws Exception {
        // given each side proposes before it has heard of the other's proposal: the same version number
        JsonNode fromPk = json(post(nodes.pk, Role.ADMIN, "/api/deconfliction/agreements",
                "{\"partner\": \"IR\", \"rules\": {\"notificationZoneKm\": 55}}"));
        JsonNode fromIr = json(post(nodes.ir, Role.ADMIN, "/api/deconfliction/agreements",
                "{\"partner\": \"PK\", \"rules\": {\"notificationZoneKm\": 45}}"));
        assertThat(fromPk.get("version").asInt()).isEqualTo(fromIr.get("version").asInt());
        deliver(nodes.pk, "IR");
        deliver(nodes.ir, "PK");
        eventually(nodes.ir, "/api/deconfliction/agreements/" + fromPk.get("id").asString(), r -> r.statusCode() == 200);
        eventually(nodes.pk, "/api/deconfliction/agreements/" + fromIr.get("id").asString(), r -> r.statusCode() == 200);

        // when each signs the other's before the other's signature arrives
        assertThat(post(nodes.ir, Role.ADMIN, "/api/deconfliction/agreements/" + fromPk.get("id").asString() + "/sign", "").statusCode())
                .isEqualTo(200);
        Thread.sleep(5);
        assertThat(post(nodes.pk, Role.ADMIN, "/api/deconfliction/agreements/" + fromIr.get("id").asString() + "/sign", "").statusCode())
                .isEqualTo(200);
        deliver(nodes.pk, "IR");
        deliver(nodes.ir, "PK");

        // then, once both signatures are in, both nodes hold the same agreement in force: the one signed later
        String later = fromIr.get("id").asString();
        JsonNode atPk = eventually(nodes.pk, "/api/deconfliction/agreements?partner=IR",
                r -> json(r).at("/partners/0/agreements").findValuesAsString("state").stream().filter("IN_FORCE"::equals).count() == 1
                        && json(r).at("/partners/0/rulesInForce/agreement").asString().equals(later));
        JsonNode atIr = eventually(nodes.ir, "/api/deconfliction/agreements?partner=PK",
                r -> json(r).at("/partners/0/rulesInForce/agreement").asString().equals(later));
        assertThat(atIr.at("/partners/0/rulesInForce/terms").toString()).contains("notification-zone km=45")
                .isEqualTo(atPk.at("/partners/0/rulesInForce/terms").toString());
        assertThat(nodes.pk.bean(Agreements.class).find(fromPk.get("id").asString()).orElseThrow().state())
                .isEqualTo(Agreements.State.SUPERSEDED);
        assertThat(nodes.ir.bean(Agreements.class).find(fromPk.get("id").asString()).orElseThrow().state())
                .isEqualTo(Agreements.State.SUPERSEDED);
    }
}
