package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Browser;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A change that reaches an open page while the page is still reading the one before: the officer must see it too,
 * without a reload. The answers to the page's live reads are held in the browser (a slow network, as a field office
 * has) until the second change has been heard on the page's event stream, then let through; the page must end up
 * showing the second change. Before, htmx queued the second read and sent its answer into the element the first
 * answer had replaced, so the page kept showing the first change (a receipt signed just after its message was lost
 * that way on PK's case page in a clean clone).
 */
class AChangeHeardWhileAPageReadsInABrowserTest {

    static TwoNodes nodes;
    static Browser browser;
    static ChromeDriver ir;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        browser = Browser.open(1400, 1100);
        ir = browser.driver();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void loggedOut() {
        browser.logOutOf(nodes.ir);
    }

    @Test
    void aCasePageThatHearsTheDeclineWhileReadingTheAcknowledgementShowsTheDecline() throws Exception {
        // given PK's request at IR, and IR's liaison watching its case page on a slow network
        String caseId = TheCasePageInABrowserTest.pkSendsARequest(nodes);
        browser.logIn(nodes.ir, Role.LIAISON);
        ir.get(nodes.ir.url() + "/console/cases/" + caseId);
        streamOpen();
        // (with the case's details unfolded: they stay so through every live read)
        ir.findElement(By.cssSelector("#fields summary")).click();
        browser.holdLiveReads();

        // when IR acknowledges, and declines while the page is still reading the acknowledgement
        step(caseId, "{\"messageType\":\"acknowledge\"}");
        new WebDriverWait(ir, Browser.LIVE).until(d -> browser.heldLiveReads() >= 1);
        step(caseId, "{\"messageType\":\"decline\",\"reason\":\"OTHER\",\"text\":\"not in our area\"}");
        new WebDriverWait(ir, Browser.LIVE).until(d -> browser.heard("decline"));
        browser.releaseLiveReads();

        // then the page shows the decline, in the same document
        new WebDriverWait(ir, Browser.LIVE, Duration.ofMillis(50)).until(ExpectedConditions.textToBe(By.id("state"), "Declined"));
        assertThat(ir.findElements(By.cssSelector("tr.message[data-message-type='decline']"))).hasSize(1);
        assertThat(ir.findElement(By.id("fields")).getDomProperty("open")).isEqualTo("true");
        assertThat(((JavascriptExecutor) ir).executeScript("return window.sameDocument === true;")).isEqualTo(true);
    }

    @Test
    void theDeskThatHearsASecondRequestWhileReadingTheFirstListsBoth() throws Exception {
        // given IR's liaison on the desk, on a slow network
        browser.logIn(nodes.ir, Role.LIAISON);
        streamOpen();
        browser.holdLiveReads();

        // when PK's request reaches IR, and a second one while the desk is still reading the first
        String first = TheCasePageInABrowserTest.pkSendsARequest(nodes);
        new WebDriverWait(ir, Browser.LIVE).until(d -> browser.heldLiveReads() >= 1);
        String second = TheCasePageInABrowserTest.pkSendsARequest(nodes);
        new WebDriverWait(ir, Browser.LIVE).until(d -> browser.heardCount("request") >= 2);
        browser.releaseLiveReads();

        // then the desk lists both among what awaits IR, in the same document
        for (String caseId : new String[] {first, second}) {
            new WebDriverWait(ir, Browser.LIVE, Duration.ofMillis(50)).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#awaiting-me tr[data-case-id='" + caseId + "']")));
        }
        assertThat(((JavascriptExecutor) ir).executeScript("return window.sameDocument === true;")).isEqualTo(true);
    }

    /** Waits for the page's event stream to be open, and marks the document so a reload would show. */
    private static void streamOpen() {
        new WebDriverWait(ir, Duration.ofSeconds(10)).until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        ((JavascriptExecutor) ir).executeScript("window.sameDocument = true;");
    }

    private static void step(String caseId, String body) throws Exception {
        String[] liaison = Https.basic(nodes.ir.username(Role.LIAISON), nodes.ir.password(Role.LIAISON));
        HttpResponse<String> sent = Https.to(nodes.ir).send("POST", "/api/requests/" + caseId + "/messages", body,
                liaison[0], liaison[1], "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isIn(200, 201);
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
    }
}
