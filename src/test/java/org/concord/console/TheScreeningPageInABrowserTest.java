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

    @Test
    void anOfficerLookingForAPersonIsNotShownTheGroupAndTheChoiceStays() throws Exception {
        chrome.logIn(nodes.pk, Role.LIAISON);
        browser.get(nodes.pk.url() + "/console/screening");
        chrome.waitFor(Duration.ofSeconds(5), By.id("screening-search"));
        browser.findElement(By.id("name")).sendKeys("Jaish al-Adl");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("kind"))).selectByValue("INDIVIDUAL");
        browser.findElement(By.id("screening-button")).click();
        chrome.waitFor(Duration.ofSeconds(5), By.id("matches"));
        assertThat(browser.findElements(By.cssSelector(".screening-match"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#matches .empty")).getText()).startsWith("No person on these lists matches");
        // the page keeps what was asked, so the officer sees why nothing came back
        assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("kind"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("INDIVIDUAL");

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("kind"))).selectByValue("ENTITY");
        browser.findElement(By.id("screening-button")).click();
        WebElement match = chrome.waitFor(Duration.ofSeconds(5), By.cssSelector(".screening-match[data-reference='BTe.002']"));
        assertThat(match.getAttribute("data-band")).isEqualTo("MATCH");

        // a kind the page never offers, typed into the address: refused next to the field
        browser.get(nodes.pk.url() + "/console/screening?name=Rigi&kind=vessel");
        WebElement error = chrome.waitFor(Duration.ofSeconds(5), By.id("kind-error"));
        assertThat(error.getAttribute("data-rule")).isEqualTo("one-of");
        assertThat(error.getText()).contains("vessel");
        chrome.assertAccessible("screening-kind-error");
    }

    @Test
    void anAnalystImportsAListFromAFileItsNamesAreFoundAndABrokenFileChangesNothing() throws Exception {
        // given PK's analyst on the screening page, with a UN list saved as a file
        java.nio.file.Path file = java.nio.file.Files.createTempFile("un-list-", ".xml");
        java.nio.file.Files.writeString(file, "<CONSOLIDATED_LIST dateGenerated=\"2026-12-01\"><ENTITIES><ENTITY><DATAID>9300001</DATAID>"
                + "<FIRST_NAME>HARAKAT SUQUR AL-JABAL</FIRST_NAME><REFERENCE_NUMBER>CIe.001</REFERENCE_NUMBER></ENTITY>"
                + "</ENTITIES></CONSOLIDATED_LIST>");
        chrome.logIn(nodes.pk, Role.ANALYST);
        browser.get(nodes.pk.url() + "/console/screening");
        chrome.waitFor(Duration.ofSeconds(5), By.id("import-form"));

        // a list name that breaks the rule is refused next to its field before anything is sent
        browser.findElement(By.id("import-source")).sendKeys("Mountain Hawks");
        browser.findElement(By.id("import-file")).sendKeys(file.toString());
        browser.findElement(By.id("import-button")).click();
        assertThat(chrome.waitFor(Duration.ofSeconds(5), By.id("import-source-error")).getText()).startsWith("pattern:");

        // when the analyst imports it as console-import
        browser.findElement(By.id("import-source")).clear();
        browser.findElement(By.id("import-source")).sendKeys("console-import");
        browser.findElement(By.id("import-button")).click();

        // then the page says what the import did, and the group is found by another spelling
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(20)).until(
                org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe(By.id("import-status"), "data-imported", "console-import"));
        assertThat(browser.findElement(By.id("import-status")).getText())
                .isEqualTo("Imported console-import: 1 entry listed; 1 added, 0 changed, 0 delisted, 0 listed again.");
        assertThat(browser.findElement(By.id("import-source-error")).isDisplayed()).isFalse();
        chrome.assertAccessible("screening-import");
        chrome.screenshot("screening-import");
        assertThat(found("Harakat Suqur al Jabal")).containsExactly("CIe.001");

        // and a broken file under the same name is refused next to the file field, naming the line, and the list stays
        java.nio.file.Path broken = java.nio.file.Files.createTempFile("un-list-broken-", ".xml");
        java.nio.file.Files.writeString(broken, "<CONSOLIDATED_LIST dateGenerated=\"2026-12-02\"><ENTITIES>\n<ENTITY><FIRST_NAME>X"
                + "</ENTITY></ENTITIES></CONSOLIDATED_LIST>");
        browser.get(nodes.pk.url() + "/console/screening");
        chrome.waitFor(Duration.ofSeconds(5), By.id("import-form"));
        browser.findElement(By.id("import-source")).sendKeys("console-import");
        browser.findElement(By.id("import-file")).sendKeys(broken.toString());
        browser.findElement(By.id("import-button")).click();
        WebElement error = chrome.waitFor(Duration.ofSeconds(20), By.id("import-file-error"));
        assertThat(error.getText()).startsWith("un-consolidated-list:").contains("line 2");
        assertThat(browser.findElement(By.id("import-status")).getText()).contains("nothing was changed");
        assertThat(found("Harakat Suqur al Jabal")).containsExactly("CIe.001");
    }

    @Test
    void whoIsNoAnalystSeesNoImportAndItsPostIsRefused() throws Exception {
        String xml = "<CONSOLIDATED_LIST dateGenerated=\"2026-12-01\"><ENTITIES><ENTITY><DATAID>9300002</DATAID>"
                + "<FIRST_NAME>SHOULD NOT BE LISTED</FIRST_NAME><REFERENCE_NUMBER>CIe.002</REFERENCE_NUMBER></ENTITY></ENTITIES>"
                + "</CONSOLIDATED_LIST>";
        for (Role role : List.of(Role.VIEWER, Role.LIAISON, Role.ADMIN)) {
            TheHotlineFormsOverHttpsTest.Session session = TheHotlineFormsOverHttpsTest.Session.logIn(nodes.pk, role);
            String page = session.get("/console/screening").body();
            assertThat(page).as(role.name()).contains("id=\"screening-search\"").doesNotContain("id=\"import-form\"");
            String token = TheHotlineFormsOverHttpsTest.Session.find(page, "<meta name=\"_csrf\" content=\"([^\"]+)\"");
            String header = TheHotlineFormsOverHttpsTest.Session.find(page, "<meta name=\"_csrf_header\" content=\"([^\"]+)\"");
            var refused = org.concord.testing.Https.to(nodes.pk).send("POST", "/console/screening/lists/not-yours", xml,
                    "Content-Type", "application/xml", "Cookie", session.cookie(), header, token);
            assertThat(refused.statusCode()).as(role.name()).isEqualTo(403);
        }
        assertThat(nodes.pk.bean(Watchlists.class).sources()).extracting(Watchlists.Source::source).doesNotContain("not-yours");
        // nobody is sent to log in
        assertThat(org.concord.testing.Https.to(nodes.pk).send("POST", "/console/screening/lists/not-yours", xml,
                "Content-Type", "application/xml").statusCode()).isIn(302, 403);
    }

    /** The references the screening page finds for {@code name}. */
    private static List<String> found(String name) {
        browser.get(nodes.pk.url() + "/console/screening?name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8));
        chrome.waitFor(Duration.ofSeconds(5), By.id("matches"));
        return browser.findElements(By.cssSelector(".screening-match")).stream().map(e -> e.getAttribute("data-reference")).toList();
    }
}
