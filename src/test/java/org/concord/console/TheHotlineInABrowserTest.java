package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.concord.exchange.sync.OutboxDelivery;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
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
 * The hotline page as the duty officers of both sides see it, in Debian's headless Chromium against PK and IR
 * running for real: a FLASH written on PK's page is on IR's open page after delivery without a reload, IR's officer
 * acknowledges it with the keyboard alone, and PK's page shows who acknowledged it, without a reload. Two
 * browsers, because both nodes run on the same host and a cookie is per host.
 */
class TheHotlineInABrowserTest {

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
        irBrowser.logOutOf(nodes.ir);
        pkBrowser.logOutOf(nodes.pk);
    }

    @Test
    void aFlashWrittenOnPksPageIsLiveOnIrsIrAcknowledgesItByKeyboardAndPkSeesWhoWithoutReload() throws Exception {
        // given both liaison officers on their hotline pages, the live streams open
        openHotline(ir, nodes.ir, Role.LIAISON);
        openHotline(pk, nodes.pk, Role.LIAISON);
        assertThat(ir.findElement(By.cssSelector(".help")).getText()).contains("conversation with the partner");
        ((JavascriptExecutor) ir).executeScript("window.sameDocument = true;");

        // when PK's officer writes a FLASH to IR's officer (named in Persian) and sends it
        String token = token();
        String text = "FLASH " + token + " پهپاد نزدیک مرز در سراوان";
        compose(pk, "Duty officer PK", "DGMO office", "افسر کشیک", "Operations", "FLASH", text);
        pk.findElement(By.id("send")).click();

        // then PK's page shows it as its own FLASH, sent, with the acknowledgement countdown running
        WebElement mine = waitFor(pk, By.xpath("//li[contains(@class,'call')][.//p[contains(@class,'text')][contains(.,'" + token + "')]]"));
        String callId = mine.getAttribute("data-call-id");
        assertThat(mine.getAttribute("data-side")).isEqualTo("ours");
        assertThat(mine.findElement(By.cssSelector(".priority")).getText()).isEqualTo("FLASH");
        assertThat(mine.findElement(By.cssSelector(".mark.delivery")).getAttribute("data-mark")).isEqualTo("sent");
        assertThat(waitForText(pk, By.cssSelector("#call-" + callId + " time[data-due]"), "left")).matches("\\d+m \\d+s left");
        assertThat(pk.findElement(By.cssSelector(".notice")).getText()).contains("FLASH call sent to IR");
        waitForLive(pk);
        ((JavascriptExecutor) pk).executeScript("window.sameDocument = true;");

        // and once delivered, IR's open page shows it by itself, without a reload (how fast is measured, not asserted)
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        long delivered = System.nanoTime();
        WebElement theirs = waitFor(ir, Browser.LIVE, By.id("call-" + callId));
        Browser.live("hotline FLASH on IR's hotline page", delivered);
        // (the receipt is signed just after the message is stored: the page hears of both, and reads its calls again for
        // the second, so the call is looked at once the second read has shown the receipt)
        new WebDriverWait(ir, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(ExpectedConditions.attributeToBe(
                By.cssSelector("#call-" + callId + " .mark.delivery"), "data-mark", "received"));
        Browser.onStable(() -> {
            WebElement call = ir.findElement(By.id("call-" + callId));
            assertThat(call.getAttribute("data-side")).isEqualTo("theirs");
            assertThat(call.findElement(By.cssSelector(".priority")).getText()).isEqualTo("FLASH");
            assertThat(call.findElement(By.cssSelector(".text")).getText()).isEqualTo(text);
            assertThat(call.findElement(By.cssSelector(".text")).getAttribute("dir")).isEqualTo("auto");
            assertThat(call.findElement(By.cssSelector(".to")).getText()).isEqualTo("افسر کشیک");
            assertThat(call.findElement(By.cssSelector(".to")).getAttribute("dir")).isEqualTo("auto");
        });
        assertThat(waitForText(ir, By.cssSelector("#call-" + callId + " time[data-due]"), "left")).matches("\\d+m \\d+s left");
        assertThat(((JavascriptExecutor) ir).executeScript("return window.sameDocument === true;")).isEqualTo(true);
        assertThat(waitFor(ir, By.cssSelector("#alert:not([hidden])")).getText()).contains("FLASH").contains(token);
        // and PK's open page turns its mark to delivered on the receipt alone, before IR does anything, without a reload
        new WebDriverWait(pk, Browser.LIVE, Duration.ofMillis(50)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> "delivered".equals(
                d.findElement(By.cssSelector("#call-" + callId + " .mark.delivery")).getAttribute("data-mark")));
        assertThat(((JavascriptExecutor) pk).executeScript("return window.sameDocument === true;")).isEqualTo(true);

        // when IR's officer acknowledges it with the keyboard alone: the FLASH's Acknowledge button has the focus; Enter
        new WebDriverWait(ir, Duration.ofSeconds(2), Duration.ofMillis(50)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> ("ack-" + callId).equals(
                ((JavascriptExecutor) d).executeScript("return document.activeElement && document.activeElement.id;")));
        assertThat(ir.findElement(By.id("ack-" + callId)).getAttribute("accesskey")).isEqualTo("a");
        new Actions(ir).sendKeys(Keys.ENTER).perform();

        // then IR's page shows the acknowledgement, by the official the call was addressed to
        waitFor(ir, By.cssSelector("#call-" + callId + " .mark.ack"));
        Browser.onStable(() -> {
            WebElement ack = ir.findElement(By.cssSelector("#call-" + callId + " .mark.ack"));
            assertThat(ack.getText()).contains("acknowledged by").contains("افسر کشیک").contains("Operations");
            assertThat(ir.findElements(By.id("ack-" + callId))).isEmpty();
            assertThat(ir.findElements(By.cssSelector("#call-" + callId + " time[data-due]"))).isEmpty();
        });
        screenshot(ir, "hotline");

        // and once the acknowledgement reaches PK, PK's open page shows who acknowledged it and the receipt, without a reload
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
        waitFor(pk, Browser.LIVE, By.cssSelector("#call-" + callId + " .mark.ack"));
        Browser.onStable(() -> {
            WebElement seen = pk.findElement(By.cssSelector("#call-" + callId + " .mark.ack"));
            assertThat(seen.getText()).contains("افسر کشیک").contains("Operations").contains("IR");
            assertThat(seen.findElement(By.cssSelector(".ack-by")).getAttribute("dir")).isEqualTo("auto");
            assertThat(pk.findElement(By.cssSelector("#call-" + callId + " .mark.delivery")).getAttribute("data-mark")).isEqualTo("delivered");
        });
        assertThat(((JavascriptExecutor) pk).executeScript("return window.sameDocument === true;")).isEqualTo(true);
        screenshot(pk, "hotline-pk");
    }

    @Test
    void whatIrsOfficerTypesInACallsAcknowledgementStaysWhenAnotherCallArrivesLive() throws Exception {
        // given PK's routine call on IR's open hotline page
        String first = pkSendsByApi("ROUTINE", "first " + token());
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        openHotline(ir, nodes.ir, Role.LIAISON);
        ((JavascriptExecutor) ir).executeScript("window.sameDocument = true;");

        // when IR's officer writes another name into its acknowledgement, and a second call arrives while the cursor is there
        WebElement byName = waitFor(ir, By.id("by-name-" + first));
        byName.clear();
        byName.sendKeys("Major Rahimi");
        String second = pkSendsByApi("ROUTINE", "second " + token());
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        waitFor(ir, Browser.LIVE, By.id("call-" + second));

        // then the page shows the second call, and what the officer typed is still there, with the cursor in it
        new WebDriverWait(ir, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(
                ExpectedConditions.attributeToBe(By.cssSelector("#call-" + second + " .mark.delivery"), "data-mark", "received"));
        // (read again if a live refresh replaced the field between finding it and reading it, as a clean clone once met)
        Browser.onStable(() -> assertThat(ir.findElement(By.id("by-name-" + first)).getDomProperty("value")).isEqualTo("Major Rahimi"));
        assertThat(((JavascriptExecutor) ir).executeScript("return document.activeElement && document.activeElement.id;"))
                .isEqualTo("by-name-" + first);
        assertThat(((JavascriptExecutor) ir).executeScript("return window.sameDocument === true;")).isEqualTo(true);

        // and the acknowledgement goes out under that name
        new Actions(ir).sendKeys(" Khan").perform();
        // (a read the second call set off may still replace the row under the button: press what the page shows then)
        Browser.onStable(() -> ir.findElement(By.id("ack-" + first)).click());
        waitFor(ir, By.cssSelector("#call-" + first + " .mark.ack"));
        Browser.onStable(() -> assertThat(ir.findElement(By.cssSelector("#call-" + first + " .mark.ack")).getText())
                .contains("Major Rahimi Khan"));
    }

    @Test
    void aReplyWrittenFromACallsReplyLinkShowsUnderTheCallItAnswersOnBothSides() throws Exception {
        // given PK's ROUTINE call at IR
        String token = token();
        String parentId = pkSendsByApi("ROUTINE", "routine " + token);
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));

        // when IR's officer presses Reply on it and writes a PRIORITY answer (the officials taken from the call)
        openHotline(ir, nodes.ir, Role.LIAISON);
        waitFor(ir, By.cssSelector("#call-" + parentId + " a.reply")).click();
        new WebDriverWait(ir, Duration.ofSeconds(5)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(ExpectedConditions.urlContains("replyTo=" + parentId));
        assertThat(new Select(ir.findElement(By.name("inReplyTo"))).getFirstSelectedOption().getAttribute("value")).isEqualTo(parentId);
        assertThat(ir.findElement(By.name("toName")).getAttribute("value")).isEqualTo("Duty officer PK");
        assertThat(ir.findElement(By.name("fromName")).getAttribute("value")).isEqualTo("Duty officer IR");
        new Select(ir.findElement(By.name("priority"))).selectByValue("PRIORITY");
        ir.findElement(By.name("text")).sendKeys("reply " + token + " پاسخ");
        ir.findElement(By.id("send")).click();

        // then IR's page shows the reply under the call it answers
        waitFor(ir, By.cssSelector("#call-" + parentId + " > ol.replies > li.call"));
        Browser.onStable(() -> {
            WebElement reply = ir.findElement(By.cssSelector("#call-" + parentId + " > ol.replies > li.call"));
            assertThat(reply.findElement(By.cssSelector(".text")).getText()).contains("reply " + token);
            assertThat(reply.findElement(By.cssSelector(".priority")).getText()).isEqualTo("PRIORITY");
            assertThat(reply.getAttribute("data-in-reply-to")).isEqualTo(parentId);
        });

        // and so does PK's, once it arrives
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
        openHotline(pk, nodes.pk, Role.LIAISON);
        waitFor(pk, By.cssSelector("#call-" + parentId + " > ol.replies > li.call"));
        Browser.onStable(() -> {
            WebElement atPk = pk.findElement(By.cssSelector("#call-" + parentId + " > ol.replies > li.call"));
            assertThat(atPk.findElement(By.cssSelector(".text")).getText()).contains("reply " + token);
            assertThat(atPk.getAttribute("data-side")).isEqualTo("theirs");
        });

        // and the page works at a tablet's width
        pk.manage().window().setSize(new Dimension(800, 1000));
        try {
            pk.navigate().refresh();
            waitFor(pk, By.cssSelector("#call-" + parentId + " > ol.replies > li.call"));
            assertThat((Long) ((JavascriptExecutor) pk).executeScript("return document.documentElement.scrollWidth;"))
                    .as("no sideways scrolling at 800 px").isLessThanOrEqualTo(800L);
            screenshot(pk, "hotline-800");
        } finally {
            pk.manage().window().setSize(new Dimension(1400, 1100));
        }
    }

    @Test
    void aViewerSeesTheConversationButNoFormsAndAPostFromItsSessionIsRefused() throws Exception {
        // given a FLASH from PK at IR, and IR's viewer on the hotline page
        String token = token();
        String callId = pkSendsByApi("FLASH", "viewer " + token);
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        openHotline(ir, nodes.ir, Role.VIEWER);

        // then it sees the call, its countdown and marks, but nothing to write or acknowledge with
        WebElement call = waitFor(ir, By.id("call-" + callId));
        assertThat(call.findElement(By.cssSelector(".mark.unacknowledged")).getText()).contains("awaiting our acknowledgement");
        assertThat(ir.findElements(By.id("compose"))).isEmpty();
        assertThat(ir.findElements(By.cssSelector("form.ack"))).isEmpty();
        assertThat(ir.findElements(By.cssSelector("a.reply"))).isEmpty();
        irBrowser.assertAccessible("hotline-viewer");

        // and a POST from its session is refused, without the CSRF token and, with it, for the role
        int before = calls(nodes.ir, "viewer-post " + token);
        assertThat(post(ir, "/console/hotline/PK/calls", false, token)).isEqualTo(403);
        assertThat(post(ir, "/console/hotline/PK/calls", true, token)).isEqualTo(403);
        assertThat(post(ir, "/console/hotline/PK/calls/" + callId + "/acknowledge", true, token)).isEqualTo(403);
        assertThat(calls(nodes.ir, "viewer-post " + token)).isEqualTo(before).isZero();
        assertThat(state(nodes.ir, callId)).isEqualTo("Unacknowledged");
    }

    @Test
    void badInputShowsTheModulesErrorNextToTheFieldAndSendsNothing() throws Exception {
        openHotline(pk, nodes.pk, Role.LIAISON);
        String token = token();
        int before = calls(nodes.pk, "");

        // an empty text
        compose(pk, "Duty officer PK", "DGMO office", "Duty officer IR", "Operations", "FLASH", "");
        pk.findElement(By.id("send")).click();
        assertErrorNextTo("textarea[name='text']", "text", apiProblem("FLASH", ""));
        assertThat(pk.findElement(By.name("toName")).getAttribute("value")).isEqualTo("Duty officer IR");

        // a text one character too long
        compose(pk, "Duty officer PK", "DGMO office", "Duty officer IR", "Operations", "ROUTINE", "");
        String tooLong = token + "x".repeat(10_001 - token.length());
        ((JavascriptExecutor) pk).executeScript("document.querySelector('#compose textarea[name=text]').value = arguments[0];", tooLong);
        pk.findElement(By.id("send")).click();
        assertErrorNextTo("textarea[name='text']", "text", apiProblem("ROUTINE", tooLong));

        // a priority the hotline does not know
        compose(pk, "Duty officer PK", "DGMO office", "Duty officer IR", "Operations", "ROUTINE", "unknown priority " + token);
        ((JavascriptExecutor) pk).executeScript("""
                const s = document.querySelector('#compose select[name=priority]');
                const o = document.createElement('option'); o.value = 'URGENT'; o.text = 'URGENT'; s.add(o); s.value = 'URGENT';""");
        pk.findElement(By.id("send")).click();
        assertErrorNextTo("select[name='priority']", "priority", apiProblem("URGENT", "unknown priority " + token));
        assertThat(pk.findElement(By.name("text")).getAttribute("value")).isEqualTo("unknown priority " + token);

        // and nothing was sent
        assertThat(calls(nodes.pk, "")).isEqualTo(before);
        pkBrowser.assertAccessible("hotline-error");
    }

    @Test
    void aDoubleClickOnSendSendsOnceAndTheSameFormPostedTwiceSendsOnce() throws Exception {
        openHotline(pk, nodes.pk, Role.LIAISON);
        String token = token();

        // a double click on Send
        compose(pk, "Duty officer PK", "DGMO office", "Duty officer IR", "Operations", "PRIORITY", "double " + token);
        new Actions(pk).doubleClick(pk.findElement(By.id("send"))).perform();
        waitFor(pk, By.xpath("//li[contains(@class,'call')][.//p[contains(@class,'text')][contains(.,'double " + token + "')]]"));
        assertThat(calls(nodes.pk, "double " + token)).isEqualTo(1);

        // the same form posted twice with its one-time id, as a browser without script would
        compose(pk, "Duty officer PK", "DGMO office", "Duty officer IR", "Operations", "PRIORITY", "twice " + token);
        Object statuses = ((JavascriptExecutor) pk).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const form = document.querySelector('#compose');
                const post = () => fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form)),
                    credentials: 'same-origin', redirect: 'manual'}).then(r => r.type === 'opaqueredirect' ? 302 : r.status);
                Promise.all([post(), post()]).then(s => done(s), e => done(String(e)));""");
        assertThat(statuses).isEqualTo(List.of(302L, 302L));
        assertThat(calls(nodes.pk, "twice " + token)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A call IR's node dated ten minutes before it reached PK (a FLASH's whole time to answer): PK's officer
     * reads under it when PK's ledger recorded it, since the countdown runs from the time the call states.
     */
    @Test
    void aCallRecordedLongAfterTheTimeItStatesSaysSoUnderTheCall() throws Exception {
        var sample = org.concord.workflow.WorkflowSamples.call();
        java.time.Instant stated = org.concord.workflow.MessageStix.truncate(java.time.Instant.now()).minus(Duration.ofMinutes(10));
        var call = sample.open(PartyCode.of("IR"), PartyCode.of("PK"), stated);
        HttpResponse<String> posted = nodes.irPostsToPksInbox(sample.type().toStix(call, nodes.ir.identity().stixIdentityId(),
                org.concord.intel.stix.Tlp.AMBER, List.of()));
        assertThat(JSON.readTree(posted.body()).path("x_concord_receipts")).as(posted.body()).hasSize(1);

        openHotline(pk, nodes.pk, Role.LIAISON);

        WebElement late = waitFor(pk, By.cssSelector("#call-" + call.id().value() + " p.recorded-late"));
        assertThat(late.getText()).startsWith("The call: recorded by PK's ledger 10 min").contains("after the time it states",
                "dated earlier than it was sent");
        // a call that reached PK at once says nothing of the kind
        String promptText = "on time " + token();
        String prompt = pkSendsByApiTo(nodes, "ROUTINE", promptText);
        pk.navigate().refresh();
        waitFor(pk, By.id("call-" + prompt));
        assertThat(pk.findElements(By.cssSelector("#call-" + prompt + " p.recorded-late"))).isEmpty();

        // the desk, which shows the call's deadline but no timeline, says it beside the deadline (and the API's desk too)
        pk.get(nodes.pk.url() + "/console/desk");
        WebElement row = waitFor(pk, By.cssSelector("#awaiting-me tr.case[data-case-id='" + call.caseId().value() + "']"));
        assertThat(row.findElement(By.cssSelector("td.due p.recorded-late")).getText())
                .startsWith("IR's latest message (send, stated " + org.concord.workflow.MessageStix.time(stated) + ") was recorded by "
                        + "PK's ledger 10 min").contains("the deadlines it starts run from the time it states");
        String[] basic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        JsonNode desk = JSON.readTree(Https.to(nodes.pk).get("/api/desk", basic).body());
        JsonNode item = null;
        for (JsonNode i : desk.path("awaitingMe")) {
            if (i.path("id").asString().equals(call.caseId().value())) {
                item = i;
            }
        }
        assertThat(item).as(desk.toString()).isNotNull();
        assertThat(item.path("recordedLate").asString()).startsWith("IR's latest message (send, stated ");
        // and the call PK sent at once carries no note beside its deadline (found by its text: the shared pair's desk holds
        // other classes' cases, some of them dated back on purpose)
        JsonNode sentAtOnce = JSON.readTree(Https.to(nodes.pk).get("/api/cases?type=call&q=" + promptText.replace(" ", "%20"), basic).body());
        assertThat(sentAtOnce.path("items")).as(sentAtOnce.toString()).singleElement().satisfies(c -> {
            assertThat(c.path("deadline").isObject()).as(c.toString()).isTrue();
            assertThat(c.path("deadline").path("latestRecordedLate").asString(null)).as(c.toString()).isNull();
        });
    }

    static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static void openHotline(ChromeDriver browser, TestNode node, Role role) {
        (browser == ir ? irBrowser : pkBrowser).logIn(node, role);
        browser.findElement(By.id("nav-hotline")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(ExpectedConditions.urlContains("/console/hotline"));
        waitForLive(browser);
    }

    static void waitForLive(WebDriver browser) {
        new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
    }

    static void compose(WebDriver browser, String fromName, String fromPost, String toName, String toPost, String priority, String text) {
        for (String[] field : new String[][] {{"fromName", fromName}, {"fromPost", fromPost}, {"toName", toName}, {"toPost", toPost},
                {"text", text}}) {
            WebElement input = browser.findElement(By.cssSelector("#compose [name='" + field[0] + "']"));
            input.clear();
            input.sendKeys(field[1]);
        }
        new Select(browser.findElement(By.cssSelector("#compose select[name='priority']"))).selectByValue(priority);
    }

    /** The field error stands right after the field's label, with the field and rule of the API's problem document. */
    static void assertErrorNextTo(String fieldSelector, String field, JsonNode problem) {
        WebElement error = waitFor(pk, By.cssSelector("#compose .field-error[data-field='" + field + "']"));
        assertThat(problem.path("field").asString()).isEqualTo(field);
        assertThat(error.getAttribute("data-rule")).isEqualTo(problem.path("rule").asString()).isNotBlank();
        assertThat(((JavascriptExecutor) pk).executeScript(
                "return arguments[0].previousElementSibling.querySelector(arguments[1]) !== null;", error, fieldSelector)).isEqualTo(true);
    }

    /** What {@code POST /api/hotline/calls} says to the same call (it would be sent if it were right: the tests send only wrong ones). */
    static JsonNode apiProblem(String priority, String text) throws Exception {
        String[] basic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        String body = JSON.writeValueAsString(JSON.createObjectNode()
                .<tools.jackson.databind.node.ObjectNode>set("from", JSON.createObjectNode().put("name", "Duty officer PK").put("post", "DGMO office"))
                .put("addressee", "IR")
                .<tools.jackson.databind.node.ObjectNode>set("to", JSON.createObjectNode().put("name", "Duty officer IR").put("post", "Operations"))
                .put("priority", priority).put("text", text));
        HttpResponse<String> answer = Https.to(nodes.pk).send("POST", "/api/hotline/calls", body, basic[0], basic[1],
                "Content-Type", "application/json");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        return JSON.readTree(answer.body());
    }

    /** PK's liaison officer calls IR's through the API; returns the call's id. */
    static String pkSendsByApi(String priority, String text) throws Exception {
        return pkSendsByApiTo(nodes, priority, text);
    }

    static String pkSendsByApiTo(TwoNodes nodes, String priority, String text) throws Exception {
        String[] basic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        String body = JSON.writeValueAsString(JSON.createObjectNode()
                .<tools.jackson.databind.node.ObjectNode>set("from", JSON.createObjectNode().put("name", "Duty officer PK").put("post", "DGMO office"))
                .put("addressee", "IR")
                .<tools.jackson.databind.node.ObjectNode>set("to", JSON.createObjectNode().put("name", "Duty officer IR").put("post", "Operations"))
                .put("priority", priority).put("text", text));
        HttpResponse<String> sent = Https.to(nodes.pk).send("POST", "/api/hotline/calls", body, basic[0], basic[1],
                "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        return JSON.readTree(sent.body()).path("callId").asString();
    }

    /** How many of the calls {@code node} holds have a text that contains {@code text}. */
    static int calls(TestNode node, String text) throws Exception {
        String[] basic = Https.basic(node.username(Role.VIEWER), node.password(Role.VIEWER));
        int count = 0;
        for (JsonNode call : JSON.readTree(Https.to(node).get("/api/hotline/calls", basic).body())) {
            if (call.path("text").asString("").contains(text)) {
                count++;
            }
        }
        return count;
    }

    static String state(TestNode node, String callId) throws Exception {
        String[] basic = Https.basic(node.username(Role.VIEWER), node.password(Role.VIEWER));
        return JSON.readTree(Https.to(node).get("/api/hotline/calls/" + callId, basic).body()).path("state").asString();
    }

    static long post(WebDriver browser, String path, boolean withToken, String token) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {'Content-Type': 'application/x-www-form-urlencoded'};
                if (arguments[1]) {
                  headers[document.querySelector('meta[name=_csrf_header]').content] = document.querySelector('meta[name=_csrf]').content;
                }
                fetch(arguments[0], {method: 'POST', headers: headers, credentials: 'same-origin', redirect: 'manual',
                    body: 'formId=x&fromName=a&fromPost=b&toName=c&toPost=d&priority=FLASH&text=viewer-post+' + arguments[2]
                        + '&byName=a&byPost=b'})
                  .then(r => done(r.type === 'opaqueredirect' ? 302 : r.status), e => done(-1));""", path, withToken, token);
        return (Long) status;
    }

    static WebElement waitFor(WebDriver browser, By what) {
        return waitFor(browser, Browser.LIVE, what);
    }

    static WebElement waitFor(WebDriver browser, Duration atMost, By what) {
        return new WebDriverWait(browser, atMost, Duration.ofMillis(50)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    /** The element's text once it contains {@code part} (a countdown is filled in by the page's script). */
    static String waitForText(WebDriver browser, By what, String part) {
        new WebDriverWait(browser, Duration.ofSeconds(3), Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(what, part));
        return browser.findElement(what).getText();
    }

    static void screenshot(WebDriver browser, String name) throws Exception {
        Browser chrome = browser == ir ? irBrowser : pkBrowser;
        chrome.assertAccessible(name);
        chrome.screenshot(name);
    }
}
