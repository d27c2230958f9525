package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.Browser;
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

/**
 * The map as PK's liaison officer and IR's viewer see it, in Debian's headless Chromium against PK
 * and IR running for real: the notice drawn at PK travels to IR over the nodes' HTTPS.
 */
class TheMapInABrowserTest {

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
    void aLiaisonAtPkDrawsANoticeNearTheBorderSeesItsDistanceSendsItAndIrsViewerSeesItOnTheMap() throws Exception {
        // given PK's liaison officer on the map, its border drawn
        openMap(nodes.pk, Role.LIAISON);
        assertThat(layerSize("border")).isEqualTo(1);
        assertThat(layerSize("boundaries")).isEqualTo(2);
        assertThat(browser.findElements(By.cssSelector("#map path.leaflet-interactive, #map svg path"))).isNotEmpty();

        // when the officer draws an area a few km from the border, near Panjgur, and fills in the form
        browser.findElement(By.id("draw-start")).click();
        clickOnMap(27.10, 63.37);
        clickOnMap(27.10, 63.41);
        clickOnMap(27.13, 63.41);
        clickOnMap(27.13, 63.37);
        browser.findElement(By.id("draw-finish")).click();
        browser.findElement(By.id("notice-contact")).sendKeys("Duty officer, Frontier Corps Balochistan (South)");
        browser.findElement(By.id("notice-channel")).sendKeys("Concord hotline, desk 2");
        browser.findElement(By.id("notice-dry-run")).click();

        // then the dry run says how far from the border it is, before anything is sent
        WebElement distance = waitFor(Duration.ofSeconds(10), By.id("distance"));
        assertThat(distance.getText()).matches("Distance to the border: \\d+(\\.\\d+)? km");
        assertThat(browser.findElements(By.id("sent"))).isEmpty();
        screenshot("map");
        chrome.assertFitsAtTabletWidth("map-800");

        // when it is sent, and PK's outbox delivers it to IR
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.elementToBeClickable(By.id("notice-send")));
        browser.findElement(By.id("notice-send")).click();
        WebElement sent = waitFor(Duration.ofSeconds(10), By.id("sent"));
        String noticeId = sent.getText().replaceFirst(".*notice ", "").strip();
        assertThat(noticeId).isNotBlank();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));

        // then IR's viewer sees it on IR's map, and no drawing tools
        loggedOut();
        openMap(nodes.ir, Role.VIEWER);
        new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(500)).until(d -> {
            if (noticeIds().contains(noticeId)) {
                return true;
            }
            browser.navigate().refresh();
            waitForLayers();
            return false;
        });
        assertThat(browser.findElements(By.id("draw-start"))).isEmpty();
        assertThat(browser.findElements(By.id("notice-form"))).isEmpty();
        assertThat(browser.findElement(By.id("read-only")).getText()).contains("Read only");
        // and a click on it tells what it is
        ((JavascriptExecutor) browser).executeScript("""
                window.concordMap.layers.notices.getLayers().find(l => l.feature.properties.id === arguments[0]).fire('click', {
                  latlng: window.concordMap.layers.notices.getLayers().find(l => l.feature.properties.id === arguments[0]).getBounds().getCenter()});""",
                noticeId);
        WebElement popup = waitFor(Duration.ofSeconds(5), By.cssSelector(".leaflet-popup .popup-notices"));
        assertThat(popup.getAttribute("textContent")).contains(noticeId).contains("BORDER_PATROL").contains("PK");
        screenshot("map-ir");
    }

    @Test
    void aNoticeAroundAPointIsDrawnAsItsCircleFromItsCentreAndRadiusWhileTheApiLayerKeepsItsFootprint() throws Exception {
        // given PK's notice of a patrol within 3 km of a point near Taftan, sent through the API
        String[] basic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        java.time.Instant start = java.time.Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String noticeId = "test-circle-" + java.util.UUID.randomUUID();
        HttpResponse<String> sent = Https.to(nodes.pk).send("POST", "/api/deconfliction/notices", """
                {"id": "%s", "partner": "IR", "type": "BORDER_PATROL",
                 "area": {"centre": {"type": "Point", "coordinates": [62.9, 28.7]}, "radiusKm": 3},
                 "window": {"start": "%s", "end": "%s"},
                 "contact": {"name": "Duty officer, Frontier Corps", "channel": "Concord hotline, desk 2"},
                 "classification": "AMBER_STRICT"}""".formatted(noticeId, start, start.plus(Duration.ofHours(6))),
                basic[0], basic[1], "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);

        // then the API's layer holds its footprint, a polygon
        HttpResponse<String> api = Https.to(nodes.pk).send("GET", "/api/deconfliction/map/notices", null, basic[0], basic[1]);
        JsonNode feature = null;
        for (JsonNode f : JSON.readTree(api.body()).path("features")) {
            if (f.path("properties").path("id").asString().equals(noticeId)) {
                feature = f;
            }
        }
        assertThat(feature).as(api.body()).isNotNull();
        assertThat(feature.path("geometry").path("type").asString()).isEqualTo("Polygon");

        // and the console's map draws it as a circle of 3 km around its centre, which a click explains
        openMap(nodes.pk, Role.VIEWER);
        @SuppressWarnings("unchecked")
        List<Object> circle = (List<Object>) ((JavascriptExecutor) browser).executeScript("""
                const l = window.concordMap.layers.notices.getLayers().find(l => l.feature.properties.id === arguments[0]);
                return l instanceof L.Circle ? [l.getRadius(), l.getLatLng().lat, l.getLatLng().lng] : null;""", noticeId);
        assertThat(circle).as("the notice drawn as an L.Circle").isNotNull();
        assertThat(((Number) circle.get(0)).doubleValue()).isEqualTo(3000.0);
        assertThat(((Number) circle.get(1)).doubleValue()).isEqualTo(28.7);
        assertThat(((Number) circle.get(2)).doubleValue()).isEqualTo(62.9);
        ((JavascriptExecutor) browser).executeScript("""
                const l = window.concordMap.layers.notices.getLayers().find(l => l.feature.properties.id === arguments[0]);
                l.fire('click', {latlng: l.getLatLng()});""", noticeId);
        WebElement popup = waitFor(Duration.ofSeconds(5), By.cssSelector(".leaflet-popup .popup-notices"));
        assertThat(popup.getAttribute("textContent")).contains(noticeId).contains("BORDER_PATROL").contains("radiusKm");
    }

    @Test
    void withASecondPartnerTheOfficerChoosesWhichPairIsDrawn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path keys)
            throws Exception {
        // given PK paired with Afghanistan too (a record made from keys of its own; no AF node runs)
        org.concord.party.PairingRecord af = org.concord.party.keys.FileNodeIdentity.loadOrCreate(
                new org.concord.node.NodeSettings(new org.concord.node.NodeSettings.PartySettings("AF", "Afghanistan"),
                        java.net.URI.create("https://localhost:1"), keys, null), java.time.Clock.systemUTC()).pairingRecord();
        nodes.pk.bean(org.concord.party.Pairing.class).pair(af, "test", false);
        try {
            // when PK's viewer opens the map, the first pair (PK – AF, alphabetical) is drawn, and IR is chosen
            openMap(nodes.pk, Role.VIEWER);
            assertThat(countries()).containsExactlyInAnyOrder("PK", "AF");
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("map-partner"))).selectByValue("IR");
            waitForLayers();

            // then the countries, border and zone are PK's and IR's, the border is there, and the notices stay drawn
            assertThat(countries()).containsExactlyInAnyOrder("PK", "IR");
            assertThat(layerSize("border")).isPositive();
            assertThat(browser.findElement(By.id("map")).getAttribute("data-partner")).isEqualTo("IR");
            assertThat(browser.findElement(By.id("layers-status")).getText()).isEqualTo("Pair shown: PK – IR.");
            assertThat(layerSize("notices")).isEqualTo((long) noticeIds().size());
        } finally {
            nodes.pk.bean(org.concord.party.Pairing.class).unpair(org.concord.party.PartyCode.of("AF"), "test");
        }
    }

    @Test
    void nearTheTripointTheDryRunSaysTheNoticeGoesToBothNeighboursEachWithItsOwnDistance(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path keys) throws Exception {
        // given PK paired with Afghanistan too (a record of its own keys; no AF node runs, so only a dry run: nothing is queued)
        org.concord.party.PairingRecord af = org.concord.party.keys.FileNodeIdentity.loadOrCreate(
                new org.concord.node.NodeSettings(new org.concord.node.NodeSettings.PartySettings("AF", "Afghanistan"),
                        java.net.URI.create("https://localhost:1"), keys, null), java.time.Clock.systemUTC()).pairingRecord();
        nodes.pk.bean(org.concord.party.Pairing.class).pair(af, "test", false);
        try {
            // when PK's liaison officer draws a patrol in the corner of Pakistan between Iran and Afghanistan, addressed to IR
            openMap(nodes.pk, Role.LIAISON);
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("map-partner"))).selectByValue("IR");
            waitForLayers();
            browser.findElement(By.id("draw-start")).click();
            clickOnMap(29.38, 61.53);
            clickOnMap(29.38, 61.57);
            clickOnMap(29.42, 61.57);
            clickOnMap(29.42, 61.53);
            browser.findElement(By.id("draw-finish")).click();
            browser.findElement(By.id("notice-contact")).sendKeys("Duty officer, Frontier Corps Balochistan (North)");
            browser.findElement(By.id("notice-channel")).sendKeys("Concord hotline, desk 2");
            browser.findElement(By.id("notice-dry-run")).click();

            // then the dry run says it goes to both, each measured to its own border, before anything is sent
            assertThat(waitFor(Duration.ofSeconds(10), By.id("addressees")).getText())
                    .isEqualTo("Goes to IR and AF: the area lies in the notice zone of each.");
            List<WebElement> each = browser.findElements(By.cssSelector("#addressee-evaluations li.addressee"));
            assertThat(each).extracting(e -> e.getAttribute("data-partner")).containsExactly("IR", "AF");
            assertThat(each.get(0).getText()).matches("IR: 1\\d(\\.\\d+)? km from its border, notice required, .*");
            assertThat(each.get(1).getText()).matches("AF: 2\\d(\\.\\d+)? km from its border, notice required, .*");
            assertThat(nodes.pk.bean(org.concord.exchange.Outbox.class).pending(org.concord.party.PartyCode.of("AF"))).isEmpty();
            chrome.assertAccessible("map-tripoint");
        } finally {
            nodes.pk.bean(org.concord.party.Pairing.class).unpair(org.concord.party.PartyCode.of("AF"), "test");
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> countries() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return window.concordMap.layers.boundaries.getLayers().map(l => l.feature.properties.code);");
    }

    @Test
    void anIncidentPkReportedIsOnPksMapWithALinkToItsCasePage() throws Exception {
        // given PK's report of shelling near Saravan
        String[] basic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        HttpResponse<String> reported = Https.to(nodes.pk).send("POST", "/api/incidents", """
                {"addressee":"IR","occurredAt":"2024-01-17T06:00:00Z","place":{"type":"Point","coordinates":[62.3342,27.3709]},
                 "incidentType":"SHELLING","whatHappened":"Mortar rounds landed near a border post.",
                 "claims":[{"ref":"claim-1","statement":"The rounds were fired from across the border."}]}""",
                basic[0], basic[1], "Content-Type", "application/json");
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        JsonNode incident = JSON.readTree(reported.body());
        String caseId = incident.hasNonNull("caseId") ? incident.path("caseId").asString() : incident.path("incidentId").asString();

        // when PK's viewer opens the map and clicks the incident's place
        openMap(nodes.pk, Role.VIEWER);
        ((JavascriptExecutor) browser).executeScript("""
                const l = window.concordMap.layers.incidents.getLayers().find(l => l.feature.properties.caseId === arguments[0]);
                l.fire('click', {latlng: l.getLatLng()});""", caseId);

        // then the popup says what happened and links to the case page
        WebElement popup = waitFor(Duration.ofSeconds(5), By.cssSelector(".leaflet-popup .popup-incidents"));
        assertThat(popup.getAttribute("textContent")).contains("SHELLING").contains("Mortar rounds");
        assertThat(popup.findElement(By.cssSelector("a.case-link")).getAttribute("href")).endsWith("/console/cases/" + caseId);
    }

    @Test
    void anAreaInsideIranIsRefusedOnTheDryRunAndCanBeAskedOfIrInstead() {
        // given PK's liaison officer drawing an area west of the border, in Iran
        openMap(nodes.pk, Role.LIAISON);
        browser.findElement(By.id("draw-start")).click();
        clickOnMap(27.50, 62.50);
        clickOnMap(27.50, 62.55);
        clickOnMap(27.55, 62.55);
        browser.findElement(By.id("draw-finish")).click();
        browser.findElement(By.id("notice-contact")).sendKeys("Duty officer");
        browser.findElement(By.id("notice-channel")).sendKeys("Concord hotline, desk 2");

        // when the dry run runs
        browser.findElement(By.id("notice-dry-run")).click();

        // then it is refused for sovereignty, nothing can be sent, and IR may be asked instead
        WebElement refusal = waitFor(Duration.ofSeconds(10), By.id("refusal"));
        assertThat(refusal.getText()).startsWith("Refused:");
        assertThat(browser.findElement(By.id("notice-send")).isEnabled()).isFalse();
        // (the notice's AMBER is not shared with IR by this node's policy: the request goes as GREEN)
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("ask-tlp"))).selectByValue("GREEN");
        browser.findElement(By.id("ask-instead")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(50)).until(d -> !d.findElements(By.cssSelector("#asked a")).isEmpty()
                || !d.findElements(By.cssSelector("#evaluation p.error:not(#refusal)")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#evaluation p.error:not(#refusal)"))).extracting(WebElement::getText).isEmpty();
        WebElement asked = browser.findElement(By.cssSelector("#asked a"));
        assertThat(asked.getAttribute("href")).contains("/console/cases/" + asked.getText());
    }

    @Test
    void aForgedNoticeFromAViewersSessionIsRefused() {
        openMap(nodes.ir, Role.VIEWER);
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {'Content-Type': 'application/json'};
                headers[document.querySelector('meta[name=_csrf_header]').content] = document.querySelector('meta[name=_csrf]').content;
                fetch('/console/map/notices?dryRun=true', {method: 'POST', headers: headers, body: '{}', credentials: 'same-origin'})
                  .then(r => done(r.status), e => done(-1));""");
        assertThat(status).isEqualTo(403L);
    }

    // ---------------------------------------------------------------- helpers

    static void openMap(TestNode node, Role role) {
        chrome.logIn(node, role);
        browser.findElement(By.id("nav-map")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/console/map"));
        assertThat(browser.findElement(By.id("roles")).getText()).isEqualTo(role.name());
        waitForLayers();
    }

    static void waitForLayers() {
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100))
                .until(ExpectedConditions.attributeToBe(By.id("map"), "data-loaded", "true"));
    }

    static long layerSize(String name) {
        return Long.parseLong(browser.findElement(By.id("map")).getAttribute("data-layer-" + name));
    }

    /** A click on the map at this place, through Leaflet's own event, so the page's drawing code handles it. */
    static void clickOnMap(double lat, double lon) {
        ((JavascriptExecutor) browser).executeScript("""
                const m = window.concordMap.map;
                const latlng = L.latLng(arguments[0], arguments[1]);
                m.fire('click', {latlng: latlng, layerPoint: m.latLngToLayerPoint(latlng),
                  containerPoint: m.latLngToContainerPoint(latlng)});""", lat, lon);
    }

    @SuppressWarnings("unchecked")
    static List<String> noticeIds() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                const layer = window.concordMap && window.concordMap.layers.notices;
                return layer ? layer.getLayers().map(l => l.feature.properties.id) : [];""");
    }

    static WebElement waitFor(Duration atMost, By what) {
        return chrome.waitFor(atMost, what);
    }

    static void screenshot(String name) throws Exception {
        chrome.assertAccessible(name);
        chrome.screenshot(name);
    }
}
