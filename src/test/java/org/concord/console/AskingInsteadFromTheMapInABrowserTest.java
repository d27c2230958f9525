package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Browser;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The path from a refused strike to an answered request, end to end in two browsers: PK's
 * liaison officer draws an area inside Iran, is refused, asks IR instead; the request reaches IR's
 * desk with its countdown; IR's officer acknowledges it; PK's open page shows the acknowledgement
 * and the receipt without a reload. On a pair of its own, so that IR's desk holds this case alone.
 */
class AskingInsteadFromTheMapInABrowserTest {

    static TwoNodes nodes;
    static Browser pkChrome;
    static Browser irChrome;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.startPaired();
        pkChrome = Browser.open(1400, 900);
        irChrome = Browser.open(1400, 900);
    }

    @AfterAll
    static void stop() {
        for (Browser b : new Browser[] {pkChrome, irChrome}) {
            if (b != null) {
                b.close();
            }
        }
        if (nodes != null) {
            nodes.stop();
        }
    }

    @Test
    void aStrikeRefusedOnTheMapIsAskedOfIrInsteadAndIrsAcknowledgementReachesPksOpenPage() throws Exception {
        // given PK's liaison officer on the map, an area drawn west of the border, in Iran, refused on the dry run
        ChromeDriver pk = pkChrome.driver();
        pkChrome.logIn(nodes.pk, Role.LIAISON);
        pk.findElement(By.id("nav-map")).click();
        new WebDriverWait(pk, Duration.ofSeconds(30), Duration.ofMillis(100))
                .until(ExpectedConditions.attributeToBe(By.id("map"), "data-loaded", "true"));
        pk.findElement(By.id("draw-start")).click();
        for (double[] corner : new double[][] {{27.50, 62.50}, {27.50, 62.55}, {27.55, 62.55}}) {
            pk.executeScript("""
                    const m = window.concordMap.map;
                    const latlng = L.latLng(arguments[0], arguments[1]);
                    m.fire('click', {latlng: latlng, layerPoint: m.latLngToLayerPoint(latlng),
                      containerPoint: m.latLngToContainerPoint(latlng)});""", corner[0], corner[1]);
        }
        pk.findElement(By.id("draw-finish")).click();
        pk.findElement(By.id("notice-contact")).sendKeys("Duty officer");
        pk.findElement(By.id("notice-channel")).sendKeys("Concord hotline, desk 2");
        pk.findElement(By.id("notice-dry-run")).click();
        assertThat(pkChrome.waitFor(Duration.ofSeconds(10), By.id("refusal")).getText()).startsWith("Refused:");

        // when the officer asks IR instead (as GREEN: the notice's AMBER is not shared with IR) and opens the request
        new org.openqa.selenium.support.ui.Select(pk.findElement(By.id("ask-tlp"))).selectByValue("GREEN");
        pk.findElement(By.id("ask-instead")).click();
        WebElement asked = pkChrome.waitFor(Duration.ofSeconds(10), By.cssSelector("#asked a"));
        String caseId = asked.getText();
        asked.click();
        new WebDriverWait(pk, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/console/cases/" + caseId));
        new WebDriverWait(pk, Duration.ofSeconds(5)).until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        ((JavascriptExecutor) pk).executeScript("window.sameDocument = true;");

        // then it reaches IR's desk with its countdown, and IR's officer acknowledges it from there
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        ChromeDriver ir = irChrome.driver();
        irChrome.logIn(nodes.ir, Role.LIAISON);
        WebElement row = irChrome.waitFor(Duration.ofSeconds(10), By.cssSelector("#awaiting-me tr[data-case-id='" + caseId + "']"));
        assertThat(row.findElement(By.cssSelector("time[data-due]")).getText()).matches("\\d+[dhm] .*left");
        row.findElement(By.xpath(".//a[contains(@class,'action') and text()='acknowledge']")).click();
        new WebDriverWait(ir, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/console/cases/" + caseId));
        ir.findElement(By.cssSelector("#step-acknowledge button.action")).click();
        irChrome.waitFor(Duration.ofSeconds(10), By.cssSelector("tr.message[data-message-type='acknowledge']"));

        // and once the acknowledgement reaches PK, PK's open page shows it with the receipt PK signed, no reload
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
        // (the receipt is signed just after the message is stored: the page hears of both, and shows the second too)
        pkChrome.waitFor(Duration.ofSeconds(10), By.cssSelector("tr.message[data-message-type='acknowledge']"));
        new WebDriverWait(pk, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(
                By.cssSelector("tr.message[data-message-type='acknowledge'] .receipt"), "RECEIPT_SIGNED"));
        assertThat(pk.findElement(By.id("state")).getText()).isEqualTo("Acknowledged");
        assertThat(pk.findElement(By.cssSelector("tr.message[data-message-type='request'] .receipt")).getText())
                .isEqualTo("DELIVERED_WITH_RECEIPT");
        assertThat(pk.executeScript("return window.sameDocument === true;")).isEqualTo(true);
        pkChrome.assertAccessible("case-asked-instead");
        pkChrome.screenshot("case-asked-instead");
    }
}
