package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.concord.demo.January2024;
import org.concord.exchange.sync.OutboxDelivery;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Browser;
import org.concord.testing.Eventually;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A case page as the duty officers of both sides see it, in Debian's headless Chromium against PK
 * and IR running for real: IR's liaison takes the step through the page's form, PK's page shows it
 * without a reload. Two browsers, because both nodes run on the same host and a cookie is per host.
 */
class TheCasePageInABrowserTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static TwoNodes nodes;
    static Browser irBrowser;
    static Browser pkBrowser;
    static ChromeDriver ir;
    static ChromeDriver pk;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        irBrowser = Browser.open(1400, 1100);
        pkBrowser = Browser.open(1400, 1100);
        ir = irBrowser.driver();
        pk = pkBrowser.driver();
    }

    @AfterAll
    static void stop() {
        for (Browser browser : new Browser[] {irBrowser, pkBrowser}) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @BeforeEach
    void loggedOut() {
        ir.get(nodes.ir.url() + "/login");
        ir.manage().deleteAllCookies();
        pk.get(nodes.pk.url() + "/login");
        pk.manage().deleteAllCookies();
    }

    @Test
    void aRequestRecordedLongAfterTheTimeItStatesSaysSoBesideItsDeadline() throws Exception {
        // IR's request, dated 20 minutes before it reached PK's inbox (held up, a clock behind, or back-dated)
        var sample = org.concord.workflow.WorkflowSamples.request();
        java.time.Instant stated = org.concord.workflow.MessageStix.truncate(java.time.Instant.now()).minus(Duration.ofMinutes(20));
        var request = sample.open(PartyCode.of("IR"), PartyCode.of("PK"), stated);
        java.net.http.HttpResponse<String> posted = nodes.irPostsToPksInbox(sample.type().toStix(request,
                nodes.ir.identity().stixIdentityId(), org.concord.intel.stix.Tlp.AMBER, java.util.List.of()));
        assertThat(posted.body()).contains("x_concord_receipts");

        // PK's officer opens it from the desk: beside the deadline, on the desk and on the case page, it says so
        String caseId = request.caseId().value();
        logIn(pk, nodes.pk, Role.LIAISON);
        WebElement row = waitFor(pk, By.cssSelector("#awaiting-me tr[data-case-id='" + caseId + "']"));
        assertThat(row.findElement(By.cssSelector("td.due p.recorded-late")).getText())
                .startsWith("IR's latest message (request, stated " + org.concord.workflow.MessageStix.time(stated)
                        + ") was recorded by PK's ledger 20 min");
        row.findElement(By.cssSelector("a.open")).click();
        new WebDriverWait(pk, Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("/console/cases/" + caseId));
        assertThat(waitFor(pk, By.id("deadline-late")).getText()).contains("recorded by PK's ledger 20 min")
                .contains("the deadlines it starts run from the time it states");
        pkBrowser.assertAccessible("case-request-late");
    }

    @Test
    void irsLiaisonAcknowledgesFromTheCasePageAndPksPageShowsItWithoutReload() throws Exception {
        // given PK's request at IR, and PK's liaison officer watching the case's page
        String caseId = pkSendsARequest();
        logIn(pk, nodes.pk, Role.LIAISON);
        pk.get(nodes.pk.url() + "/console/cases/" + caseId);
        new WebDriverWait(pk, Duration.ofSeconds(5)).until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        ((JavascriptExecutor) pk).executeScript("window.sameDocument = true;");
        // nothing awaits PK, but while IR answers PK may amend its request or withdraw it (close, WITHDRAWN)
        assertThat(texts(pk.findElements(By.cssSelector("form.step button.action")))).containsExactly("amend", "close");
        assertThat(pk.findElement(By.id("other")).getText()).contains("PK (us)").contains("amend").contains("close");

        // when IR's liaison officer opens it from the desk and acknowledges it through the form
        logIn(ir, nodes.ir, Role.LIAISON);
        waitFor(ir, By.cssSelector("#awaiting-me tr[data-case-id='" + caseId + "'] a.open")).click();
        new WebDriverWait(ir, Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("/console/cases/" + caseId));
        assertThat(ir.findElement(By.id("state")).getText()).isEqualTo("Requested");
        assertThat(ir.findElement(By.id("summary")).getText()).contains("Saravan");
        assertThat(ir.findElement(By.id("summary")).getAttribute("dir")).isEqualTo("auto");
        assertThat(ir.findElement(By.cssSelector(".help")).getText()).contains("who must act next");
        WebElement countdown = ir.findElement(By.cssSelector("time[data-due]"));
        assertThat(countdown.getText()).matches("\\d+[dhm] .*left");
        assertThat(texts(ir.findElements(By.cssSelector("form.step button.action"))))
                .contains("acknowledge", "accept", "decline", "counterPropose");
        ir.findElement(By.cssSelector("#step-acknowledge button.action")).click();

        // then IR's page shows its acknowledgement, queued for PK with its ledger index
        waitFor(ir, By.cssSelector("tr.message[data-message-type='acknowledge']"));
        assertThat(ir.findElement(By.id("state")).getText()).isEqualTo("Acknowledged");
        assertThat(ir.findElement(By.cssSelector(".notice")).getText()).contains("acknowledge sent");

        // and once it reaches PK, PK's page shows it without a reload, with the receipt PK signed
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
        waitFor(pk, By.cssSelector("tr.message[data-message-type='acknowledge']"));
        // (the receipt is signed just after the message is stored: the page hears of both, and shows the second too)
        new WebDriverWait(pk, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(
                By.cssSelector("tr.message[data-message-type='acknowledge'] .receipt"), "RECEIPT_SIGNED"));
        WebElement ack = pk.findElement(By.cssSelector("tr.message[data-message-type='acknowledge']"));
        assertThat(ack.findElement(By.cssSelector(".ledger-index")).getText()).matches("\\d+");
        // when PK's ledger recorded it, from that receipt; delivered at once, so no note that it came late
        assertThat(ack.findElement(By.cssSelector(".recorded time")).getAttribute("datetime")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(ack.findElements(By.cssSelector(".recorded-late"))).isEmpty();
        assertThat(pk.findElements(By.id("deadline-late"))).as("nothing late beside the deadline").isEmpty();
        assertThat(pk.findElement(By.id("state")).getText()).isEqualTo("Acknowledged");
        assertThat(pk.findElement(By.cssSelector("tr.message[data-message-type='request'] .receipt")).getText())
                .isEqualTo("DELIVERED_WITH_RECEIPT");
        assertThat(((JavascriptExecutor) pk).executeScript("return window.sameDocument === true;")).isEqualTo(true);

        ir.navigate().refresh();
        screenshot(ir, "case-request");
        irBrowser.assertFitsAtTabletWidth("case-request-800");
    }

    @Test
    void aDeclineForReasonOtherWithoutTextShowsTheApisFieldErrorNextToTheFieldAndChangesNothing() throws Exception {
        // given PK's request open on IR's case page
        String caseId = pkSendsARequest();
        logIn(ir, nodes.ir, Role.LIAISON);
        ir.get(nodes.ir.url() + "/console/cases/" + caseId);
        int before = ir.findElements(By.cssSelector("tr.message")).size();

        // when the liaison declines for reason OTHER without saying why
        new Select(ir.findElement(By.cssSelector("#step-decline select[name='reason']"))).selectByValue("OTHER");
        ir.findElement(By.cssSelector("#step-decline button.action")).click();

        // then the error stands in the decline form, next to the text, with the field and rule the API gives
        WebElement error = waitFor(ir, By.cssSelector("#step-decline .field-error"));
        String[] liaison = Https.basic(nodes.ir.username(Role.LIAISON), nodes.ir.password(Role.LIAISON));
        HttpResponse<String> api = Https.to(nodes.ir).send("POST", "/api/requests/" + caseId + "/messages",
                "{\"messageType\":\"decline\",\"reason\":\"OTHER\"}", liaison[0], liaison[1], "Content-Type", "application/json");
        JsonNode problem = JSON.readTree(api.body());
        assertThat(error.getAttribute("data-field")).isEqualTo(problem.path("field").asString()).isEqualTo("text");
        assertThat(error.getAttribute("data-rule")).isEqualTo(problem.path("rule").asString());
        assertThat(((JavascriptExecutor) ir).executeScript(
                "return arguments[0].previousElementSibling.querySelector('textarea[name=text]') !== null;", error)).isEqualTo(true);
        assertThat(new Select(ir.findElement(By.cssSelector("#step-decline select[name='reason']"))).getFirstSelectedOption()
                .getText()).isEqualTo("OTHER");

        // and nothing changed: the same state, the same messages
        assertThat(ir.findElement(By.id("state")).getText()).isEqualTo("Requested");
        assertThat(ir.findElements(By.cssSelector("tr.message"))).hasSize(before);
    }

    @Test
    void aDoubleClickSendsTheAcknowledgementOnceAndTheSameFormSentAgainIsSentOnce() throws Exception {
        // given two of PK's requests on IR's case pages
        String first = pkSendsARequest();
        String second = pkSendsARequest();
        logIn(ir, nodes.ir, Role.LIAISON);

        // when the liaison double-clicks acknowledge on the first
        ir.get(nodes.ir.url() + "/console/cases/" + first);
        new Actions(ir).doubleClick(ir.findElement(By.cssSelector("#step-acknowledge button.action"))).perform();
        waitFor(ir, By.cssSelector("tr.message[data-message-type='acknowledge']"));

        // then one acknowledgement was sent
        assertThat(acknowledgements(first)).isEqualTo(1);

        // and when the second's form is posted twice with its one-time id (as a browser without script would)
        ir.get(nodes.ir.url() + "/console/cases/" + second);
        Object statuses = ((JavascriptExecutor) ir).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const form = document.querySelector('#step-acknowledge');
                const post = () => fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form)),
                    credentials: 'same-origin', redirect: 'manual'}).then(r => r.type === 'opaqueredirect' ? 302 : r.status);
                Promise.all([post(), post()]).then(s => done(s), e => done(String(e)));""");
        assertThat(statuses).isEqualTo(List.of(302L, 302L));

        // then it was sent once
        assertThat(acknowledgements(second)).isEqualTo(1);
    }

    @Test
    void aViewerSeesTheCaseButNoFormsAndAPostFromItsSessionIsRefused() throws Exception {
        // given a case awaiting IR, and IR's viewer on its page
        String caseId = pkSendsARequest();
        logIn(ir, nodes.ir, Role.VIEWER);
        ir.get(nodes.ir.url() + "/console/cases/" + caseId);
        waitFor(ir, By.cssSelector("tr.message[data-message-type='request']"));

        // then it sees the case and what IR may do next, but no form to do it
        assertThat(ir.findElement(By.id("next")).getText()).contains("acknowledge");
        assertThat(ir.findElements(By.cssSelector("form.step"))).isEmpty();
        assertThat(ir.findElements(By.id("steps"))).isEmpty();

        // and a POST from its session is refused, without the CSRF token and, with it, for the role
        assertThat(post(ir, "/console/cases/" + caseId + "/messages", false)).isEqualTo(403);
        assertThat(post(ir, "/console/cases/" + caseId + "/messages", true)).isEqualTo(403);
        assertThat(acknowledgements(caseId)).isZero();
    }

    @Test
    void aHotlineCallHasItsPageFoundFromItsIdAndIsAcknowledgedThroughTheFormWithTheApisFieldErrors() throws Exception {
        // given a call PK sent to IR
        String[] pkBasic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        HttpResponse<String> sent = Https.to(nodes.pk).send("POST", "/api/hotline/calls", """
                {"from":{"name":"Duty officer PK","post":"DGMO office"},"addressee":"IR",
                 "to":{"name":"Duty officer IR","post":"Operations"},"priority":"ROUTINE","text":"تماس آزمایشی"}""",
                pkBasic[0], pkBasic[1], "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String callId = JSON.readTree(sent.body()).path("callId").asString();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));

        // when IR's liaison opens its page (the id alone says which kind of case it is)
        logIn(ir, nodes.ir, Role.LIAISON);
        ir.get(nodes.ir.url() + "/console/cases/" + callId);

        // then it shows the call, its text in a dir=auto heading, and the acknowledgement as a form
        WebElement summary = waitFor(ir, By.id("summary"));
        assertThat(summary.getText()).isEqualTo("تماس آزمایشی");
        assertThat(summary.getAttribute("dir")).isEqualTo("auto");
        assertThat(ir.findElement(By.id("next")).getText()).contains("acknowledge");
        assertThat(ir.findElements(By.cssSelector("tr.message"))).hasSize(1);

        // and an acknowledgement without the official's name shows the API's error next to the name
        ir.findElement(By.cssSelector("#step-acknowledge input[name='byPost']")).sendKeys("Operations");
        ir.findElement(By.cssSelector("#step-acknowledge button.action")).click();
        WebElement error = waitFor(ir, By.cssSelector("#step-acknowledge .field-error"));
        assertThat(error.getAttribute("data-field")).isEqualTo("by.name");
        assertThat(error.getAttribute("data-rule")).isEqualTo("FIELD_REQUIRED");
        assertThat(ir.findElement(By.cssSelector("#step-acknowledge input[name='byPost']")).getAttribute("value")).isEqualTo("Operations");

        // and with it, the call is acknowledged
        ir.findElement(By.cssSelector("#step-acknowledge input[name='byName']")).sendKeys("Duty officer IR");
        ir.findElement(By.cssSelector("#step-acknowledge button.action")).click();
        waitFor(ir, By.cssSelector("tr.message[data-message-type='acknowledge']"));
        assertThat(ir.findElement(By.id("state")).getText()).isEqualTo("Acknowledged");
    }

    @Test
    void pksLiaisonMayWithdrawItsOwnCallWhileUnacknowledged() throws Exception {
        // given a call PK sent, not yet acknowledged
        String[] pkBasic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        HttpResponse<String> sent = Https.to(nodes.pk).send("POST", "/api/hotline/calls", """
                {"from":{"name":"Duty officer PK","post":"DGMO office"},"addressee":"IR",
                 "to":{"name":"Duty officer IR","post":"Operations"},"priority":"ROUTINE","text":"sent by mistake"}""",
                pkBasic[0], pkBasic[1], "Content-Type", "application/json");
        String callId = JSON.readTree(sent.body()).path("callId").asString();

        // when PK's liaison withdraws it from its page
        logIn(pk, nodes.pk, Role.LIAISON);
        pk.get(nodes.pk.url() + "/console/cases/" + callId);
        pk.findElement(By.cssSelector("#step-withdraw textarea[name='reason']")).sendKeys("sent by mistake");
        pk.findElement(By.cssSelector("#step-withdraw button.action")).click();

        // then it is withdrawn
        waitFor(pk, By.cssSelector("tr.message[data-message-type='withdraw']"));
        assertThat(pk.findElement(By.id("state")).getText()).isEqualTo("Withdrawn");
    }

    @Test
    void irsLiaisonAgreesToPksCommitmentThroughTheFormAndAWithdrawalWithoutReasonShowsTheApisError() throws Exception {
        // given PK's proposed commitment, owned by IR, at IR
        String[] pkBasic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        HttpResponse<String> sent = Https.to(nodes.pk).send("POST", "/api/commitments", """
                {"counterpart":"IR","owner":"IR","what":"patrol the Saravan crossing nightly","dueBy":"%s"}"""
                .formatted(java.time.Instant.now().plus(Duration.ofDays(3))), pkBasic[0], pkBasic[1], "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String commitmentId = JSON.readTree(sent.body()).path("commitmentId").asString();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        logIn(ir, nodes.ir, Role.LIAISON);
        ir.get(nodes.ir.url() + "/console/cases/" + commitmentId);
        assertThat(waitFor(ir, By.id("summary")).getText()).contains("Saravan crossing");

        // when IR's liaison agrees through the form
        ir.findElement(By.cssSelector("#step-agree button.action")).click();

        // then it is agreed, and the next steps are attest and withdraw
        waitFor(ir, By.cssSelector("tr.message[data-message-type='agree']"));
        assertThat(ir.findElement(By.id("state")).getText()).isEqualTo("Agreed");
        assertThat(texts(ir.findElements(By.cssSelector("form.step button.action")))).containsExactly("attest", "withdraw");

        // and a withdrawal without a reason shows the API's error next to the reason, and changes nothing
        ir.findElement(By.cssSelector("#step-withdraw button.action")).click();
        WebElement error = waitFor(ir, By.cssSelector("#step-withdraw .field-error"));
        assertThat(error.getAttribute("data-field")).isEqualTo("reason");
        assertThat(error.getAttribute("data-rule")).isEqualTo("FIELD_REQUIRED");
        assertThat(ir.findElement(By.id("state")).getText()).isEqualTo("Agreed");
    }

    @Test
    void irsLiaisonAnswersPksIncidentClaimByClaimAndSeesEachClaimBesideItsAnswer() throws Exception {
        // given PK's incident report with three claims, at IR
        String[] pkBasic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        HttpResponse<String> sent = Https.to(nodes.pk).send("POST", "/api/incidents", """
                {"addressee":"IR","occurredAt":"2024-01-16T16:00:00Z",
                 "place":{"type":"Point","coordinates":[64.10,26.97]},"incidentType":"CROSS_BORDER_STRIKE",
                 "whatHappened":"Missiles and drones struck a village near Panjgur, Balochistan, from Iranian territory.",
                 "casualties":{"killed":2,"injured":3,"detail":"two children killed, three girls injured"},
                 "claims":[{"ref":"claim-1","statement":"Two children were killed and three girls injured."},
                           {"ref":"claim-2","statement":"The strike was an unprovoked violation of Pakistan's airspace."},
                           {"ref":"claim-3","statement":"No militants were present at the site."}]}""",
                pkBasic[0], pkBasic[1], "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String incidentId = JSON.readTree(sent.body()).path("incidentId").asString();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        logIn(ir, nodes.ir, Role.LIAISON);
        ir.get(nodes.ir.url() + "/console/cases/" + incidentId);
        assertThat(waitFor(ir, By.id("claims")).findElements(By.cssSelector("tr.claim"))).hasSize(3);

        // when IR's liaison answers the first claim through the form
        new Select(ir.findElement(By.cssSelector("#step-answerClaim select[name='claimRef']"))).selectByValue("claim-1");
        new Select(ir.findElement(By.cssSelector("#step-answerClaim select[name='verdict']"))).selectByValue("CONFIRM");
        ir.findElement(By.cssSelector("#step-answerClaim textarea[name='text']")).sendKeys("two children died; we regret it");
        ir.findElement(By.cssSelector("#step-answerClaim button.action")).click();

        // then the claim stands beside its answer, and the others are still open
        new WebDriverWait(ir, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr.claim[data-claim-id='claim-1']"), "CONFIRM"));
        assertThat(ir.findElement(By.cssSelector("tr.claim[data-claim-id='claim-1']")).getText())
                .contains("Two children were killed").contains("we regret it");
        assertThat(ir.findElement(By.cssSelector("tr.claim[data-claim-id='claim-2']")).getText()).contains("open");
    }

    // ---------------------------------------------------------------- helpers

    static long acknowledgements(String caseId) throws Exception {
        String[] basic = Https.basic(nodes.ir.username(Role.VIEWER), nodes.ir.password(Role.VIEWER));
        JsonNode view = JSON.readTree(Https.to(nodes.ir).get("/api/requests/" + caseId, basic).body());
        long count = 0;
        for (JsonNode m : view.path("timeline")) {
            if ("acknowledge".equals(m.path("messageType").asString())) {
                count++;
            }
        }
        return count;
    }

    static long post(WebDriver browser, String path, boolean withToken) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {'Content-Type': 'application/x-www-form-urlencoded'};
                if (arguments[1]) {
                  headers[document.querySelector('meta[name=_csrf_header]').content] = document.querySelector('meta[name=_csrf]').content;
                }
                fetch(arguments[0], {method: 'POST', headers: headers, body: 'messageType=acknowledge&formId=x',
                    credentials: 'same-origin', redirect: 'manual'})
                  .then(r => done(r.status), e => done(-1));""", path, withToken);
        return (Long) status;
    }

    static void logIn(WebDriver browser, TestNode node, Role role) {
        (browser == ir ? irBrowser : pkBrowser).logIn(node, role);
    }

    static WebElement waitFor(WebDriver browser, By what) {
        return new WebDriverWait(browser, Browser.LIVE, Duration.ofMillis(50))
                .until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    /** PK's liaison officer asks IR for action; the request reaches IR. Returns the case id. */
    static String pkSendsARequest() throws Exception {
        return pkSendsARequest(nodes);
    }

    /** The same, between these two nodes. */
    static String pkSendsARequest(TwoNodes nodes) throws Exception {
        String[] pkBasic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        HttpResponse<String> sent = Https.to(nodes.pk).send("POST", "/api/requests", """
                {"addressee":"IR","targets":["%s","%s"],
                 "evidence":[{"ref":"report--5b1c9a2f-0e5b-4c0e-9d7e-3b0e6bd25c1a","markings":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}],
                 "action":{"kind":"DISMANTLE_HIDEOUT","detail":"the hideout near Saravan"},
                 "urgency":"URGENT","text":"Jaish al-Adl fighters sheltering near Saravan; act instead of us striking.","tlp":"AMBER"}"""
                .formatted(January2024.JAISH_AL_ADL, January2024.NEAR_SARAVAN), pkBasic[0], pkBasic[1],
                "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String caseId = JSON.readTree(sent.body()).path("caseId").asString();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        String[] basic = Https.basic(nodes.ir.username(Role.VIEWER), nodes.ir.password(Role.VIEWER));
        Eventually.view("request " + caseId + " at IR", () -> Https.to(nodes.ir).get("/api/requests/" + caseId, basic),
                (JsonNode view) -> "Requested".equals(view.path("state").asString()));
        return caseId;
    }

    static void screenshot(WebDriver browser, String name) throws Exception {
        Browser chrome = browser == ir ? irBrowser : pkBrowser;
        chrome.assertAccessible(name);
        chrome.screenshot(name);
    }

    static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }
}
