package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.concord.demo.January2024;
import org.concord.exchange.sync.OutboxDelivery;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Eventually;
import org.concord.testing.Browser;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The desk as a duty officer at IR sees it, in Debian's headless Chromium against PK and IR running
 * for real: PK's requests and calls travel over the nodes' HTTPS, and the page is what the browser
 * renders and runs.
 */
class TheDeskInABrowserTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static TwoNodes nodes;
    static Browser chrome;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
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
        browser.get(nodes.ir.url() + "/login");
        browser.manage().deleteAllCookies();
    }

    @Test
    void aLiaisonAtIrSeesPksRequestOnTheDeskWithItsCountdown() throws Exception {
        // given PK's request for action, sent to IR through the API
        String caseId = pkSendsARequest();

        // when IR's liaison officer logs in
        logIn(nodes.ir, Role.LIAISON);

        // then the desk lists it among what awaits IR, with a countdown that runs, and the steps a liaison may take
        WebElement row = waitFor(Duration.ofSeconds(5), By.cssSelector("#awaiting-me tr[data-case-id='" + caseId + "']"));
        assertThat(row.findElement(By.cssSelector(".summary")).getText()).contains("Saravan");
        WebElement countdown = row.findElement(By.cssSelector("time[data-due]"));
        assertThat(countdown.getText()).matches("\\d+[dhm] .*left");
        String first = countdown.getText();
        new WebDriverWait(browser, Duration.ofSeconds(3)).until(d -> !countdown.getText().equals(first));
        assertThat(row.findElements(By.cssSelector(".action"))).extracting(WebElement::getText).contains("acknowledge");
        assertThat(row.findElement(By.cssSelector("a.json")).getAttribute("href")).endsWith("/api/requests/" + caseId);
        assertThat(browser.findElement(By.cssSelector(".help")).getText()).contains("soonest deadline first");
        assertThat(browser.findElement(By.cssSelector("#awaiting-me h2")).getText()).matches("Awaiting us \\(\\d+\\)");
        screenshot("desk");
        chrome.assertFitsAtTabletWidth("desk-800");
    }

    @Test
    void aFlashCallFromPkAppearsOnIrsDeskWithoutReload() throws Exception {
        // given IR's liaison officer on the desk, its live stream open
        logIn(nodes.ir, Role.LIAISON);
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

        // when PK's officer sends a FLASH on the hotline and it reaches IR
        String callId = pkSends("FLASH", "تماس فوری: پهپاد نزدیک مرز در سراوان");
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        long delivered = System.nanoTime();

        // then, without a reload, the call is on the desk and an alert says so (how fast is measured, not asserted)
        By call = By.cssSelector("#awaiting-me tr[data-case-id='" + callId + "']");
        waitFor(Browser.LIVE, call);
        WebElement alert = waitFor(Browser.LIVE, By.cssSelector("#alert:not([hidden])"));
        Browser.live("FLASH call on IR's desk, with the alert", delivered);
        assertThat(alert.getText()).contains("FLASH").contains("سراوان");
        // (the receipt IR signs just after storing the call makes one more read of the desk, which may replace the row)
        Browser.onStable(() -> {
            WebElement row = browser.findElement(call);
            assertThat(row.getAttribute("class")).contains("flash");
            assertThat(row.findElement(By.cssSelector(".summary")).getAttribute("dir")).isEqualTo("auto");
        });
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument === true;")).isEqualTo(true);
        screenshot("desk-flash");
    }

    @Test
    void anEscalationByPkRaisesAnAlertOnIrsDeskWithoutReload() throws Exception {
        // given PK's request on IR's desk, IR's liaison officer watching
        String caseId = pkSendsARequest();
        logIn(nodes.ir, Role.LIAISON);
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        waitFor(Duration.ofSeconds(5), By.cssSelector("#awaiting-me tr[data-case-id='" + caseId + "']"));
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

        // when PK escalates it to the security chiefs and the escalation reaches IR
        HttpResponse<String> escalated = asPkLiaison("/api/requests/" + caseId + "/messages",
                "{\"messageType\":\"escalate\",\"toLevel\":\"SECURITY_CHIEFS\",\"reason\":\"no answer yet\"}");
        assertThat(escalated.statusCode()).as(escalated.body()).isEqualTo(200);
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        long delivered = System.nanoTime();

        // then, without a reload, the desk shows the new rung and an alert names the escalation
        WebElement alert = waitFor(Browser.LIVE, By.cssSelector("#alert:not([hidden])"));
        Browser.live("escalation's alert on IR's desk", delivered);
        assertThat(alert.getText()).contains("The partner escalated").contains("SECURITY_CHIEFS");
        // (the receipt IR signs for the escalation makes one more read of the desk, which may replace the row)
        Browser.onStable(() -> assertThat(browser.findElement(By.cssSelector("tr[data-case-id='" + caseId + "'] .level")).getText())
                .isEqualTo("SECURITY_CHIEFS"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument === true;")).isEqualTo(true);
    }

    @Test
    void aViewerSeesNoActionButtonsAndAForgedPostFromItsSessionIsRefused() throws Exception {
        // given a case awaiting IR, and IR's viewer logged in
        String caseId = pkSendsARequest();
        logIn(nodes.ir, Role.VIEWER);
        WebElement row = waitFor(Duration.ofSeconds(5), By.cssSelector("#awaiting-me tr[data-case-id='" + caseId + "']"));

        // then the viewer sees what awaits, but no button to act on it
        assertThat(browser.findElements(By.cssSelector(".action"))).isEmpty();
        assertThat(row.findElement(By.cssSelector(".next")).getText()).contains("acknowledge");

        // and a POST from its session without the CSRF token is refused, and so is one with it (the role)
        String path = "/console/cases/" + caseId + "/messages";
        assertThat(post(path, false)).isEqualTo(403);
        assertThat(post(path, true)).isEqualTo(403);
    }

    @Test
    void afterLogoutTheSessionCookieOpensNothing() throws Exception {
        // given IR's liaison officer logged in, and the session cookie the browser holds
        logIn(nodes.ir, Role.LIAISON);
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(session).isNotNull();
        assertThat(session.isSecure()).isTrue();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(desk(session).statusCode()).as("the cookie opens the desk while logged in").isEqualTo(200);

        // when the officer logs out
        browser.findElement(By.id("logout")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("/login?loggedOut"));

        // then the same cookie leads only to the login page
        HttpResponse<String> after = desk(session);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void aStepOnTheDeskOpensItsFormOnTheCasePage() throws Exception {
        // given PK's request on IR's desk
        String caseId = pkSendsARequest();
        logIn(nodes.ir, Role.LIAISON);
        WebElement row = waitFor(Duration.ofSeconds(5), By.cssSelector("#awaiting-me tr[data-case-id='" + caseId + "']"));

        // when the liaison officer picks "acknowledge" on the desk
        row.findElement(By.xpath(".//a[contains(@class,'action') and text()='acknowledge']")).click();

        // then the case page opens at the acknowledge form, which sends it
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("/console/cases/" + caseId));
        assertThat(browser.getCurrentUrl()).endsWith("#step-acknowledge");
        browser.findElement(By.cssSelector("#step-acknowledge button.action")).click();
        waitFor(Duration.ofSeconds(5), By.cssSelector(".notice"));
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Acknowledged");
    }

    @Test
    void anUnplannedEventFromPkAlertsIrsDeskLiveAndIsAcknowledgedThereAndPkSeesItAnswered() throws Exception {
        // given IR's liaison officer on the desk, its live stream open
        logIn(nodes.ir, Role.LIAISON);
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));

        // when PK reports an accidental launch towards IR and the report reaches IR
        HttpResponse<String> reported = asPkLiaison("/api/deconfliction/events", """
                {"partner": "IR", "kind": "ACCIDENTAL_LAUNCH", "observedAt": "%s",
                 "track": {"type": "LineString", "coordinates": [[63.5, 27.0], [62.5, 27.3]]},
                 "description": "A training rocket left its range heading west towards Saravan.",
                 "contact": {"name": "Duty officer", "channel": "Concord hotline, desk 1"}}"""
                .formatted(java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        String eventId = JSON.readTree(reported.body()).path("event").asString();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));

        // then it is on IR's desk without a reload, as FLASH, with its acknowledgement countdown and an alert
        By event = By.cssSelector("#awaiting-me tr[data-case-id='" + eventId + "']");
        waitFor(Browser.LIVE, event);
        Browser.onStable(() -> {
            WebElement row = browser.findElement(event);
            assertThat(row.getAttribute("class")).contains("flash");
            assertThat(row.findElement(By.cssSelector("time[data-due]")).getText()).matches("\\d+[dhm] .*left");
        });
        assertThat(waitFor(Browser.LIVE, By.cssSelector("#alert:not([hidden])")).getText()).contains("Saravan");
        screenshot("desk-event");

        // and the officer acknowledges it on the desk: it leaves IR's list, and PK hears it
        Browser.onStable(() -> browser.findElement(event).findElement(By.xpath(".//button[text()='acknowledge']")).click());
        waitFor(Duration.ofSeconds(5), By.cssSelector(".notice"));
        assertThat(browser.findElements(By.cssSelector("#awaiting-me tr[data-case-id='" + eventId + "']"))).isEmpty();
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
        String[] basic = Https.basic(nodes.pk.username(Role.VIEWER), nodes.pk.password(Role.VIEWER));
        Eventually.view("event " + eventId + " acknowledged at PK", () -> Https.to(nodes.pk).get("/api/deconfliction/events/" + eventId, basic),
                (JsonNode view) -> view.has("acknowledged"));
    }

    @Test
    void theCasesPageFindsACaseAgainByItsTextAndSaysWhichFilterIsWrong() throws Exception {
        // given PK's request at IR, and IR's viewer on the list of cases
        String caseId = pkSendsARequest();
        logIn(nodes.ir, Role.VIEWER);
        browser.findElement(By.id("nav-cases")).click();

        // when the viewer filters by type and a word of the request
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("type"))).selectByValue("request");
        browser.findElement(By.name("q")).sendKeys(caseId.substring(caseId.length() - 12));
        browser.findElement(By.cssSelector("form.filters button")).click();

        // then exactly that case is listed, and opens its page
        WebElement row = waitFor(Duration.ofSeconds(5), By.cssSelector("#case-list tr[data-case-id='" + caseId + "']"));
        assertThat(browser.findElements(By.cssSelector("#case-list tbody tr"))).hasSize(1);
        assertThat(row.findElement(By.cssSelector(".state")).getText()).isEqualTo("Requested");
        screenshot("cases");
        chrome.assertFitsAtTabletWidth("cases-800");
        row.findElement(By.cssSelector("a.open")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("/console/cases/" + caseId));

        // and a filter the list does not know is named, with its rule
        browser.get(nodes.ir.url() + "/console/cases?awaiting=everyone");
        WebElement error = waitFor(Duration.ofSeconds(5), By.cssSelector(".field-error"));
        assertThat(error.getAttribute("data-field")).isEqualTo("awaiting");
        assertThat(error.getText()).contains("everyone");
    }

    // ---------------------------------------------------------------- helpers

    static HttpResponse<String> desk(Cookie session) throws Exception {
        return Https.to(nodes.ir).get("/console/desk", "Cookie", "JSESSIONID=" + session.getValue());
    }

    /** A POST from the page's own session, with or without the CSRF token the page holds; its status. */
    static long post(String path, boolean withToken) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {};
                if (arguments[1]) {
                  headers[document.querySelector('meta[name=_csrf_header]').content] = document.querySelector('meta[name=_csrf]').content;
                }
                fetch(arguments[0], {method: 'POST', headers: headers, credentials: 'same-origin', redirect: 'manual'})
                  .then(r => done(r.status), e => done(-1));""", path, withToken);
        return (Long) status;
    }

    static void logIn(TestNode node, Role role) {
        chrome.logIn(node, role);
    }

    static WebElement waitFor(Duration atMost, By what) {
        return chrome.waitFor(atMost, what);
    }

    /** PK's liaison officer asks IR for action; the request reaches IR. Returns the case id. */
    static String pkSendsARequest() throws Exception {
        HttpResponse<String> sent = asPkLiaison("/api/requests", """
                {"addressee":"IR","targets":["%s","%s"],
                 "evidence":[{"ref":"report--5b1c9a2f-0e5b-4c0e-9d7e-3b0e6bd25c1a","markings":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}],
                 "action":{"kind":"DISMANTLE_HIDEOUT","detail":"the hideout near Saravan"},
                 "urgency":"URGENT","text":"Jaish al-Adl fighters sheltering near Saravan; act instead of us striking.","tlp":"AMBER"}"""
                .formatted(January2024.JAISH_AL_ADL, January2024.NEAR_SARAVAN));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String caseId = JSON.readTree(sent.body()).path("caseId").asString();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        Https ir = Https.to(nodes.ir);
        String[] basic = Https.basic(nodes.ir.username(Role.VIEWER), nodes.ir.password(Role.VIEWER));
        Eventually.view("request " + caseId + " at IR", () -> ir.get("/api/requests/" + caseId, basic),
                (JsonNode view) -> "Requested".equals(view.path("state").asString()));
        return caseId;
    }

    /** PK's liaison officer sends a hotline message to IR; returns the call id. */
    static String pkSends(String priority, String text) throws Exception {
        HttpResponse<String> sent = asPkLiaison("/api/hotline/calls", """
                {"from":{"name":"Duty officer PK","post":"DGMO office"},"addressee":"IR",
                 "to":{"name":"Duty officer IR","post":"Operations"},"priority":"%s","text":"%s"}""".formatted(priority, text));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        return JSON.readTree(sent.body()).path("callId").asString();
    }

    static HttpResponse<String> asPkLiaison(String path, String body) throws Exception {
        String[] basic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        return Https.to(nodes.pk).send("POST", path, body, basic[0], basic[1], "Content-Type", "application/json");
    }

    static void screenshot(String name) throws Exception {
        chrome.assertAccessible(name);
        chrome.screenshot(name);
    }

    static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }
}
