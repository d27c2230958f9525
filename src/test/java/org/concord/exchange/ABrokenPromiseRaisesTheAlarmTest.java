package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.exchange.sync.ReceiptCompletion;
import org.concord.intel.stix.Tlp;
import org.concord.ledger.LedgerAlarms;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.Receipt;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.ClockedNodes;
import org.concord.testing.Https;
import org.concord.testing.Postgres;
import org.concord.testing.Stix;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * IR accepts five of PK's messages and signs promises to record them by a deadline, then loses the last three: its
 * database is restored from a backup taken between the two deliveries ({@code pg_dump}, {@code pg_restore}, IR
 * restarted on the same port, keys and data). No checkpoint of IR's ever covered them, so PK's witness has nothing to
 * compare: only the promises show that IR accepted them. PK's receipt completion then
 *
 * <ul>
 * <li>completes the two IR kept, and waits for the three it lost while their deadline and the grace have not passed;
 * <li>raises nothing while IR cannot be reached, however late;
 * <li>once IR, reached past the deadline and the grace, still has no record of them, raises one
 * {@code BROKEN_PROMISE} alarm naming what was promised and what to do, with IR's signed promise as the evidence
 * (it verifies against IR's pinned key), and stops asking for them, so they hold back no later promise;
 * <li>lists the three under broken promises (every role reads them), and lets a liaison officer, not a viewer or an
 * analyst, send each again once, by the API or on the ledger page, through the outbox's one gate (one that names an
 * intel object PK has since marked RED is refused): IR, which lost them, records them now, and the list shows the new
 * delivery's completed receipt.
 * </ul>
 */
class ABrokenPromiseRaisesTheAlarmTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final PartyCode IR = PartyCode.of("IR");

    @Test
    void promisesIrLostInARestoreRaiseTheAlarmOnceWithTheSignedPromise() throws Exception {
        Path backup = Files.createTempFile("concord-ir-backup-", ".dump");
        try (ClockedNodes nodes = new ClockedNodes()) {
            List<String> kept = deliver(nodes, 2, "kept");
            Postgres.dump(nodes.ir.schema(), backup);
            // the third lost message names an intel object of PK's, GREEN when it is sent (the gate lets it through)
            String pkIdentity = nodes.pk.identity().stixIdentityId();
            var named = Stix.intrusionSet("a cell IR was told of", pkIdentity, Tlp.GREEN);
            nodes.pk.bean(org.concord.intel.IntelStore.class).storeAll(org.concord.intel.Collection.INTEL, List.of(named),
                    new org.concord.intel.Origin.Local("test"));
            var naming = Stix.intrusionSet("lost 2", pkIdentity, Tlp.GREEN);
            naming.put("description", "works with " + named.path("id").asString());
            List<String> lost = deliver(nodes, List.of(Stix.intrusionSet("lost 0", pkIdentity, Tlp.GREEN),
                    Stix.intrusionSet("lost 1", pkIdentity, Tlp.GREEN), naming));
            NAMED.set(named);
            LOST.set(lost);
            JdbcClient pk = nodes.pk.bean(JdbcClient.class);
            assertThat(waiting(pk)).as("five promises").isEqualTo(5);

            // IR's database is lost and restored from the backup taken before the last three
            nodes.stopIr();
            Postgres.dropSchema(nodes.ir.schema());
            Postgres.restore(backup);
            nodes.restartIr();

            ReceiptCompletion completion = nodes.pk.bean(ReceiptCompletion.class);
            assertThat(completion.complete(IR)).as("the two IR kept").isEqualTo(2);
            assertThat(waiting(pk)).as("before the deadline and the grace, the lost three still wait").isEqualTo(3);
            assertThat(brokenPromises(nodes)).isEmpty();

            // past the deadline (1 min) and the grace (10 min), but IR is down: nothing is broken by not answering
            nodes.stopIr();
            nodes.clock.advance(Duration.ofMinutes(11).plusSeconds(1));
            assertThat(completion.complete(IR)).isZero();
            assertThat(waiting(pk)).isEqualTo(3);
            assertThat(brokenPromises(nodes)).as("an unreachable partner breaks no promise").isEmpty();

            // IR is back, reached and answering, and has no record of them
            nodes.restartIr();
            assertThat(completion.complete(IR)).isZero();
            assertThat(waiting(pk)).as("no longer asked for").isZero();
            List<LedgerAlarms.Alarm> broken = brokenPromises(nodes);
            assertThat(broken).hasSize(1);
            assertThat(broken.get(0).partner()).isEqualTo(IR);
            assertThat(broken.get(0).ownLog()).isFalse();
            assertThat(broken.get(0).detail()).contains("IR has not kept its promise to record 3 messages this node sent")
                    .contains("no record of the message").contains(lost.get(0)).contains("send again what still matters");
            assertThat(nodes.pk.bean(org.concord.audit.AuditLog.class).recent(50)).as("audited as every ledger alarm is")
                    .anyMatch(e -> e.action().equals("ledger.alarm") && e.subject().equals("IR")
                            && e.detail().equals("BROKEN_PROMISE: " + broken.get(0).detail()));

            // the evidence, as a viewer reads it: IR's signed promise for the oldest lost message, verifying against IR's key
            HttpResponse<String> response = Https.to(nodes.pk).get("/ledger/alarms",
                    Https.basic(nodes.pk.username(Role.VIEWER), nodes.pk.password(Role.VIEWER)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode alarm = JSON.readTree(response.body()).path(0);
            assertThat(alarm.path("kind").asString()).isEqualTo("BROKEN_PROMISE");
            Receipt promise = Receipt.parse(alarm.path("promise").asString());
            String sent = pk.sql("select object from exchange_outbox where partner = 'IR' and object_id = ?").param(lost.get(0))
                    .query(String.class).single();
            var irKey = nodes.pk.bean(Partners.class).byCode(IR).orElseThrow().signingKey();
            Receipt verified = promise.verify(irKey, ObjectDigest.of(sent));
            assertThat(verified.isPromise()).isTrue();
            assertThat(verified.object().id()).isEqualTo(lost.get(0));
            theOfficerSeesItOnTheLedgerPage(nodes, alarm.path("promise").asString());
            assertThat(pk.sql("select count(*) from exchange_outbox where partner = 'IR' and receipt like '%\"promise\"%'")
                    .query(Long.class).single()).as("the outbox keeps the three signed promises").isEqualTo(3);
            assertThat(kept).allSatisfy(id -> assertThat(receipt(pk, id).isPromise()).as(id).isFalse());

            // a later run asks for nothing more and raises nothing more; a new message is promised and completed as ever
            assertThat(completion.complete(IR)).isZero();
            List<String> later = deliver(nodes, 1, "later");
            assertThat(completion.complete(IR)).isEqualTo(1);
            assertThat(receipt(pk, later.get(0)).isPromise()).isFalse();
            assertThat(brokenPromises(nodes)).hasSize(1);

            theLostMessagesAreSentAgainByALiaisonOfficer(nodes, lost);
        } finally {
            Files.deleteIfExists(backup);
        }
    }

    /** Sends {@code n} new messages from PK to IR and returns their ids; IR answers each with a promise. */
    private static List<String> deliver(ClockedNodes nodes, int n, String name) {
        String pk = nodes.pk.identity().stixIdentityId();
        List<JsonNode> objects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            objects.add(Stix.intrusionSet(name + " " + i, pk, Tlp.GREEN));
        }
        return deliver(nodes, objects);
    }

    /** Sends these messages from PK to IR and returns their ids; IR answers each with a promise. */
    private static List<String> deliver(ClockedNodes nodes, List<? extends JsonNode> objects) {
        Outbox outbox = nodes.pk.bean(Outbox.class);
        List<String> ids = new ArrayList<>();
        for (JsonNode object : objects) {
            ids.add(object.path("id").asString());
            outbox.enqueue(IR, object);
        }
        assertThat(nodes.pk.bean(OutboxDelivery.class).deliver(IR)).isEqualTo(objects.size());
        JdbcClient jdbc = nodes.pk.bean(JdbcClient.class);
        assertThat(ids).allSatisfy(id -> assertThat(receipt(jdbc, id).isPromise()).as("IR promised %s", id).isTrue());
        return ids;
    }

    private static Receipt receipt(JdbcClient jdbc, String id) {
        try {
            return Receipt.parse(jdbc.sql("select receipt from exchange_outbox where partner = 'IR' and object_id = ?").param(id)
                    .query(String.class).single());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long waiting(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from exchange_receipt_promise where partner = 'IR'").query(Long.class).single();
    }

    /** PK's viewer, in Debian's headless Chromium: the alarm on the ledger page, what to do, and the promise as IR signed it. */
    private static void theOfficerSeesItOnTheLedgerPage(ClockedNodes nodes, String promise) {
        try (org.concord.testing.Browser chrome = org.concord.testing.Browser.open(1400, 1000)) {
            var browser = chrome.driver();
            chrome.logIn(nodes.pk, Role.VIEWER);
            // the desk's alarm leads to the list of the messages
            browser.get(nodes.pk.url() + "/console/desk");
            var onDesk = chrome.waitFor(java.time.Duration.ofSeconds(5),
                    org.openqa.selenium.By.cssSelector("#alarms li.alarm[data-kind='ledger'][data-partner='IR'] .alarm-look a"));
            assertThat(onDesk.getText()).isEqualTo("Ledger: broken promises");
            assertThat(onDesk.getAttribute("href")).endsWith("/console/ledger#broken-promises");
            browser.get(nodes.pk.url() + "/console/ledger");
            var alarm = chrome.waitFor(java.time.Duration.ofSeconds(5),
                    org.openqa.selenium.By.cssSelector("#alarms article.alarm[data-kind='BROKEN_PROMISE']"));
            assertThat(alarm.findElement(org.openqa.selenium.By.cssSelector("h3")).getText()).contains("BROKEN_PROMISE").contains("IR")
                    .contains("open");
            assertThat(alarm.findElement(org.openqa.selenium.By.cssSelector(".detail")).getText())
                    .contains("IR has not kept its promise to record 3 messages").contains("send again what still matters");
            var evidence = alarm.findElement(org.openqa.selenium.By.cssSelector("details summary"));
            assertThat(evidence.getText()).isEqualTo("Evidence: the checkpoint accepted before and the signed promise");
            evidence.click();
            assertThat(alarm.findElement(org.openqa.selenium.By.cssSelector("pre.promise")).getText()).isEqualTo(promise.strip());
            // a promise has no offending checkpoint: the evidence names what there is, not an empty "Offending: none"
            assertThat(alarm.findElements(org.openqa.selenium.By.cssSelector("dl.evidence dt"))).extracting(org.openqa.selenium.WebElement::getText)
                    .containsExactly("Accepted before", "The promise, as the partner signed it");
            // the three lost messages, listed; a viewer may not send them again
            assertThat(browser.findElement(org.openqa.selenium.By.id("broken-promises-h")).getText())
                    .isEqualTo("Broken promises (3, 3 not sent again)");
            var rows = browser.findElements(org.openqa.selenium.By.cssSelector("#broken-promises tr.broken-promise"));
            assertThat(rows).extracting(r -> r.getAttribute("data-object")).containsExactlyInAnyOrderElementsOf(LOST.get());
            assertThat(rows.get(0).findElement(org.openqa.selenium.By.cssSelector(".found-broken")).getText())
                    .endsWith("no record of the message");
            assertThat(rows.get(0).findElement(org.openqa.selenium.By.cssSelector(".promised")).getText()).startsWith("index ");
            assertThat(browser.findElements(org.openqa.selenium.By.cssSelector("#broken-promises button.send-again"))).isEmpty();
            assertThat(rows.get(0).findElement(org.openqa.selenium.By.cssSelector(".sent-again")).getText())
                    .isEqualTo("not sent again (a liaison officer may)");
            chrome.assertAccessible("ledger-broken-promise");
        }
    }

    /** The intel object the third lost message names. */
    private static final java.util.concurrent.atomic.AtomicReference<JsonNode> NAMED = new java.util.concurrent.atomic.AtomicReference<>();

    /** The lost messages' ids, for the page's check (set before it runs). */
    private static final java.util.concurrent.atomic.AtomicReference<List<String>> LOST = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * The broken promises as the API lists them; who may send one again (a liaison officer: once; a viewer, an analyst:
     * never); one sent again by the API and one from the ledger page in Chromium; IR, which lost them, records them when
     * they are delivered, and the list shows each new delivery's receipt completed.
     */
    private static void theLostMessagesAreSentAgainByALiaisonOfficer(ClockedNodes nodes, List<String> lost) throws Exception {
        JdbcClient pk = nodes.pk.bean(JdbcClient.class);
        String[] viewer = Https.basic(nodes.pk.username(Role.VIEWER), nodes.pk.password(Role.VIEWER));
        String[] analyst = Https.basic(nodes.pk.username(Role.ANALYST), nodes.pk.password(Role.ANALYST));
        String[] liaison = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        HttpResponse<String> listed = Https.to(nodes.pk).get("/api/exchange/broken-promises?partner=IR", viewer);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode rows = JSON.readTree(listed.body());
        assertThat(rows).extracting(r -> r.path("objectId").asString()).containsExactlyElementsOf(lost);
        for (JsonNode row : rows) {
            assertThat(row.path("answer").asString()).isEqualTo("no record of the message");
            assertThat(row.path("partner").asString()).isEqualTo("IR");
            assertThat(row.path("promisedIndex").isNumber()).as(row.toString()).isTrue();
            assertThat(row.path("deadline").isMissingNode() || row.path("deadline").isNull()).as(row.toString()).isFalse();
            assertThat(row.path("brokenAt").isString()).as(row.toString()).isTrue();
            assertThat(row.path("sentAgain").isMissingNode() || row.path("sentAgain").isNull()).as("not sent again: %s", row).isTrue();
        }
        long first = rows.path(0).path("seq").asLong();
        // page by page: the next after the last row of the one before
        JsonNode page = JSON.readTree(Https.to(nodes.pk).get("/api/exchange/broken-promises?partner=IR&after=" + first + "&limit=1", viewer).body());
        assertThat(page).extracting(r -> r.path("objectId").asString()).containsExactly(lost.get(1));
        HttpResponse<String> before = Https.to(nodes.pk).get("/api/exchange/broken-promises?after=-1", viewer);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(400);
        assertThat(JSON.readTree(before.body()).path("field").asString()).isEqualTo("after");
        HttpResponse<String> bad = Https.to(nodes.pk).get("/api/exchange/broken-promises?partner=Iran", viewer);
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("field").asString()).isEqualTo("partner");

        // a viewer and an analyst may not; nothing is queued
        long queued = outboxRows(pk);
        for (String[] who : List.of(viewer, analyst)) {
            HttpResponse<String> refused = Https.to(nodes.pk).send("POST", "/api/exchange/broken-promises/" + first + "/send-again", "", who);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        }
        assertThat(outboxRows(pk)).isEqualTo(queued);
        // an outbox row that is no broken promise (a message IR recorded): 404 naming the field, nothing queued
        long recorded = pk.sql("select max(seq) from exchange_outbox where partner = 'IR'").query(Long.class).single();
        HttpResponse<String> none = Https.to(nodes.pk).send("POST", "/api/exchange/broken-promises/" + recorded + "/send-again", "", liaison);
        assertThat(none.statusCode()).as(none.body()).isEqualTo(404);
        assertThat(JSON.readTree(none.body()).path("field").asString()).isEqualTo("seq");
        assertThat(outboxRows(pk)).isEqualTo(queued);

        // a liaison officer sends the first again: the same message, queued anew, audited
        HttpResponse<String> sent = Https.to(nodes.pk).send("POST", "/api/exchange/broken-promises/" + first + "/send-again", "", liaison);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        JsonNode again = JSON.readTree(sent.body()).path("sentAgain");
        assertThat(again.path("receipt").asString()).isEqualTo("waiting");
        assertThat(again.path("by").asString()).isEqualTo("user:" + nodes.pk.username(Role.LIAISON));
        long resent = again.path("seq").asLong();
        assertThat(pk.sql("select object from exchange_outbox where seq = ?").param(resent).query(String.class).single())
                .as("the same message").isEqualTo(pk.sql("select object from exchange_outbox where seq = ?").param(first).query(String.class).single());
        assertThat(nodes.pk.bean(org.concord.audit.AuditLog.class).recent(20)).anyMatch(e -> e.action().equals("exchange.sent-again")
                && e.subject().equals(lost.get(0)) && e.detail().contains("outbox row " + resent));
        // once: a second press is a conflict, and nothing more is queued
        HttpResponse<String> twice = Https.to(nodes.pk).send("POST", "/api/exchange/broken-promises/" + first + "/send-again", "", liaison);
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
        assertThat(JSON.readTree(twice.body()).path("rule").asString()).isEqualTo("already-sent-again");
        assertThat(outboxRows(pk)).isEqualTo(queued + 1);

        // the second from the ledger page, by a liaison officer in Chromium
        long second = rows.path(1).path("seq").asLong();
        try (org.concord.testing.Browser chrome = org.concord.testing.Browser.open(1400, 1000)) {
            var browser = chrome.driver();
            chrome.logIn(nodes.pk, Role.LIAISON);
            browser.get(nodes.pk.url() + "/console/ledger");
            var row = chrome.waitFor(Duration.ofSeconds(5),
                    org.openqa.selenium.By.cssSelector("#broken-promises tr.broken-promise[data-seq='" + second + "']"));
            assertThat(browser.findElement(org.openqa.selenium.By.cssSelector("#broken-promises tr[data-seq='" + first + "'] .sent-again"))
                    .getText()).contains("outbox row " + resent).contains("waiting for delivery");
            row.findElement(org.openqa.selenium.By.cssSelector("button.send-again")).click();
            var notice = chrome.waitFor(Duration.ofSeconds(5), org.openqa.selenium.By.cssSelector("#broken-promises p.notice"));
            assertThat(notice.getText()).startsWith(lost.get(1) + " queued again to IR as outbox row ");
            assertThat(browser.findElement(org.openqa.selenium.By.cssSelector("#broken-promises tr[data-seq='" + second + "'] .sent-again"))
                    .getText()).contains("waiting for delivery");
            assertThat(browser.findElements(org.openqa.selenium.By.cssSelector("#broken-promises button.send-again"))).as("the third's").hasSize(1);
            chrome.assertAccessible("ledger-sent-again");
        }
        assertThat(outboxRows(pk)).isEqualTo(queued + 2);

        // the third names an intel object PK has since marked RED: the one gate refuses it (422 naming the reference),
        // nothing is queued, and it may be sent once the reference is shareable again
        JsonNode named = NAMED.get();
        String namedId = named.path("id").asString();
        nodes.pk.bean(org.concord.intel.IntelStore.class).storeAll(org.concord.intel.Collection.INTEL,
                List.of(Stix.intrusionSet(namedId, named.path("name").asString(), nodes.pk.identity().stixIdentityId(), Tlp.RED,
                        "2024-01-17T09:00:00.000Z")), new org.concord.intel.Origin.Local("test"));
        long third = rows.path(2).path("seq").asLong();
        HttpResponse<String> withheld = Https.to(nodes.pk).send("POST", "/api/exchange/broken-promises/" + third + "/send-again", "", liaison);
        assertThat(withheld.statusCode()).as(withheld.body()).isEqualTo(422);
        assertThat(JSON.readTree(withheld.body()).path("reference").asString()).isEqualTo(namedId);
        assertThat(JSON.readTree(withheld.body()).path("rule").asString()).isEqualTo(UnshareableReference.RULE);
        assertThat(outboxRows(pk)).isEqualTo(queued + 2);

        // several at once: each refused as the single send would be, each named, nothing queued; an analyst may not
        String chosen = "{\"seqs\":[" + first + "," + third + ",999999]}";
        HttpResponse<String> each = Https.to(nodes.pk).send("POST", "/api/exchange/broken-promises/send-again", chosen, liaison[0], liaison[1],
                "Content-Type", "application/json");
        assertThat(each.statusCode()).as(each.body()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(each.body());
        assertThat(outcome.path("sent")).isEmpty();
        assertThat(outcome.path("refused")).extracting(r -> r.path("seq").asLong() + " " + r.path("status").asInt() + " " + r.path("rule").asString())
                .containsExactly(first + " 409 already-sent-again", third + " 422 " + UnshareableReference.RULE, "999999 404 " + JSON.readTree(none.body())
                        .path("rule").asString());
        assertThat(outcome.path("refused").path(1).path("detail").asString()).contains(namedId);
        HttpResponse<String> byAnalyst = Https.to(nodes.pk).send("POST", "/api/exchange/broken-promises/send-again", chosen, analyst[0], analyst[1],
                "Content-Type", "application/json");
        assertThat(byAnalyst.statusCode()).as(byAnalyst.body()).isEqualTo(403);
        HttpResponse<String> empty = Https.to(nodes.pk).send("POST", "/api/exchange/broken-promises/send-again", "{\"seqs\":[]}", liaison[0],
                liaison[1], "Content-Type", "application/json");
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
        assertThat(JSON.readTree(empty.body()).path("field").asString()).isEqualTo("seqs");
        assertThat(outboxRows(pk)).isEqualTo(queued + 2);

        // on the page: the third chosen is refused, naming the reference; once PK shares the object with IR again,
        // "send every one not yet sent again" sends it
        try (org.concord.testing.Browser chrome = org.concord.testing.Browser.open(1400, 1000)) {
            var browser = chrome.driver();
            chrome.logIn(nodes.pk, Role.LIAISON);
            browser.get(nodes.pk.url() + "/console/ledger");
            chrome.waitFor(Duration.ofSeconds(5), org.openqa.selenium.By.cssSelector("#broken-promises tr[data-seq='" + third + "'] input[name=seq]"))
                    .click();
            browser.findElement(org.openqa.selenium.By.cssSelector("#send-chosen button.send-chosen")).click();
            var error = chrome.waitFor(Duration.ofSeconds(5), org.openqa.selenium.By.id("broken-error"));
            assertThat(error.getText()).startsWith("Not sent again: outbox row " + third + ": ").contains(namedId);
            assertThat(outboxRows(pk)).isEqualTo(queued + 2);

            nodes.pk.bean(org.concord.intel.IntelStore.class).storeAll(org.concord.intel.Collection.INTEL,
                    List.of(Stix.intrusionSet(namedId, named.path("name").asString(), nodes.pk.identity().stixIdentityId(), Tlp.GREEN,
                            "2024-01-18T09:00:00.000Z")), new org.concord.intel.Origin.Local("test"));
            browser.findElement(org.openqa.selenium.By.cssSelector("#send-chosen button.send-all")).click();
            var notice = chrome.waitFor(Duration.ofSeconds(5), org.openqa.selenium.By.cssSelector("#broken-promises p.notice"));
            assertThat(notice.getText()).startsWith("1 message queued again: " + lost.get(2) + " to IR as outbox row ");
            assertThat(browser.findElements(org.openqa.selenium.By.cssSelector("#broken-promises input[name=seq]"))).as("none left to choose")
                    .isEmpty();
            assertThat(browser.findElement(org.openqa.selenium.By.id("broken-promises-h")).getText())
                    .isEqualTo("Broken promises (3, 0 not sent again)");
            chrome.assertAccessible("ledger-sent-again-all");
        }
        assertThat(outboxRows(pk)).isEqualTo(queued + 3);

        // delivered: IR, which lost them, records them now; its promises completed, the list shows it
        assertThat(nodes.pk.bean(OutboxDelivery.class).deliver(IR)).isEqualTo(3);
        assertThat(nodes.pk.bean(ReceiptCompletion.class).complete(IR)).isEqualTo(3);
        JsonNode after = JSON.readTree(Https.to(nodes.pk).get("/api/exchange/broken-promises?partner=IR", viewer).body());
        assertThat(after).hasSize(3).allSatisfy(row -> {
            assertThat(row.path("sentAgain").path("receipt").asString()).as(row.toString()).isEqualTo("complete");
            assertThat(row.path("sentAgain").path("delivered").asBoolean()).as(row.toString()).isTrue();
        });
        assertThat(brokenPromises(nodes)).as("no new alarm").hasSize(1);
    }

    private static long outboxRows(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from exchange_outbox where partner = 'IR'").query(Long.class).single();
    }

    private static List<LedgerAlarms.Alarm> brokenPromises(ClockedNodes nodes) {
        return nodes.pk.bean(LedgerAlarms.class).open(100).stream().filter(a -> a.kind().equals("BROKEN_PROMISE")).toList();
    }
}
