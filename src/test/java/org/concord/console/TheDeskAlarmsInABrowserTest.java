package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.hotline.TestAlarm;
import org.concord.hotline.internal.HotlineJobs;
import org.concord.ledger.internal.ForgedCheckpoint;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Browser;
import org.concord.testing.ClockedNodes;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk's alarms at PK, each caused for real on two running nodes that share a movable clock:
 * PK's witness finds IR's log signed by a key that is not IR's (a ledger alarm); IR's node goes
 * down, so a message to it cannot be delivered (the connection is refused) and the partner is
 * unreachable; IR does not place the weekly test call it owes. The desk says what, since when and
 * where to look, and once IR is back and the message delivered, those alarms leave the desk without
 * a reload.
 */
class TheDeskAlarmsInABrowserTest {

    static final PartyCode IR = PartyCode.of("IR");
    static ClockedNodes nodes;
    static Browser chrome;
    static ChromeDriver browser;
    static Instant start;

    @BeforeAll
    static void begin() {
        start = Instant.now().truncatedTo(ChronoUnit.HOURS);
        nodes = new ClockedNodes(start, Map.of());
        chrome = Browser.open(1400, 900);
        browser = chrome.driver();
    }

    @AfterAll
    static void end() {
        if (chrome != null) {
            chrome.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void theDeskShowsTheLedgerAlarmTheUndeliveredMessageTheUnreachablePartnerAndTheMissedTestCall() throws Exception {
        // a quiet desk: no alarm
        chrome.logIn(nodes.pk, Role.LIAISON);
        assertThat(chrome.waitFor(Duration.ofSeconds(5), By.id("alarms-title")).getText()).isEqualTo("Alarms (none)");

        // IR's log, as PK witnesses it, is signed by a key that is not IR's pinned one
        long ledgerAlarm = ForgedCheckpoint.witnessed(nodes.ir, nodes.pk, nodes.clock.instant());

        // the weekly test call: IR calls PK, every week two hours from now (UTC), PK answers within 30 min
        Instant slot = start.plus(Duration.ofHours(2));
        ZonedDateTime utc = slot.atZone(ZoneOffset.UTC);
        HttpResponse<String> schedule = as(nodes.pk, Role.LIAISON, "PUT", "/api/hotline/tests/schedule", """
                {"day":"%s","time":"%s","zone":"UTC","tolerance":"PT30M",
                 "caller":{"party":"IR","name":"Brig Gen R. Karimi","post":"Director of Operations"},
                 "answerer":{"party":"PK","name":"Maj Gen A. Khan","post":"DGMO"}}"""
                .formatted(utc.getDayOfWeek().name(), utc.format(DateTimeFormatter.ofPattern("HH:mm"))));
        assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(200);

        // a first call reaches IR: the last successful contact
        pkCalls("Routine check of the line");
        assertThat(nodes.pk.bean(OutboxDelivery.class).deliver(IR)).isPositive();
        Instant lastContact = nodes.clock.instant();

        // IR's node goes down; PK's next call meets a refused connection
        nodes.stopIr();
        pkCalls("Patrol movement near Taftan tonight");
        assertThat(nodes.pk.bean(OutboxDelivery.class).deliver(IR)).isZero();

        // two and a half hours on: the message still waits, and IR placed no test call in the slot's window
        nodes.clock.set(slot.plus(Duration.ofMinutes(31)));
        assertThat(nodes.pk.bean(HotlineJobs.class).runWeeklyTest()).singleElement()
                .satisfies(alarm -> assertThat(alarm.reason()).isEqualTo(TestAlarm.Reason.NOT_SENT));

        // then PK's desk lists each alarm: what, since when, where to look
        browser.navigate().refresh();
        WebElement unreachable = alarm("unreachable");
        assertThat(unreachable.getText()).contains("IR's node at " + nodes.ir.url() + " does not answer")
                .contains("last successful contact").contains(shown(lastContact));
        assertThat(unreachable.findElements(By.cssSelector(".alarm-look a"))).as("no link a liaison officer may not open").isEmpty();
        assertThat(unreachable.findElement(By.cssSelector(".alarm-look")).getText()).contains("Admin: partners (for administrators)")
                .contains("/actuator/health/partners");

        WebElement undelivered = alarm("undelivered");
        assertThat(undelivered.getText()).containsPattern("\\d+ messages? to IR not delivered after 15 min").contains("oldest queued")
                .contains(shown(lastContact)).contains("/api/exchange/outbox?partner=IR");

        WebElement testCall = alarm("test-call");
        assertThat(testCall.getText()).contains("The test call of " + shown(slot)).contains("was not sent by IR")
                .contains("window closed").contains(shown(slot.plus(Duration.ofMinutes(30))));
        assertThat(testCall.findElement(By.cssSelector(".alarm-look a")).getAttribute("href")).endsWith("/console/hotline");

        WebElement ledger = alarm("ledger");
        assertThat(ledger.getText()).contains("IR's log did not check out: BAD_SIGNATURE").contains("/ledger/alarms");
        assertThat(browser.findElement(By.id("alarms-title")).getText()).isEqualTo("Alarms (4)");
        chrome.assertAccessible("desk-alarms");
        chrome.screenshot("desk-alarms");

        // IR comes back and PK's message is delivered: within the desk's next refresh, without a reload,
        // the partner is reachable and nothing waits; the missed test call and the ledger alarm stand
        browser.executeScript("window.sameDocument = true;");
        nodes.restartIr();
        assertThat(nodes.pk.bean(OutboxDelivery.class).deliver(IR)).isPositive();
        new WebDriverWait(browser, Duration.ofSeconds(45), Duration.ofMillis(200)).until(d ->
                d.findElements(By.cssSelector("#alarms li.alarm[data-kind='unreachable'], #alarms li.alarm[data-kind='undelivered']"))
                        .isEmpty());
        assertThat(browser.executeScript("return window.sameDocument === true;")).isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector("#alarms li.alarm"))).extracting(e -> e.getAttribute("data-kind"))
                .containsExactlyInAnyOrder("test-call", "ledger");
        assertThat(ledgerAlarm).isPositive();
    }

    // ---------------------------------------------------------------- helpers

    /** The alarm of this kind on the desk, reloading it meanwhile: the hotline's alarms are read at most every 5 s (its health's reading). */
    static WebElement alarm(String kind) {
        return chrome.deskAlarm(kind);
    }

    static String shown(Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(at);
    }

    static void pkCalls(String text) throws Exception {
        HttpResponse<String> sent = as(nodes.pk, Role.LIAISON, "POST", "/api/hotline/calls", """
                {"from":{"name":"Duty officer PK","post":"DGMO office"},"addressee":"IR",
                 "to":{"name":"Duty officer IR","post":"Operations"},"priority":"ROUTINE","text":"%s"}""".formatted(text));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
    }

    static HttpResponse<String> as(TestNode node, Role role, String method, String path, String body) throws Exception {
        String[] basic = Https.basic(node.username(role), node.password(role));
        return Https.to(node).send(method, path, body, basic[0], basic[1], "Content-Type", "application/json");
    }
}
