package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Browser;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A notice's page, and the map's way to it, as the liaison officers and viewers of PK and IR see them in
 * Debian's headless Chromium against the two nodes running for real: PK's notice opened from IR's map,
 * a conflict answered on the notice page (a field error first), PK seeing the answer after delivery, a
 * viewer with no forms, and the intel locations on the map.
 */
class TheNoticePageInABrowserTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static TwoNodes nodes;
    static Browser chrome;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        chrome = Browser.open(1400, 900);
        browser = chrome.driver();
    }

    @AfterAll
    static void stop() {
        if (chrome != null) {
            chrome.close();
        }
    }

    @BeforeEach
    void loggedOut() {
        browser.get(nodes.pk.url() + "/login");
        browser.manage().deleteAllCookies();
        browser.get(nodes.ir.url() + "/login");
        browser.manage().deleteAllCookies();
    }

    @Test
    void irsLiaisonSeesPksNoticeArriveOnTheMapLiveOpensItByClickingAndSeesItsEvaluation() throws Exception {
        // given IR's liaison officer on the map, its live stream open
        openMap(nodes.ir, Role.LIAISON);
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));

        // when PK sends a patrol near Panjgur and PK's outbox delivers it
        String noticeId = pkSends(aNotice(63.39, 27.11, 2));
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));

        // then it appears on IR's map without a reload
        new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(100)).until(d -> layerIds("notices", "id").contains(noticeId));

        // and a click on it tells what it is and links to its page
        clickFeature("notices", "id", noticeId);
        WebElement popup = chrome.waitFor(Duration.ofSeconds(5), By.cssSelector(".leaflet-popup .popup-notices"));
        assertThat(popup.getAttribute("textContent")).contains(noticeId).contains("BORDER_PATROL");
        popup.findElement(By.cssSelector("a.page-link")).click();

        // and its page shows the notice as IR holds it, with its evaluation
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/console/notices/" + noticeId));
        assertThat(browser.findElement(By.id("notice-id")).getText()).isEqualTo(noticeId);
        assertThat(browser.findElement(By.id("direction")).getText()).isEqualTo("Received from PK");
        assertThat(browser.findElement(By.id("distance")).getText()).matches("Distance to the border: \\d+(\\.\\d+)? km");
        assertThat(browser.findElement(By.id("verdict")).getText()).startsWith("No sovereignty violation");
        assertThat(browser.findElement(By.id("classification")).getText()).isEqualTo("AMBER_STRICT");
        assertThat(browser.findElement(By.id("contact")).getText()).contains("Duty officer");
        assertThat(browser.findElement(By.cssSelector("#history li.version")).getText()).startsWith("revision 1");
        // a received notice is not IR's to withdraw
        assertThat(browser.findElements(By.id("step-withdraw"))).isEmpty();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(By.id("notice-map"), "data-drawn", "true"));
        chrome.assertAccessible("notice");
        chrome.screenshot("notice");
    }

    @Test
    void aConflictAwaitingIrIsAnsweredOnTheNoticePageFirstWithoutAReasonThenWithOneAndPkSeesTheAnswer() throws Exception {
        // given IR's protected site at the Taftan-Mirjaveh crossing, known to PK
        String site = "Crossing market " + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode sites = JSON.createObjectNode().put("type", "FeatureCollection");
        ObjectNode feature = sites.putArray("features").addObject().put("type", "Feature");
        feature.putObject("properties").put("name", site).put("kind", "crossing-point").put("marking", "green");
        feature.set("geometry", square(61.519, 28.9921, 0.04));
        HttpResponse<String> declared = send(nodes.ir, Role.LIAISON, "/api/deconfliction/sites", sites.toString());
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
        eventually(nodes.pk, "/api/deconfliction/map/sites", r -> r.body().contains(site));

        // and PK's patrol round Taftan overlapping it: a conflict awaiting IR's answer
        String noticeId = pkSends(aNotice(61.583, 28.967, 4));
        String conflictId = null;
        for (JsonNode c : JSON.readTree(get(nodes.pk, "/api/deconfliction/notices/" + noticeId).body()).path("conflicts")) {
            if (site.equals(c.path("with").asString(""))) {
                conflictId = c.path("id").asString();
            }
        }
        assertThat(conflictId).as("the conflict with " + site).isNotNull();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        String id = conflictId;
        eventually(nodes.ir, "/api/deconfliction/conflicts/" + id, r -> r.statusCode() == 200);

        // when IR's liaison officer opens the notice's page
        chrome.logIn(nodes.ir, Role.LIAISON);
        browser.get(nodes.ir.url() + "/console/notices/" + noticeId);
        By row = By.cssSelector("tr[data-conflict-id='" + id + "']");
        assertThat(browser.findElement(row).findElement(By.cssSelector(".answering")).getText()).isEqualTo("IR");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> d.findElement(row).findElement(By.cssSelector("time[data-due]"))
                .getText().endsWith("left"));

        // and objects without a reason
        browser.findElement(row).findElement(By.cssSelector("button.object")).click();

        // then the API's error stands next to the reason field
        WebElement error = chrome.waitFor(Duration.ofSeconds(10), By.cssSelector("tr[data-conflict-id='" + id + "'] .field-error"));
        assertThat(error.getAttribute("data-field")).isEqualTo("reason");
        assertThat(browser.getCurrentUrl()).contains("/console/notices/" + noticeId);

        // when it objects with a reason
        String reason = "The crossing is open to traders on those days; patrol north of the N-40 instead.";
        browser.findElement(row).findElement(By.cssSelector("input[name='reason']")).sendKeys(reason);
        browser.findElement(row).findElement(By.cssSelector("button.object")).click();

        // then the page shows the conflict answered
        chrome.waitFor(Duration.ofSeconds(10), By.cssSelector("p.notice"));
        assertThat(browser.findElement(row).findElement(By.cssSelector(".verdict")).getText()).isEqualTo("OBJECT");
        assertThat(browser.findElement(row).findElement(By.cssSelector(".reason")).getText()).isEqualTo(reason);
        assertThat(browser.findElement(row).findElements(By.cssSelector("form"))).isEmpty();
        chrome.assertAccessible("notice-answered");
        chrome.screenshot("notice-answered");

        // and once IR's outbox delivers the answer, PK's page of its notice shows it too
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
        chrome.logIn(nodes.pk, Role.LIAISON);
        browser.get(nodes.pk.url() + "/console/notices/" + noticeId);
        new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(300)).until(d -> {
            List<WebElement> verdict = d.findElements(By.cssSelector("tr[data-conflict-id='" + id + "'] .verdict"));
            if (!verdict.isEmpty() && verdict.get(0).getText().equals("OBJECT")) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        assertThat(browser.findElement(row).findElement(By.cssSelector(".reason")).getText()).isEqualTo(reason);
        assertThat(browser.findElement(By.id("direction")).getText()).isEqualTo("Sent by this node");
        // PK's own notice: PK's liaison may revise or withdraw it, and answers no conflict of its own notice
        assertThat(browser.findElements(By.id("step-withdraw"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("tr.conflict form"))).isEmpty();
        chrome.assertAccessible("notice-pk");
    }

    @Test
    void pksLiaisonRevisesThenWithdrawsItsNoticeAndTheApisErrorsStandNextToTheFields() throws Exception {
        String noticeId = pkSends(aNotice(63.40, 27.12, 1));
        chrome.logIn(nodes.pk, Role.LIAISON);
        browser.get(nodes.pk.url() + "/console/notices/" + noticeId);

        // a window that ends before it starts is refused with the API's error on the revise form
        setValue("revise-end", "2020-01-01T00:00");
        browser.findElement(By.cssSelector("#step-revise button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).withMessage(() -> browser.getCurrentUrl() + "\n"
                + browser.findElement(By.tagName("main")).getText()).until(d -> !d.findElements(By.cssSelector("#step-revise .field-error")).isEmpty());
        WebElement windowError = browser.findElement(By.cssSelector("#step-revise .field-error"));
        assertThat(windowError.getAttribute("data-field")).startsWith("window");
        assertThat(browser.findElement(By.id("revision")).getText()).isEqualTo("1");

        // a later window, with a reason, is the notice's second revision
        String start = java.time.LocalDateTime.ofInstant(Instant.now().plus(Duration.ofDays(5)), java.time.ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES).toString();
        String end = java.time.LocalDateTime.ofInstant(Instant.now().plus(Duration.ofDays(5)).plus(Duration.ofHours(6)),
                java.time.ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toString();
        setValue("revise-start", start);
        setValue("revise-end", end);
        browser.findElement(By.id("revise-reason")).sendKeys("A day later, after IR's request.");
        browser.findElement(By.cssSelector("#step-revise button")).click();
        chrome.waitFor(Duration.ofSeconds(10), By.cssSelector("p.notice"));
        assertThat(browser.findElement(By.id("revision")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("history")).getText()).contains("A day later, after IR's request.");

        // a reason longer than the API allows is its error, next to the field
        ((JavascriptExecutor) browser).executeScript("document.getElementById('withdraw-reason').value = 'x'.repeat(2001);");
        browser.findElement(By.cssSelector("#step-withdraw button")).click();
        WebElement error = chrome.waitFor(Duration.ofSeconds(10), By.cssSelector("#step-withdraw .field-error"));
        assertThat(error.getAttribute("data-field")).isEqualTo("reason");

        // with a reason it is withdrawn
        browser.findElement(By.id("withdraw-reason")).clear();
        browser.findElement(By.id("withdraw-reason")).sendKeys("The patrol was called off.");
        browser.findElement(By.cssSelector("#step-withdraw button")).click();
        chrome.waitFor(Duration.ofSeconds(10), By.cssSelector("p.notice"));
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("WITHDRAWN");
        assertThat(browser.findElement(By.id("withdrawn")).getText()).contains("The patrol was called off.");
        assertThat(browser.findElements(By.id("step-withdraw"))).isEmpty();
    }

    @Test
    void aViewerSeesNoFormsAndAForgedPostFromItsSessionIsRefused() throws Exception {
        String noticeId = pkSends(aNotice(63.38, 27.09, 1));
        chrome.logIn(nodes.pk, Role.VIEWER);
        browser.get(nodes.pk.url() + "/console/notices/" + noticeId);
        assertThat(browser.findElement(By.id("notice-id")).getText()).isEqualTo(noticeId);
        assertThat(browser.findElements(By.cssSelector("main form"))).isEmpty();
        assertThat(browser.findElement(By.id("read-only")).getText()).startsWith("Read only");
        assertThat(forgedPost("/console/notices/" + noticeId + "/withdraw")).isEqualTo(403L);
        assertThat(forgedPost("/console/notices/" + noticeId + "/revise")).isEqualTo(403L);
        assertThat(forgedPost("/console/deconfliction/conflicts/conflict--x/object")).isEqualTo(403L);
        // and the notice stands
        assertThat(JSON.readTree(get(nodes.pk, "/api/deconfliction/notices/" + noticeId).body()).path("state").asString())
                .isEqualTo("STANDING");
    }

    @Test
    void theIntelLocationsLayerShowsALocationMadeThroughTheApiWithItsTlpAndALinkToItsPage() throws Exception {
        // given a location near Turbat made at PK through the API
        String name = "Hideout " + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode location = TheIntelligencePagesInABrowserTest.object("location", name, Tlp.GREEN);
        location.put("latitude", 26.0).put("longitude", 63.05).put("country", "PK");
        ObjectNode bundle = JSON.createObjectNode().put("type", "bundle").put("id", "bundle--" + UUID.randomUUID());
        bundle.putArray("objects").add(location);
        String[] analyst = Https.basic(nodes.pk.username(Role.ANALYST), nodes.pk.password(Role.ANALYST));
        HttpResponse<String> imported = Https.to(nodes.pk).send("POST", "/api/intel/bundle", bundle.toString(), analyst[0], analyst[1],
                "Content-Type", "application/json");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        String id = location.path("id").asString();

        // when PK's viewer opens the map and clicks it
        openMap(nodes.pk, Role.VIEWER);
        assertThat(layerIds("locations", "id")).contains(id);
        clickFeature("locations", "id", id);

        // then the popup names it, with its marking, and links to its object page
        WebElement popup = chrome.waitFor(Duration.ofSeconds(5), By.cssSelector(".leaflet-popup .popup-locations"));
        assertThat(popup.getAttribute("textContent")).contains(name).contains("TLP:GREEN");
        assertThat(popup.findElement(By.cssSelector("a.page-link")).getAttribute("href")).endsWith("/console/intel/objects/" + id);
        chrome.assertAccessible("map-intel");
        chrome.screenshot("map-intel");
    }

    // ---------------------------------------------------------------- helpers

    static ObjectNode aNotice(double lon, double lat, double radiusKm) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "notice-page-" + UUID.randomUUID());
        body.put("partner", "IR");
        body.put("type", "BORDER_PATROL");
        ObjectNode area = body.putObject("area");
        area.putObject("centre").put("type", "Point").putArray("coordinates").add(lon).add(lat);
        area.put("radiusKm", radiusKm);
        Instant start = Instant.now().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.SECONDS);
        body.putObject("window").put("start", start.toString()).put("end", start.plus(Duration.ofHours(24)).toString());
        body.putObject("contact").put("name", "Duty officer, Frontier Corps Balochistan (South)").put("channel", "Concord hotline, desk 2");
        body.put("classification", "AMBER_STRICT");
        return body;
    }

    static String pkSends(ObjectNode notice) throws Exception {
        HttpResponse<String> sent = send(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", notice.toString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        return JSON.readTree(sent.body()).path("notice").asString();
    }

    static ObjectNode square(double lon, double lat, double half) {
        ObjectNode polygon = JSON.createObjectNode().put("type", "Polygon");
        ArrayNode ring = polygon.putArray("coordinates").addArray();
        double[][] corners = {{lon - half, lat - half}, {lon + half, lat - half}, {lon + half, lat + half}, {lon - half, lat + half},
            {lon - half, lat - half}};
        for (double[] c : corners) {
            ring.addArray().add(c[0]).add(c[1]);
        }
        return polygon;
    }

    static HttpResponse<String> send(TestNode node, Role role, String path, String body) throws Exception {
        String[] basic = Https.basic(node.username(role), node.password(role));
        return Https.to(node).send("POST", path, body, basic[0], basic[1], "Content-Type", "application/json");
    }

    static HttpResponse<String> get(TestNode node, String path) throws Exception {
        String[] basic = Https.basic(node.username(Role.VIEWER), node.password(Role.VIEWER));
        return Https.to(node).get(path, basic);
    }

    static void eventually(TestNode node, String path, Predicate<HttpResponse<String>> done) throws Exception {
        Instant until = Instant.now().plusSeconds(15);
        while (true) {
            HttpResponse<String> r = get(node, path);
            if (done.test(r)) {
                return;
            }
            assertThat(Instant.now()).as(path + " at " + node.code() + ": " + r.statusCode() + " " + r.body()).isBefore(until);
            Thread.sleep(200);
        }
    }

    static void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    static long forgedPost(String path) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {'Content-Type': 'application/x-www-form-urlencoded'};
                headers[document.querySelector('meta[name=_csrf_header]').content] = document.querySelector('meta[name=_csrf]').content;
                fetch(arguments[0], {method: 'POST', headers: headers, body: 'reason=forged&start=2030-01-01T00%3A00&end=2030-01-02T00%3A00',
                    credentials: 'same-origin', redirect: 'manual'}).then(r => done(r.status), e => done(-1));""", path);
        return ((Number) status).longValue();
    }

    static void openMap(TestNode node, Role role) {
        chrome.logIn(node, role);
        browser.findElement(By.id("nav-map")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/console/map"));
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100))
                .until(ExpectedConditions.attributeToBe(By.id("map"), "data-loaded", "true"));
    }

    @SuppressWarnings("unchecked")
    static List<String> layerIds(String layer, String property) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                const l = window.concordMap && window.concordMap.layers[arguments[0]];
                return l ? l.getLayers().map(f => f.feature.properties[arguments[1]]) : [];""", layer, property);
    }

    static void clickFeature(String layer, String property, String value) {
        ((JavascriptExecutor) browser).executeScript("""
                const f = window.concordMap.layers[arguments[0]].getLayers().find(l => l.feature.properties[arguments[1]] === arguments[2]);
                f.fire('click', {latlng: f.getLatLng ? f.getLatLng() : f.getBounds().getCenter()});""", layer, property, value);
    }
}
