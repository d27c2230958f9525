package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.concord.audit.AuditEntry;
import org.concord.audit.AuditLog;
import org.concord.intel.SharingInForce;
import org.concord.intel.SharingSettings;
import org.concord.party.ApiTokens;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Browser;
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

/**
 * The admin page as PK's administrator sees it, in Debian's headless Chromium against PK and IR
 * running for real: the partner IR with the fingerprints PK pinned, the users and their roles, the
 * API tokens without their secrets, and the policies in force, marked read-only where concord.yml
 * rules them. Only an ADMIN opens it or revokes a token.
 */
class TheAdminPageInABrowserTest {

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
        chrome.logOutOf(nodes.pk);
    }

    @Test
    void theAdministratorSeesThePartnerWithItsFingerprintsTheUsersTheTokensWithoutSecretsAndThePolicies() throws Exception {
        // given a token PK's liaison officer holds for a script
        ApiTokens.Issued issued = nodes.pk.bean(ApiTokens.class).issue(nodes.pk.username(Role.LIAISON), "nightly export",
                Duration.ofHours(2));

        // when PK's administrator opens the admin page from the desk's link
        chrome.logIn(nodes.pk, Role.ADMIN);
        browser.findElement(By.id("nav-admin")).click();
        chrome.waitFor(Duration.ofSeconds(5), By.id("partners"));
        assertThat(browser.findElement(By.cssSelector(".help")).getText()).contains("partners").contains("policies in force");

        // then IR is there with the certificate and signing key fingerprints PK pinned, and how it is reached
        WebElement ir = browser.findElement(By.cssSelector("tr.partner[data-partner='IR']"));
        assertThat(ir.findElement(By.cssSelector(".fingerprints")).getText())
                .contains(nodes.ir.identity().fingerprint().toString())
                .contains(nodes.ir.identity().signingKey().fingerprint().toString());
        assertThat(ir.getText()).contains(nodes.ir.url()).contains("paired since");
        assertThat(ir.findElement(By.cssSelector(".reach-state")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("own-fingerprint")).getText()).isEqualTo(nodes.pk.identity().fingerprint().toString());

        // the users with their roles
        for (Role role : Role.values()) {
            WebElement user = browser.findElement(By.cssSelector("tr.user[data-user='" + nodes.pk.username(role) + "']"));
            assertThat(user.findElement(By.cssSelector(".user-roles")).getText()).isEqualTo(role.name());
        }

        // the token by name, user, role, created and last used, and nowhere its secret
        WebElement token = browser.findElement(By.cssSelector("tr.token[data-token-id='" + issued.id() + "']"));
        assertThat(token.getText()).contains("nightly export").contains(nodes.pk.username(Role.LIAISON)).contains("LIAISON")
                .contains("never");
        assertThat(browser.getPageSource()).doesNotContain(issued.token()).doesNotContain(issued.token().substring(8, 30));

        // the policies in force, read-only where the configuration file rules
        assertThat(browser.findElement(By.id("sharing")).getText()).contains("TLP:AMBER").contains("every partner");
        assertThat(browser.findElement(By.id("deadlines")).getText())
                .contains("Request for action, URGENT").contains("acknowledge within 1 h")
                .contains("Hotline call, FLASH").contains("10 min");
        WebElement rules = browser.findElement(By.cssSelector(".notice-rules[data-partner='IR']"));
        assertThat(rules.getText()).contains("minimum-notice").contains("lead 3 days")
                .contains("launch-point-distance").contains("40 km").contains("within 50 km of the border");
        assertThat(browser.findElement(By.id("policies")).getText()).contains("set in concord.yml".substring(1))
                .contains("Weekly test call");
        assertThat(rules.findElement(By.cssSelector(".basis")).getText()).startsWith("Set in concord.yml").contains("IR never signed");
        assertThat(browser.findElements(By.cssSelector("#policies form"))).as("the sharing settings and the proposal of notice rules are changed here")
                .extracting(e -> e.getAttribute("id") == null || e.getAttribute("id").isEmpty() ? e.getAttribute("class") : e.getAttribute("id"))
                .containsExactly("sharing-form", "propose-agreement");
        assertThat(browser.findElement(By.cssSelector(".agreements[data-partner='IR'] input[name='notificationZoneKm']"))
                .getAttribute("value")).isEqualTo("50");
        chrome.assertAccessible("admin");
        chrome.screenshot("admin");

        // and at tablet width the page still shows every section
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1000));
        assertThat(browser.findElement(By.cssSelector("tr.partner[data-partner='IR']")).isDisplayed()).isTrue();
        assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the window").isLessThanOrEqualTo(800);
        chrome.screenshot("admin-800");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 900));
    }

    @Test
    void theAdministratorRevokesATokenThroughItsFormAndTheAuditTrailSaysWho() throws Exception {
        ApiTokens tokens = nodes.pk.bean(ApiTokens.class);
        ApiTokens.Issued issued = tokens.issue(nodes.pk.username(Role.VIEWER), "dashboard", Duration.ofHours(1));
        chrome.logIn(nodes.pk, Role.ADMIN);
        browser.get(nodes.pk.url() + "/console/admin");

        // when the administrator revokes it
        browser.findElement(By.cssSelector("tr.token[data-token-id='" + issued.id() + "'] form.revoke button")).click();

        // then the page says so, the token is gone, and the audit trail names the administrator, as through the API
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".notice"), "revoked"));
        assertThat(browser.findElements(By.cssSelector("tr.token[data-token-id='" + issued.id() + "']"))).isEmpty();
        assertThat(tokens.all()).extracting(ApiTokens.Token::id).doesNotContain(issued.id());
        assertThat(tokens.check(tokens.lookUp(issued.token(), "address:127.0.0.1")).live()).isNull();
        List<AuditEntry> recent = nodes.pk.bean(AuditLog.class).recent(20);
        assertThat(recent).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("token.revoked");
            assertThat(e.actor()).isEqualTo("user:" + nodes.pk.username(Role.ADMIN));
            assertThat(e.detail()).contains("token " + issued.id());
        });

        // the same form again: the token is no longer there, and the page says so
        assertThat(post("/console/admin/tokens/" + issued.id() + "/revoke", true)).isIn(200L, 302L, 0L);
        browser.get(nodes.pk.url() + "/console/admin");
        assertThat(browser.findElement(By.cssSelector("#tokens .error")).getText()).contains("no live token " + issued.id());
        assertThat(browser.findElements(By.cssSelector("tr.token[data-token-id='" + issued.id() + "']"))).isEmpty();
    }

    @Test
    void theAdministratorChangesWhatThePartnerMayReadThroughTheFormAndPutsTheFileBack() throws Exception {
        SharingInForce sharing = nodes.pk.bean(SharingInForce.class);
        String digestBefore = sharing.digestFor(PartyCode.of("IR"));
        boolean amberBefore = sharing.current().settings().amber().contains("IR");
        try {
            chrome.logIn(nodes.pk, Role.ADMIN);
            browser.get(nodes.pk.url() + "/console/admin");
            WebElement unmarked = browser.findElement(By.cssSelector("tr.sharing-line[data-partner='IR'] input[name=unmarked]"));
            assertThat(unmarked.isSelected()).as("the file shares no unmarked object with IR").isFalse();
            assertThat(browser.findElement(By.cssSelector("tr.sharing-line[data-partner='IR'] input[name=amber]")).isSelected())
                    .isEqualTo(amberBefore);
            assertThat(browser.findElement(By.cssSelector("tr.sharing-line[data-partner='IR']")).getText()).contains("no other partner");
            assertThat(browser.findElements(By.id("sharing-reset"))).as("nothing to put back").isEmpty();

            // when the administrator lets IR read unmarked objects and saves
            unmarked.click();
            browser.findElement(By.id("sharing-save")).click();

            // then the page says what is in force now and who set it, the node shares under it, and the audit trail names the administrator
            new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".notice"), "Sharing settings set"));
            assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("unmarked to IR");
            assertThat(browser.findElement(By.id("sharing")).getText()).contains("set at run time by user:" + nodes.pk.username(Role.ADMIN))
                    .contains("Objects without a TLP marking IR");
            assertThat(browser.findElement(By.cssSelector("tr.sharing-line[data-partner='IR'] input[name=unmarked]")).isSelected()).isTrue();
            assertThat(sharing.current().source()).isEqualTo(SharingInForce.Source.SET_AT_RUN_TIME);
            assertThat(sharing.current().settings().unmarked()).containsExactly("IR");
            assertThat(sharing.current().settings().amber().contains("IR")).as("AMBER as it was").isEqualTo(amberBefore);
            assertThat(sharing.digestFor(PartyCode.of("IR"))).as("IR's next page restarts its pull").isNotEqualTo(digestBefore);
            assertThat(nodes.pk.bean(AuditLog.class).recent(10)).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("intel.sharing-changed");
                assertThat(e.actor()).isEqualTo("user:" + nodes.pk.username(Role.ADMIN));
            });
            chrome.assertAccessible("admin-sharing");

            // another administrator changes the settings while this page is open: saving it is refused, and their change stands
            sharing.change(SharingInForce.json(new SharingSettings(List.of(), List.of(), Map.of(), Map.of())), "user:other-admin");
            browser.findElement(By.cssSelector("tr.sharing-line[data-partner='IR'] input[name=unmarked]")).click();
            browser.findElement(By.id("sharing-save")).click();
            new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.presenceOfElementLocated(By.id("sharing-error")));
            assertThat(browser.findElement(By.id("sharing-error")).getText()).contains("Not changed").contains("user:other-admin")
                    .contains("after you opened this page");
            assertThat(sharing.current().changedBy()).isEqualTo("user:other-admin");
            assertThat(sharing.current().settings().amber()).isEmpty();

            // and putting the file back shows the file's settings, with who put them back
            browser.findElement(By.id("sharing-reset-button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".notice"), "concord.yml are in force again"));
            assertThat(sharing.current().source()).isEqualTo(SharingInForce.Source.CONFIGURATION);
            assertThat(sharing.digestFor(PartyCode.of("IR"))).isEqualTo(digestBefore);
            assertThat(browser.findElement(By.id("sharing")).getText()).contains("the configuration file")
                    .contains("put back by user:" + nodes.pk.username(Role.ADMIN));
            assertThat(browser.findElements(By.id("sharing-reset"))).isEmpty();
        } finally {
            sharing.returnToConfiguration("test");
        }
    }

    @Test
    void aLiaisonOfficerAndAViewerGet403AndAForgedRevokeFromTheirSessionIsRefused() throws Exception {
        ApiTokens tokens = nodes.pk.bean(ApiTokens.class);
        ApiTokens.Issued issued = tokens.issue(nodes.pk.username(Role.ADMIN), "kept", Duration.ofHours(1));
        for (Role role : List.of(Role.LIAISON, Role.VIEWER)) {
            chrome.logOutOf(nodes.pk);
            chrome.logIn(nodes.pk, role);

            // the page is refused to the role
            assertThat(get("/console/admin")).as(role + " opening the admin page").isEqualTo(403);
            browser.get(nodes.pk.url() + "/console/admin");
            assertThat(browser.findElements(By.id("tokens"))).as(role + " sees no tokens").isEmpty();
            assertThat(browser.getPageSource()).doesNotContain("nightly export").doesNotContain("kept");

            // a forged revoke from the session: refused without the CSRF token, and with it for the role
            browser.get(nodes.pk.url() + "/console/desk");
            String path = "/console/admin/tokens/" + issued.id() + "/revoke";
            assertThat(post(path, false)).isEqualTo(403);
            assertThat(post(path, true)).isEqualTo(403);
            assertThat(tokens.all()).as("the token is still live").extracting(ApiTokens.Token::id).contains(issued.id());

            // nor may the role change the sharing settings or put the file's back
            SharingInForce.InForce sharing = nodes.pk.bean(SharingInForce.class).current();
            assertThat(post("/console/admin/sharing", true)).isEqualTo(403);
            assertThat(post("/console/admin/sharing/reset", true)).isEqualTo(403);
            assertThat(nodes.pk.bean(SharingInForce.class).current()).as("the sharing settings are as they were").isEqualTo(sharing);
        }
        tokens.revoke(issued.id(), nodes.pk.username(Role.ADMIN), true, "test");
    }

    // ---------------------------------------------------------------- helpers

    static long get(String path) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin', redirect: 'manual'}).then(r => done(r.status), e => done(-1));""",
                path);
        return (Long) status;
    }

    /** A POST from the page's own session, with or without the CSRF token the page holds; its status (0: a redirect). */
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
}
