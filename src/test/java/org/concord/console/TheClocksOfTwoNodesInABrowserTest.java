package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.concord.exchange.PartnerClock;
import org.concord.exchange.sync.PartnerProbe;
import org.concord.party.Pairing;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Browser;
import org.concord.testing.Https;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two real nodes whose clocks drift apart, as an operator and an officer on duty see it: IR's node keeps its time by a
 * clock set ahead of the real one (PK's keeps the real time), each node's partner probe asks the other's TAXII API root
 * over HTTPS, and each side is told, before any message is refused, how far the other's clock stands and what that does:
 * on the desk, on the admin page, in {@code /actuator/health/partners} and the metric.
 */
class TheClocksOfTwoNodesInABrowserTest {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Skewed irClock = new Skewed();
    static TestNode pk;
    static TestNode ir;
    static Browser chrome;
    static ChromeDriver browser;

    /** The real time, moved by {@link #set}: the clock of a node whose time synchronisation failed. */
    static final class Skewed extends Clock {
        final AtomicReference<Duration> by = new AtomicReference<>(Duration.ZERO);

        void set(Duration offset) {
            by.set(offset);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(by.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @BeforeAll
    static void begin() {
        pk = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, null, null, Map.of(), Clock.systemUTC());
        ir = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.POSTGRES, null, null, Map.of(), irClock);
        pk.bean(Pairing.class).pair(ir.identity().pairingRecord(), "test", false);
        ir.bean(Pairing.class).pair(pk.identity().pairingRecord(), "test", false);
        chrome = Browser.open(1400, 900);
        browser = chrome.driver();
    }

    @AfterAll
    static void end() {
        if (chrome != null) {
            chrome.close();
        }
        for (TestNode node : new TestNode[] {pk, ir}) {
            if (node != null) {
                node.close();
                Postgres.dropSchema(node.schema());
            }
        }
    }

    @Test
    void eachSideIsToldHowFarTheOtherClockStandsAndWhatItDoesBeforeAnyMessageIsRefused() throws Exception {
        // in step: the desk is quiet, the admin page says so
        probeBoth();
        chrome.logIn(pk, Role.LIAISON);
        assertThat(chrome.waitFor(Duration.ofSeconds(5), By.id("alarms-title")).getText()).isEqualTo("Alarms (none)");
        assertThat(clock(pk, IR).path("state").asString()).isEqualTo("IN_STEP");
        assertThat(clock(pk, IR).path("offsetSeconds").asDouble()).isCloseTo(0.0, within(2.0));

        // IR's time synchronisation fails and its clock runs 6 min 30 s ahead
        irClock.set(Duration.ofMinutes(6).plusSeconds(30));
        probeBoth();

        // PK's operator: the partners' health is out of service, naming the offset and what it does
        JsonNode pkHealth = health(pk);
        assertThat(pkHealth.path("status").asString()).isEqualTo("OUT_OF_SERVICE");
        JsonNode seenByPk = pkHealth.path("details").path("IR").path("clock");
        assertThat(seenByPk.path("offsetSeconds").asDouble()).isCloseTo(390.0, within(2.0));
        assertThat(seenByPk.path("state").asString()).isEqualTo("PARTNER_AHEAD");
        assertThat(seenByPk.path("effect").asString()).contains("this node refuses IR's case messages as dated ahead");
        assertThat(Https.to(pk).get("/actuator/prometheus", Https.basic(pk.username(Role.ADMIN), pk.password(Role.ADMIN))).body())
                .containsPattern("concord_partner_clock_offset_seconds\\{[^}]*partner=\"IR\"[^}]*} 3(8[89]|9[0-2])\\.");

        // IR's operator sees the same difference from the other side
        JsonNode seenByIr = health(ir).path("details").path("PK").path("clock");
        assertThat(seenByIr.path("offsetSeconds").asDouble()).isCloseTo(-390.0, within(2.0));
        assertThat(seenByIr.path("state").asString()).isEqualTo("PARTNER_BEHIND");
        assertThat(seenByIr.path("effect").asString()).contains("PK refuses this node's case messages as dated ahead");

        // PK's officer on duty: an alarm on the desk that says what, since when and where to look
        WebElement pkAlarm = alarm("clock");
        assertThat(pkAlarm.getText()).containsPattern("IR's clock is 6 min (29|30|31) s ahead of this node's \\(within 0\\.\\d s, read ")
                .contains("This node refuses IR's requests, calls and other case messages as dated more than 5 min ahead")
                .contains("Have both nodes' time synchronised").contains("/actuator/health/partners");
        chrome.assertAccessible("desk-clock-alarm");
        chrome.screenshot("desk-clock-alarm");

        // IR's officer on duty, on IR's desk
        chrome.logOutOf(pk);
        chrome.logIn(ir, Role.LIAISON);
        WebElement irAlarm = alarm("clock");
        assertThat(irAlarm.getText()).containsPattern("PK's clock is 6 min (29|30|31) s behind this node's")
                .contains("PK refuses this node's requests, calls and other case messages");

        // IR's clock is brought back to 2 min ahead: no refusal yet, but deadlines shift; the health is up again
        irClock.set(Duration.ofMinutes(2));
        probeBoth();
        assertThat(health(pk).path("status").asString()).isEqualTo("UP");
        assertThat(clock(pk, IR).path("state").asString()).isEqualTo("DIFFERS");
        browser.navigate().refresh();
        assertThat(alarm("clock").getText()).containsPattern("PK's clock is (1 min 59 s|2 min|2 min 1 s) behind this node's")
                .contains("Deadlines each side shows are shifted by as much; at 5 min one side's case messages will be refused");

        // and back in step: the alarm leaves the desk; the admin page shows the reading
        irClock.set(Duration.ZERO);
        probeBoth();
        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofSeconds(1)).until(d -> {
            d.navigate().refresh();
            return d.findElements(By.cssSelector("#alarms li.alarm[data-kind='clock']")).isEmpty();
        });
        chrome.logOutOf(ir);
        chrome.logIn(pk, Role.ADMIN);
        browser.get(pk.url() + "/console/admin#partners");
        WebElement clock = chrome.waitFor(Duration.ofSeconds(5), By.cssSelector("tr.partner[data-partner='IR'] .clock"));
        assertThat(clock.getText()).startsWith("in step with this node's (within ");
        assertThat(clock.getAttribute("class")).contains("clock-ok");
        chrome.logOutOf(pk);
    }

    @Test
    void everyAnswerOfTheTaxiiServerStatesTheNodesOwnClockEvenARefusal() throws Exception {
        irClock.set(Duration.ofMinutes(10));
        try {
            Instant before = Instant.now();
            HttpResponse<String> refused = Https.to(ir).get("/taxii2/concord/");
            assertThat(refused.statusCode()).as("no credentials").isIn(401, 403);
            Instant stated = Instant.parse(refused.headers().firstValue(PartnerClock.HEADER).orElseThrow());
            assertThat(Duration.between(before, stated)).isBetween(Duration.ofMinutes(10).minusSeconds(1), Duration.ofMinutes(10).plusSeconds(5));
        } finally {
            irClock.set(Duration.ZERO);
        }
    }

    // ---------------------------------------------------------------- helpers

    static void probeBoth() {
        assertThat(pk.bean(PartnerProbe.class).probe(IR)).isTrue();
        assertThat(ir.bean(PartnerProbe.class).probe(PK)).isTrue();
    }

    static JsonNode health(TestNode node) throws Exception {
        HttpResponse<String> answer = Https.to(node).get("/actuator/health/partners", Https.basic(node.username(Role.ADMIN), node.password(Role.ADMIN)));
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 503);
        return JSON.readTree(answer.body());
    }

    static JsonNode clock(TestNode node, PartyCode partner) throws Exception {
        return health(node).path("details").path(partner.value()).path("clock");
    }

    /** The alarm of this kind on the desk, reloading it meanwhile. */
    static WebElement alarm(String kind) {
        return chrome.deskAlarm(kind);
    }
}
