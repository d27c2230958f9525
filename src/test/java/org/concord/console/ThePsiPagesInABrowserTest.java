package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.concord.party.Role;
import org.concord.screening.Watchlists;
import org.concord.testing.Browser;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The private set intersection pages in headless Chromium against two real nodes of their own (so that
 * the daily session limit of the shared pair is not theirs): PK's liaison officer requests a session
 * with IR over PK's list, IR's analyst accepts it with IR's list, and each side reads only its own
 * entries that matched, with the kinds of key; then who must not act or see, over HTTPS as a browser
 * posts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThePsiPagesInABrowserTest {

    static TwoNodes nodes;
    static Browser chrome;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.startPaired();
        nodes.pk.bean(Watchlists.class).importUnList("pk-wanted", un(Map.of("PK-1", "JAISH AL-ADL", "PK-2", "Abdolmalek Rigi",
                "PK-3", "Lashkar-e-Jhangvi")));
        nodes.ir.bean(Watchlists.class).importUnList("ir-wanted", un(Map.of("IR-1", "جيش العدل", "IR-2", "عبدالمالک ریگی",
                "IR-3", "Mujahedin-e Khalq")));
        chrome = Browser.open(1400, 1000);
        browser = chrome.driver();
    }

    @AfterAll
    static void stop() {
        if (chrome != null) {
            chrome.close();
        }
        nodes.stop();
    }

    @Test
    @Order(1)
    void pkRequestsIrAcceptsAndEachReadsOnlyItsOwnMatches() throws Exception {
        // given PK's liaison officer on the PSI page, reached from the screening page
        chrome.logOutOf(nodes.pk);
        chrome.logIn(nodes.pk, Role.LIAISON);
        browser.get(nodes.pk.url() + "/console/screening");
        browser.findElement(By.id("psi-link")).click();
        chrome.waitFor(Duration.ofSeconds(5), By.id("psi-request"));
        assertThat(browser.findElement(By.cssSelector(".help")).getText()).contains("without either side seeing the rest");
        chrome.assertAccessible("psi");

        // when the officer requests a session with IR over PK's list
        new Select(browser.findElement(By.id("psi-partner"))).selectByValue("IR");
        new Select(browser.findElement(By.id("psi-list"))).selectByValue("pk-wanted");
        browser.findElement(By.id("psi-request-button")).click();
        String id = chrome.waitFor(Duration.ofSeconds(10), By.id("psi-id")).getText();
        assertThat(browser.findElement(By.id("psi-state")).getText()).isEqualTo("REQUESTED");
        assertThat(browser.findElements(By.id("psi-accept"))).as("the requester does not accept its own session").isEmpty();
        assertThat(counted(By.id("psi-expires"))).as("when the invitation lapses")
                .matches("(23h \\d+m|1d 0h) left \\(concord.screening.psi.invitation-expiry\\)");

        // and PK's desk shows it among what awaits the partner, lapsing in a day
        browser.get(nodes.pk.url() + "/console/desk");
        WebElement theirs = chrome.waitFor(Duration.ofSeconds(5), By.cssSelector("#awaiting-partner tr[data-type='psi'][data-case-id='" + id + "']"));
        assertThat(theirs.getText()).contains("Private set intersection over pk-wanted, asked of IR");
        assertThat(theirs.findElement(By.cssSelector("time[data-due]")).getAttribute("title"))
                .isEqualTo("concord.screening.psi.invitation-expiry");

        // then IR's liaison officer finds it on the desk among what awaits IR, and its step leads to the session
        chrome.logOutOf(nodes.pk);
        chrome.logIn(nodes.ir, Role.LIAISON);
        WebElement ours = chrome.waitFor(Duration.ofSeconds(5), By.cssSelector("#awaiting-me tr[data-type='psi'][data-case-id='" + id + "']"));
        assertThat(ours.getText()).contains("Private set intersection asked by PK");
        ours.findElement(By.cssSelector("a.action")).click();
        assertThat(chrome.waitFor(Duration.ofSeconds(5), By.id("psi-id")).getText()).isEqualTo(id);
        assertThat(browser.findElements(By.id("psi-accept"))).as("a liaison officer may accept").hasSize(1);

        // and IR's analyst finds it waiting in the list, and accepts it with IR's list
        chrome.logOutOf(nodes.ir);
        chrome.logIn(nodes.ir, Role.ANALYST);
        browser.get(nodes.ir.url() + "/console/screening/psi");
        WebElement row = chrome.waitFor(Duration.ofSeconds(5), By.cssSelector(".psi-session[data-id='" + id + "']"));
        assertThat(row.getText()).contains("awaiting our acceptance");
        assertThat(counted(By.cssSelector(".psi-session[data-id='" + id + "'] .lapses"))).as("the officer sees how long it waits")
                .matches("(23h \\d+m|1d 0h) left");
        row.findElement(By.tagName("a")).click();
        chrome.waitFor(Duration.ofSeconds(5), By.id("psi-accept"));
        assertThat(browser.findElement(By.cssSelector(".help")).getText()).contains("accept");
        chrome.assertAccessible("psi-accept");
        chrome.screenshot("psi-accept");
        new Select(browser.findElement(By.id("psi-accept-list"))).selectByValue("ir-wanted");
        browser.findElement(By.id("psi-accept-button")).click();
        chrome.waitFor(Duration.ofSeconds(60), By.id("psi-results"));

        // and IR reads its own entries that matched, with the kinds of key, and nothing of PK's
        assertThat(browser.findElement(By.id("psi-state")).getText()).isEqualTo("COMPLETED");
        assertThat(matches()).containsExactlyInAnyOrder("IR-1", "IR-2");
        assertThat(browser.findElement(By.cssSelector(".psi-match[data-reference='IR-1']")).getAttribute("data-keys")).contains("skeleton");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("PK-").doesNotContain("JAISH")
                .doesNotContain("Lashkar");
        chrome.assertAccessible("psi-result-ir");
        chrome.screenshot("psi-result-ir");

        // and PK's viewer reads PK's own
        chrome.logOutOf(nodes.ir);
        chrome.logIn(nodes.pk, Role.VIEWER);
        browser.get(nodes.pk.url() + "/console/screening/psi/" + id);
        chrome.waitFor(Duration.ofSeconds(5), By.id("psi-results"));
        assertThat(matches()).containsExactlyInAnyOrder("PK-1", "PK-2");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("IR-").doesNotContain("جيش").doesNotContain("Khalq");
        chrome.assertAccessible("psi-result-pk");
        chrome.logOutOf(nodes.pk);
    }

    @Test
    @Order(2)
    void whoMayNotActSeesNoFormAndIsRefusedAndThePartnerAndNobodySeeNothing() throws Exception {
        long before = sessions();
        // a VIEWER reads the list but has no form, and a request posted anyway is refused, and nothing is asked of IR
        TheHotlineFormsOverHttpsTest.Session viewer = TheHotlineFormsOverHttpsTest.Session.logIn(nodes.pk, Role.VIEWER);
        String page = viewer.get("/console/screening/psi").body();
        assertThat(page).contains("class=\"help\"").doesNotContain("id=\"psi-request\"");
        HttpResponse<String> refused = viewer.postWithoutFormId("/console/screening/psi/sessions", page,
                Map.of("partner", "IR", "list", "pk-wanted"));
        assertThat(refused.statusCode()).isEqualTo(403);
        TheHotlineFormsOverHttpsTest.Session admin = TheHotlineFormsOverHttpsTest.Session.logIn(nodes.pk, Role.ADMIN);
        assertThat(admin.postWithoutFormId("/console/screening/psi/sessions", admin.get("/console/screening/psi").body(),
                Map.of("partner", "IR", "list", "pk-wanted")).statusCode()).isEqualTo(403);
        assertThat(sessions()).isEqualTo(before);

        // a session PK requested: IR's VIEWER and ADMIN see it but no accept form, and their accept is refused
        TheHotlineFormsOverHttpsTest.Session liaison = TheHotlineFormsOverHttpsTest.Session.logIn(nodes.pk, Role.LIAISON);
        HttpResponse<String> made = liaison.post("/console/screening/psi/sessions", liaison.get("/console/screening/psi").body(),
                Map.of("partner", "IR", "list", "pk-wanted"));
        assertThat(made.statusCode()).isEqualTo(302);
        String id = made.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        for (Role role : List.of(Role.VIEWER, Role.ADMIN)) {
            TheHotlineFormsOverHttpsTest.Session ir = TheHotlineFormsOverHttpsTest.Session.logIn(nodes.ir, role);
            String session = ir.get("/console/screening/psi/" + id).body();
            assertThat(session).contains("id=\"psi-state\"").doesNotContain("id=\"psi-accept\"");
            assertThat(ir.postWithoutFormId("/console/screening/psi/" + id + "/accept", session, Map.of("list", "ir-wanted")).statusCode())
                    .as(role.name()).isEqualTo(403);
        }
        assertThat(nodes.ir.bean(JdbcClient.class).sql("select state from screening_psi_session where id = ?").param(id)
                .query(String.class).single()).isEqualTo("REQUESTED");
        for (Role role : List.of(Role.VIEWER, Role.ADMIN)) {
            TheHotlineFormsOverHttpsTest.Session ir = TheHotlineFormsOverHttpsTest.Session.logIn(nodes.ir, role);
            assertThat(ir.postWithoutFormId("/console/screening/psi/" + id + "/decline", ir.get("/console/screening/psi/" + id).body(),
                    Map.of()).statusCode()).as(role.name()).isEqualTo(403);
        }

        // IR's liaison officer, who may accept, declines it instead: it ends here and leaves IR's desk
        TheHotlineFormsOverHttpsTest.Session irLiaison = TheHotlineFormsOverHttpsTest.Session.logIn(nodes.ir, Role.LIAISON);
        assertThat(irLiaison.get("/console/desk").body()).contains(id);
        String waiting = irLiaison.get("/console/screening/psi/" + id).body();
        assertThat(waiting).contains("id=\"psi-accept\"").contains("id=\"psi-decline\"");
        HttpResponse<String> declined = irLiaison.post("/console/screening/psi/" + id + "/decline", waiting, Map.of());
        assertThat(declined.statusCode()).isEqualTo(302);
        String ended = irLiaison.get("/console/screening/psi/" + id).body();
        assertThat(ended).contains("DECLINED").contains("Why it ended").doesNotContain("id=\"psi-decline\"")
                .doesNotContain("id=\"psi-accept\"");
        assertThat(irLiaison.get("/console/desk").body()).doesNotContain(id);

        // a refused request comes back next to its field: a list PK does not have
        HttpResponse<String> unknown = liaison.post("/console/screening/psi/sessions", liaison.get("/console/screening/psi").body(),
                Map.of("partner", "IR", "list", "nope"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("data-field=\"list\"").contains("data-rule=\"unknown-list\"");

        // the partner node and nobody get nothing of the pages
        assertThat(Https.asPartner(nodes.ir, nodes.pk).get("/console/screening/psi/" + id).statusCode()).isIn(401, 403);
        HttpResponse<String> nobody = Https.to(nodes.pk).get("/console/screening/psi/" + id);
        assertThat(nobody.statusCode()).isEqualTo(302);
        assertThat(nobody.body()).doesNotContain(id);
    }

    @Test
    @Order(3)
    void aRequestFromThePartnerAppearsOnTheOpenDeskWithoutReload() throws Exception {
        // given IR's liaison officer on the desk, its live stream open
        chrome.logOutOf(nodes.ir);
        chrome.logIn(nodes.ir, Role.LIAISON);
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(5))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

        // when PK's analyst asks IR for a session over the API
        String id = asks(nodes.pk, Role.ANALYST, "IR", "pk-wanted");
        long asked_ = System.nanoTime();

        // then the desk shows it among what awaits IR, without a reload
        WebElement row = chrome.waitFor(Browser.LIVE, By.cssSelector("#awaiting-me tr[data-type='psi'][data-case-id='" + id + "']"));
        Browser.live("a PSI request on the partner's desk", asked_);
        assertThat(row.getText()).contains("Private set intersection asked by PK");
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.sameDocument === true;"))
                .isEqualTo(true);
        chrome.logOutOf(nodes.ir);
    }

    @Test
    @Order(4)
    void theRequestersListShowsThePartnersAcceptanceWithoutReload() throws Exception {
        // given PK's liaison officer on the PSI list, with a session PK asked of IR waiting there
        chrome.logOutOf(nodes.pk);
        chrome.logIn(nodes.pk, Role.LIAISON);
        String id = asks(nodes.pk, Role.LIAISON, "IR", "pk-wanted");
        browser.get(nodes.pk.url() + "/console/screening/psi");
        WebElement row = chrome.waitFor(Duration.ofSeconds(5), By.cssSelector(".psi-session[data-id='" + id + "']"));
        assertThat(row.getText()).contains("awaiting the partner");
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(5))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

        // when IR's analyst accepts it over the API
        HttpResponse<String> accepted = Https.to(nodes.ir).send("POST", "/api/screening/psi/sessions/" + id + "/accept",
                "{\"list\":\"ir-wanted\"}", "Content-Type", "application/json", "Authorization", basic(nodes.ir, Role.ANALYST));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        long done = System.nanoTime();

        // then PK's list shows it completed, with PK's own count of matches, without a reload
        chrome.waitFor(Browser.LIVE, By.cssSelector(".psi-session[data-id='" + id + "'][data-state='COMPLETED']"));
        Browser.live("a session's completion on the requester's list", done);
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.sameDocument === true;"))
                .isEqualTo(true);
        chrome.logOutOf(nodes.pk);
    }

    /** A session {@code role} at {@code node} asks of {@code partner} over {@code list}, through the API; its id. */
    /** Last: it uses up IR's sessions for the day, which the tests above need. */
    @Test
    @Order(100)
    void onceTheDaysSessionsAreUsedUpThePageSaysWhenOneIsAllowedAgainInsteadOfOfferingTheForm() throws Exception {
        // given IR's analyst has asked PK for sessions over the API until the policy's daily limit refused one
        HttpResponse<String> refused = null;
        for (int i = 0; i < 15 && refused == null; i++) {
            HttpResponse<String> asked = Https.to(nodes.ir).send("POST", "/api/screening/psi/sessions",
                    "{\"partner\":\"PK\",\"list\":\"ir-wanted\"}", "Content-Type", "application/json",
                    "Authorization", basic(nodes.ir, Role.ANALYST));
            if (asked.statusCode() == 409 && asked.body().contains("max-sessions-per-day")) {
                refused = asked;
            }
        }
        assertThat(refused).as("the daily limit is reached within 15 requests").isNotNull();

        // when IR's liaison officer opens the PSI page
        chrome.logOutOf(nodes.ir);
        chrome.logIn(nodes.ir, Role.LIAISON);
        browser.get(nodes.ir.url() + "/console/screening/psi");
        WebElement limit = chrome.waitFor(Duration.ofSeconds(5), By.cssSelector(".daily-limit[data-partner='PK']"));

        // then it says why no session can be asked of PK and when one can, and offers no form that would only be refused
        assertThat(limit.getText()).contains("sessions with PK requested or accepted here in the last 24 hours",
                "concord.screening.psi.max-sessions-per-day", "a session is allowed again at");
        assertThat(browser.findElements(By.id("psi-request"))).as("no form: PK is the only partner").isEmpty();
        chrome.assertAccessible("psi-daily-limit");
        chrome.logOutOf(nodes.ir);
    }

    private static String asks(org.concord.testing.TestNode node, Role role, String partner, String list) throws Exception {
        HttpResponse<String> asked = Https.to(node).send("POST", "/api/screening/psi/sessions",
                "{\"partner\":\"" + partner + "\",\"list\":\"" + list + "\"}", "Content-Type", "application/json",
                "Authorization", basic(node, role));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        return new tools.jackson.databind.json.JsonMapper().readTree(asked.body()).path("id").asString();
    }

    private static String basic(org.concord.testing.TestNode node, Role role) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((node.username(role) + ":" + node.password(role))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> matches() {
        return browser.findElements(By.cssSelector(".psi-match")).stream().map(e -> e.getAttribute("data-reference")).toList();
    }

    private static long sessions() {
        return nodes.pk.bean(JdbcClient.class).sql("select count(*) from screening_psi_session").query(Long.class).single();
    }

    private static ByteArrayInputStream un(Map<String, String> list) {
        StringBuilder xml = new StringBuilder("<CONSOLIDATED_LIST dateGenerated=\"2024-01-29\"><ENTITIES>");
        list.forEach((reference, name) -> xml.append("<ENTITY><DATAID>").append(Math.abs(reference.hashCode()))
                .append("</DATAID><FIRST_NAME>").append(name).append("</FIRST_NAME><REFERENCE_NUMBER>").append(reference)
                .append("</REFERENCE_NUMBER></ENTITY>"));
        xml.append("</ENTITIES></CONSOLIDATED_LIST>");
        return new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The text of an element holding a countdown, once the console's script has counted it ("… left"). */
    private static String counted(By what) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(5))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.textMatches(what, java.util.regex.Pattern.compile("left")));
        return browser.findElement(what).getText();
    }
}
