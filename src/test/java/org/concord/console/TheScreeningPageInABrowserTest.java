package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.concord.party.Role;
import org.concord.screening.Watchlists;
import org.concord.testing.Browser;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The screening page as PK's officers see it, in headless Chromium against PK running for real: a
 * name typed in Persian script finds the group listed in Latin script, with its band and why; a bad
 * date of birth is shown next to its field.
 */
class TheScreeningPageInABrowserTest {

    static TwoNodes nodes;
    static Browser chrome;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        String xml = "<CONSOLIDATED_LIST dateGenerated=\"2026-12-02\"><INDIVIDUALS><INDIVIDUAL><DATAID>9200001</DATAID>"
                + "<FIRST_NAME>ABDOLMALEK</FIRST_NAME><SECOND_NAME>RIGI</SECOND_NAME><REFERENCE_NUMBER>BTi.001</REFERENCE_NUMBER>"
                + "<NATIONALITY><VALUE>Iran</VALUE></NATIONALITY><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE>"
                + "<DATE>1979-09-01</DATE></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS><ENTITIES><ENTITY><DATAID>9200002</DATAID>"
                + "<FIRST_NAME>JAISH AL-ADL</FIRST_NAME><REFERENCE_NUMBER>BTe.002</REFERENCE_NUMBER><ENTITY_ALIAS><QUALITY>Good</QUALITY>"
                + "<ALIAS_NAME>Jaysh al-Adl; Jeish ul-Adl</ALIAS_NAME></ENTITY_ALIAS></ENTITY></ENTITIES></CONSOLIDATED_LIST>";
        nodes.pk.bean(Watchlists.class).importUnList("browser-test", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
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
    void aViewerFindsAGroupByItsPersianNameWithTheBandAndWhy() throws Exception {
        // given PK's viewer on the screening page, opened from the header
        chrome.logIn(nodes.pk, Role.VIEWER);
        browser.findElement(By.id("nav-screening")).click();
        chrome.waitFor(Duration.ofSeconds(5), By.id("screening-search"));
        assertThat(browser.findElement(By.cssSelector(".help")).getText()).contains("watchlists");
        assertThat(browser.findElement(By.id("name")).getAttribute("dir")).isEqualTo("auto");
        // a viewer sees no action form: the search is the page's only form (beside the header's log-out), and it only reads
        assertThat(browser.findElements(By.cssSelector("main form[method='post']"))).isEmpty();

        // when the viewer searches for the group in Persian script
        browser.findElement(By.id("name")).sendKeys("جیش العدل");
        browser.findElement(By.id("screening-button")).click();
        chrome.waitFor(Duration.ofSeconds(5), By.id("matches"));

        // then the group listed in Latin script is a MATCH, with its explanation
        List<WebElement> matches = browser.findElements(By.cssSelector(".screening-match[data-reference='BTe.002']"));
        assertThat(matches).hasSize(1);
        WebElement match = matches.get(0);
        assertThat(match.getAttribute("data-band")).isEqualTo("MATCH");
        assertThat(match.findElement(By.cssSelector(".listed-name")).getAttribute("dir")).isEqualTo("auto");
        match.findElement(By.tagName("summary")).click();
        assertThat(match.findElement(By.cssSelector(".why")).getText()).contains("consonants").contains("score");
        chrome.assertAccessible("screening");
        chrome.screenshot("screening");

        // and at 800 px wide it still reads
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1000));
        try {
            browser.navigate().refresh();
            assertThat(browser.findElement(By.id("matches")).isDisplayed()).isTrue();
            chrome.assertAccessible("screening-800");
            chrome.screenshot("screening-800");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        }
    }

    @Test
    void aLiaisonGivesADateOfBirthAndABadOneIsShownNextToItsField() throws Exception {
        chrome.logIn(nodes.pk, Role.LIAISON);
        browser.get(nodes.pk.url() + "/console/screening");
        chrome.waitFor(Duration.ofSeconds(5), By.id("screening-search"));
        browser.findElement(By.id("name")).sendKeys("عبدالمالک ریگی");
        browser.findElement(By.id("dob")).sendKeys("1979");
        browser.findElement(By.id("nationality")).sendKeys("IR");
        browser.findElement(By.id("screening-button")).click();
        chrome.waitFor(Duration.ofSeconds(5), By.id("matches"));
        WebElement match = browser.findElement(By.cssSelector(".screening-match[data-reference='BTi.001']"));
        assertThat(match.getAttribute("data-band")).isEqualTo("MATCH");
        assertThat(match.findElement(By.cssSelector(".why")).getAttribute("textContent")).contains("date of birth agrees")
                .contains("nationality agrees");
        // the page says which lists it searched: "no match" is about these lists only
        assertThat(browser.findElement(By.id("searched")).getText()).startsWith("Searched:");
        assertThat(browser.findElements(By.id("no-lists"))).isEmpty();

        browser.findElement(By.id("dob")).clear();
        browser.findElement(By.id("dob")).sendKeys("last spring");
        browser.findElement(By.id("screening-button")).click();
        WebElement error = chrome.waitFor(Duration.ofSeconds(5), By.id("dob-error"));
        assertThat(error.getAttribute("data-rule")).isEqualTo("date");
        assertThat(browser.findElements(By.id("matches"))).isEmpty();
        chrome.assertAccessible("screening-error");
        chrome.screenshot("screening-error");
    }
}
