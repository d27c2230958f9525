package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger page and cooperation health as PK's officers see them, in Debian's headless Chromium
 * against PK and IR running for real: the messages travel over the nodes' HTTPS, each node witnesses
 * the other's log and returns its cosignature, and the receipts are the ones IR signed.
 */
class TheLedgerPageInABrowserTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static TwoNodes nodes;
    static Browser chrome;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        chrome = Browser.open(1400, 1000);
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
        chrome.logOutOf(nodes.pk);
    }

    @Test
    void afterAnExchangeTheLedgerPageShowsBothLogsCheckpointsAndTheCosignatures() throws Exception {
        // given a request PK sent and IR acknowledged, and each node having witnessed the other's log
        String caseId = pkSendsARequest();
        irAnswers(caseId, "{\"messageType\":\"acknowledge\"}");
        witnessEachOther();

        // when PK's viewer opens the ledger page from the header
        chrome.logIn(nodes.pk, Role.VIEWER);
        browser.findElement(By.id("nav-ledger")).click();
        chrome.waitFor(Duration.ofSeconds(5), By.id("checkpoints"));

        // then it shows PK's own checkpoints, IR's cosignature of one of them (verified), and IR's checkpoints
        assertThat(browser.findElement(By.cssSelector(".help")).getText()).contains("tamper-evident logs");
        assertThat(browser.findElements(By.cssSelector("#own-checkpoints tr.checkpoint"))).isNotEmpty();
        List<WebElement> cosigned = browser.findElements(By.cssSelector("#own-checkpoints .cosignature[data-witness='IR']"));
        assertThat(cosigned).isNotEmpty();
        assertThat(cosigned.get(0).getAttribute("data-verified")).isEqualTo("true");
        assertThat(cosigned.get(0).getText()).contains("IR at").contains("verified");
        assertThat(browser.findElements(By.cssSelector("#partner-checkpoints tr.checkpoint[data-partner='IR']"))).isNotEmpty();
        WebElement witness = browser.findElement(By.cssSelector("#witnesses tr[data-partner='IR']"));
        assertThat(witness.findElement(By.cssSelector(".cosigned")).getText()).contains("verified");
        assertThat(witness.findElement(By.cssSelector(".accepted")).getText()).startsWith("size ");
        // the chart draws both logs' sizes over time
        assertThat(browser.findElements(By.cssSelector("#sizes-chart g.series.own circle"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#sizes-chart g.series.partner circle"))).isNotEmpty();
        assertThat(browser.findElement(By.id("alarms")).getText()).contains("Alarms");
        chrome.assertAccessible("ledger");
        chrome.screenshot("ledger");

        // and at 800 px wide it still reads, the tables with their column heads
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1000));
        try {
            browser.navigate().refresh();
            assertThat(browser.findElement(By.cssSelector("#own-checkpoints thead")).isDisplayed()).isTrue();
            chrome.assertAccessible("ledger-800");
            chrome.screenshot("ledger-800");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        }
    }

    @Test
    void aRealReceiptAndItsMessageAreValidAndATamperedMessageNamesTheCheckThatFails() throws Exception {
        // given a request PK sent, IR's receipt for it (in IR's checkpoint) and the message as PK holds it
        String caseId = pkSendsARequest();
        witnessEachOther();
        JsonNode message = JSON.readTree(Https.to(nodes.pk).get("/api/requests/" + caseId, basic(nodes.pk, Role.VIEWER)).body())
                .path("history").get(0).path("object");
        String receipt = irsReceiptFor(message);
        Path dir = Files.createTempDirectory("receipt");
        Path receiptFile = Files.writeString(dir.resolve("receipt.json"), receipt);
        Path messageFile = Files.writeString(dir.resolve("message.json"), JSON.writeValueAsString(message));
        chrome.logIn(nodes.pk, Role.VIEWER);
        browser.get(nodes.pk.url() + "/console/ledger");

        // when the officer uploads both files
        browser.findElement(By.id("receiptFile")).sendKeys(receiptFile.toString());
        browser.findElement(By.id("messageFile")).sendKeys(messageFile.toString());
        browser.findElement(By.id("verify-button")).click();

        // then the page says the receipt is valid, every check passed, including the checkpoint's inclusion proof
        WebElement result = chrome.waitFor(Duration.ofSeconds(5), By.id("verify-result"));
        assertThat(result.getAttribute("data-valid")).as(result.getText()).isEqualTo("true");
        assertThat(result.getText()).contains("Valid.").contains("IR received " + message.path("id").asString())
                .contains("from PK");
        assertThat(outcome("BadSignature")).isEqualTo("PASSED");
        assertThat(outcome("AlteredObject")).isEqualTo("PASSED");
        assertThat(outcome("BadProof")).isEqualTo("PASSED");
        scrollTo(result);
        chrome.screenshot("ledger-receipt-valid");

        // when the message is altered by one word and checked again, pasted this time
        String tampered = JSON.writeValueAsString(message).replace("Saravan", "Zahedan");
        assertThat(tampered).isNotEqualTo(JSON.writeValueAsString(message));
        browser.get(nodes.pk.url() + "/console/ledger");
        fill("receipt", receipt);
        fill("message", tampered);
        browser.findElement(By.id("verify-button")).click();

        // then it is not valid, and the page names the check that failed: the object is not the one acknowledged
        result = chrome.waitFor(Duration.ofSeconds(5), By.id("verify-result"));
        assertThat(result.getAttribute("data-valid")).isEqualTo("false");
        assertThat(result.getAttribute("data-failed")).isEqualTo("AlteredObject");
        assertThat(result.getText()).contains("Not valid: AlteredObject failed").contains("canonical SHA-256");
        assertThat(outcome("BadSignature")).isEqualTo("PASSED");
        assertThat(outcome("AlteredObject")).isEqualTo("FAILED");
        assertThat(outcome("BadProof")).isEqualTo("NOT_CHECKED");
        chrome.assertAccessible("ledger-receipt-tampered");
        scrollTo(result);
        chrome.screenshot("ledger-receipt-tampered");

        // and an altered receipt (its index changed) fails the receipt's signature
        fill("receipt", receipt.replaceFirst("\"index\" : (\\d+)", "\"index\" : 99999"));
        fill("message", JSON.writeValueAsString(message));
        WebElement before = result;
        browser.findElement(By.id("verify-button")).click();
        // the last check's result stays on the page until the answer replaces it
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(5))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(before));
        result = chrome.waitFor(Duration.ofSeconds(5), By.id("verify-result"));
        assertThat(result.getAttribute("data-failed")).as(result.getText()).isEqualTo("BadSignature");
    }

    @Test
    void theReceiptCheckChangesNothingAndAPostWithoutTheCsrfTokenIsRefused() throws Exception {
        // given PK's viewer on the ledger page: no action form but the check
        chrome.logIn(nodes.pk, Role.VIEWER);
        browser.get(nodes.pk.url() + "/console/ledger");
        assertThat(browser.findElements(By.cssSelector("main form"))).extracting(f -> f.getAttribute("id"))
                .containsExactly("verify-form");
        long checkpoints = browser.findElements(By.cssSelector("#own-checkpoints tr.checkpoint")).size();

        // then a POST from its session without the token is refused; with it, a receipt that is no receipt is answered, not stored
        assertThat(post("/console/ledger/receipts", false)).isEqualTo(403);
        assertThat(post("/console/ledger/receipts", true)).isEqualTo(200);
        fill("receipt", "{\"format\":\"something else\"}");
        browser.findElement(By.id("verify-button")).click();
        WebElement result = chrome.waitFor(Duration.ofSeconds(5), By.id("verify-result"));
        assertThat(result.getAttribute("data-failed")).isEqualTo("Malformed");
        assertThat(browser.findElements(By.cssSelector("#own-checkpoints tr.checkpoint")).size()).isEqualTo(checkpoints);

        // and a check without a receipt says what is missing
        fill("receipt", "");
        browser.findElement(By.id("verify-button")).click();
        assertThat(chrome.waitFor(Duration.ofSeconds(5), By.id("verify-error")).getText()).contains("Give a receipt");
        assertThat(browser.findElements(By.id("verify-result"))).isEmpty();
    }

    @Test
    void cooperationHealthShowsTheFiguresOfTheCasesCreated() throws Exception {
        // given this month's figures on PK before
        chrome.logIn(nodes.pk, Role.VIEWER);
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        int[] before = figures(month, "us → partner");
        int[] theirsBefore = figures(month, "partner → us");

        // when PK sends two requests, IR acknowledges and declines the first and counter-proposes on the second,
        // after PK escalated the second (IR missed a deadline, as PK sees it)
        String declined = pkSendsARequest();
        irAnswers(declined, "{\"messageType\":\"acknowledge\"}");
        irAnswers(declined, "{\"messageType\":\"decline\",\"reason\":\"ALREADY_ACTING\",\"text\":\"our border guards are on it\"}");
        String countered = pkSendsARequest();
        String[] liaison = basic(nodes.pk, Role.LIAISON);
        HttpResponse<String> escalated = Https.to(nodes.pk).send("POST", "/api/requests/" + countered + "/messages",
                "{\"messageType\":\"escalate\",\"toLevel\":\"SECURITY_CHIEFS\",\"reason\":\"no answer yet\"}", liaison[0], liaison[1],
                "Content-Type", "application/json");
        assertThat(escalated.statusCode()).as(escalated.body()).isEqualTo(200);
        nodes.pk.bean(OutboxDelivery.class).deliver(IR);
        irAnswers(countered, "{\"messageType\":\"counterPropose\",\"proposal\":{\"kind\":\"JOINT_OPERATION\",\"text\":\"together\"}}");

        // then the health page counts them on PK's side of this month
        int[] after = figures(month, "us → partner");
        assertThat(after[0] - before[0]).as("cases").isEqualTo(2);
        assertThat(after[1] - before[1]).as("acknowledged").isEqualTo(2);
        assertThat(after[2] - before[2]).as("answered").isEqualTo(2);
        assertThat(after[3] - before[3]).as("accepted").isZero();
        assertThat(after[4] - before[4]).as("declined").isEqualTo(1);
        assertThat(after[5] - before[5]).as("countered").isEqualTo(1);
        assertThat(after[6] - before[6]).as("deadlines missed").isEqualTo(1);
        assertThat(figures(month, "partner → us")).as("the partner's side is unchanged").isEqualTo(theirsBefore);
        WebElement row = browser.findElement(By.cssSelector("tr.figures[data-month='" + month + "'][data-side='us → partner']"));
        assertThat(row.findElement(By.cssSelector(".ack-median")).getText()).matches("\\d+ (s|min).*");
        assertThat(browser.findElement(By.cssSelector(".help")).getText()).contains("how quickly");
        assertThat(browser.findElements(By.cssSelector("#charts figure.chart svg rect.bar"))).isNotEmpty();
        chrome.assertAccessible("health");
        chrome.screenshot("health");

        // and at 800 px wide the page still shows the table and the charts
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1000));
        try {
            browser.navigate().refresh();
            assertThat(browser.findElement(By.id("health-table")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.cssSelector("#health-table thead")).isDisplayed()).as("column heads").isTrue();
            chrome.assertAccessible("health-800");
            chrome.screenshot("health-800");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The health page's figures of a month and side: cases, acknowledged, answered, accepted, declined, countered, missed. */
    static int[] figures(String month, String side) {
        browser.get(nodes.pk.url() + "/console/health");
        chrome.waitFor(Duration.ofSeconds(5), By.id("figures"));
        List<WebElement> rows = browser.findElements(By.cssSelector("tr.figures[data-month='" + month + "'][data-side='" + side + "']"));
        if (rows.isEmpty()) {
            return new int[7];
        }
        WebElement row = rows.get(0);
        int[] figures = new int[7];
        String[] cells = {"cases", "acknowledged", "answered", "accepted", "declined", "countered", "missed"};
        for (int i = 0; i < cells.length; i++) {
            figures[i] = Integer.parseInt(row.findElement(By.cssSelector("td." + cells[i])).getText().trim());
        }
        return figures;
    }

    static void scrollTo(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();", element);
    }

    static String outcome(String check) {
        return browser.findElement(By.cssSelector("#verify-result li[data-check='" + check + "']")).getAttribute("data-outcome");
    }

    static void fill(String id, String text) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id(id)), text);
    }

    /** A POST from the page's own session (a receipt that is no receipt), with or without the CSRF token the page holds. */
    static long post(String path, boolean withToken) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {'Content-Type': 'application/x-www-form-urlencoded'};
                if (arguments[1]) {
                  headers[document.querySelector('meta[name=_csrf_header]').content] = document.querySelector('meta[name=_csrf]').content;
                }
                fetch(arguments[0], {method: 'POST', headers: headers, body: 'receipt=%7B%7D', credentials: 'same-origin', redirect: 'manual'})
                  .then(r => done(r.status), e => done(-1));""", path, withToken);
        return (Long) status;
    }

    static String[] basic(TestNode node, Role role) {
        return Https.basic(node.username(role), node.password(role));
    }

    /** Each node fetches the other's checkpoint, checks it, cosigns it and returns the cosignature (the scheduled job, run now). */
    static void witnessEachOther() throws Exception {
        for (TestNode node : List.of(nodes.ir, nodes.pk)) {
            Class<?> witnessing = Class.forName("org.concord.ledger.internal.Witnessing");
            java.lang.reflect.Method all = witnessing.getMethod("witnessAll");
            all.setAccessible(true);
            all.invoke(node.bean(witnessing));
        }
    }

    /** The receipt IR signed for PK's message, completed with IR's checkpoint, as IR's ledger serves it to its users. */
    static String irsReceiptFor(JsonNode message) throws Exception {
        String modified = message.path("modified").asString(message.path("created").asString());
        HttpResponse<String> receipt = Https.to(nodes.ir).get("/ledger/receipts?sender=PK&object="
                + URLEncoder.encode(message.path("id").asString(), StandardCharsets.UTF_8) + "&modified="
                + URLEncoder.encode(modified, StandardCharsets.UTF_8), basic(nodes.ir, Role.VIEWER));
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        return receipt.body();
    }

    /** IR's liaison sends a step on PK's request, and it reaches PK. */
    static void irAnswers(String caseId, String body) throws Exception {
        String[] liaison = basic(nodes.ir, Role.LIAISON);
        HttpResponse<String> sent = Https.to(nodes.ir).send("POST", "/api/requests/" + caseId + "/messages", body, liaison[0], liaison[1],
                "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        nodes.ir.bean(OutboxDelivery.class).deliver(PK);
    }

    /** PK's liaison officer asks IR for action; the request reaches IR. Returns the case id. */
    static String pkSendsARequest() throws Exception {
        String[] liaison = basic(nodes.pk, Role.LIAISON);
        HttpResponse<String> sent = Https.to(nodes.pk).send("POST", "/api/requests", """
                {"addressee":"IR","targets":["%s","%s"],
                 "evidence":[{"ref":"report--5b1c9a2f-0e5b-4c0e-9d7e-3b0e6bd25c1a","markings":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}],
                 "action":{"kind":"DISMANTLE_HIDEOUT","detail":"the hideout near Saravan"},
                 "urgency":"URGENT","text":"Jaish al-Adl fighters sheltering near Saravan; act instead of us striking.","tlp":"AMBER"}"""
                .formatted(January2024.JAISH_AL_ADL, January2024.NEAR_SARAVAN), liaison[0], liaison[1],
                "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String caseId = JSON.readTree(sent.body()).path("caseId").asString();
        nodes.pk.bean(OutboxDelivery.class).deliver(IR);
        Eventually.view("request " + caseId + " at IR", () -> Https.to(nodes.ir).get("/api/requests/" + caseId, basic(nodes.ir, Role.VIEWER)),
                (JsonNode view) -> "Requested".equals(view.path("state").asString()));
        return caseId;
    }
}
