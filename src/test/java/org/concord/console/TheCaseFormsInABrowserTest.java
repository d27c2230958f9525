package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every step of a case as a form on its page, in Debian's headless Chromium against PK and IR
 * running for real: for each kind of case the officers of both sides take turns through the forms,
 * each side's page showing the other's step once it is delivered; a refused form shows the module's
 * field and rule next to the field, keeps what was typed and sends nothing.
 */
class TheCaseFormsInABrowserTest {

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
    void irCounterProposesPkAcceptsTheProposalAndIrClosesTheRequestWithAnOutcome() throws Exception {
        // given PK's request at IR, on IR's case page
        String caseId = pkSendsARequest();
        logIn(ir, nodes.ir, Role.LIAISON);
        ir.get(nodes.ir.url() + "/console/cases/" + caseId);

        // when IR's liaison counter-proposes a joint operation through the form
        new Select(ir.findElement(By.cssSelector("#step-counterPropose select[name='proposalKind']"))).selectByValue("JOINT_OPERATION");
        ir.findElement(By.cssSelector("#step-counterPropose textarea[name='proposalText']")).sendKeys("a joint raid at dawn عملیات مشترک");
        ir.findElement(By.cssSelector("#step-counterPropose button.action")).click();
        waitFor(ir, By.cssSelector("tr.message[data-message-type='counter_propose']"));
        assertThat(ir.findElement(By.id("state")).getText()).isEqualTo("CounterProposed");

        // then, delivered, PK's page shows the proposal on the table and an accept form naming it
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
        logIn(pk, nodes.pk, Role.LIAISON);
        openWhen(pk, nodes.pk, caseId, By.cssSelector("#step-accept"));
        String proposal = pk.findElement(By.cssSelector("#proposal code")).getText();
        assertThat(pk.findElement(By.cssSelector("#proposal pre")).getText()).contains("JOINT_OPERATION").contains("joint raid at dawn");
        assertThat(pk.findElement(By.cssSelector("#step-accept input[name='termsRef']")).getAttribute("value")).isEqualTo(proposal);
        assertThat(texts(pk.findElements(By.cssSelector("form.step button.action")))).containsExactly("accept", "decline", "amend", "close");
        screenshot(pk, "case-forms-request-counter-proposed");

        // and PK accepts it through the form
        pk.findElement(By.cssSelector("#step-accept textarea[name='text']")).sendKeys("agreed: dawn, joint");
        pk.findElement(By.cssSelector("#step-accept button.action")).click();
        waitFor(pk, By.cssSelector("tr.message[data-message-type='accept']"));
        assertThat(pk.findElement(By.id("state")).getText()).isEqualTo("Accepted");
        assertThat(pk.findElement(By.cssSelector("#agreed code")).getText()).isEqualTo(proposal);

        // then IR, once it has the acceptance, reports progress and is refused a closure without an outcome
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        openWhen(ir, nodes.ir, caseId, By.cssSelector("#step-close"));
        ir.findElement(By.cssSelector("#step-progressUpdate textarea[name='text']")).sendKeys("teams in position");
        ir.findElement(By.cssSelector("#step-progressUpdate button.action")).click();
        waitFor(ir, By.cssSelector("tr.message[data-message-type='progress_update']"));
        int before = ir.findElements(By.cssSelector("tr.message")).size();
        ir.findElement(By.cssSelector("#step-close textarea[name='text']")).sendKeys("hideout dismantled");
        ir.findElement(By.cssSelector("#step-close button.action")).click();
        WebElement error = waitFor(ir, By.cssSelector("#step-close .field-error"));
        assertThat(error.getAttribute("data-field")).isEqualTo("outcome");
        assertThat(error.getAttribute("data-rule")).isEqualTo("FIELD_REQUIRED");
        assertThat(previousHolds(ir, error, "select[name=outcome]")).isTrue();
        assertThat(ir.findElement(By.cssSelector("#step-close textarea[name='text']")).getAttribute("value")).isEqualTo("hideout dismantled");
        assertThat(ir.findElements(By.cssSelector("tr.message"))).hasSize(before);
        screenshot(ir, "case-forms-request-close-refused");

        // and with the outcome it closes, and PK's page shows the closure once delivered
        new Select(ir.findElement(By.cssSelector("#step-close select[name='outcome']"))).selectByValue("ACTION_TAKEN");
        ir.findElement(By.cssSelector("#step-close button.action")).click();
        waitFor(ir, By.cssSelector("tr.message[data-message-type='close']"));
        assertThat(ir.findElement(By.id("state")).getText()).isEqualTo("Closed");
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
        openWhen(pk, nodes.pk, caseId, By.cssSelector("tr.message[data-message-type='close']"));
        assertThat(pk.findElement(By.id("state")).getText()).isEqualTo("Closed");
        assertThat(pk.findElements(By.cssSelector("tr.message[data-message-type='progress_update']"))).hasSize(1);
        assertThat(pk.findElements(By.cssSelector("form.step"))).isEmpty();
        screenshot(pk, "case-forms-request-closed");
    }

    @Test
    void pkWithdrawsItsRequestInsteadOfAnsweringTheCounterProposalAndIrSeesItClosed() throws Exception {
        // given IR counter-proposed PK's request, and IR's page, while PK answers, offers IR what it may still do
        String caseId = pkSendsARequest();
        logIn(ir, nodes.ir, Role.LIAISON);
        ir.get(nodes.ir.url() + "/console/cases/" + caseId);
        new Select(ir.findElement(By.cssSelector("#step-counterPropose select[name='proposalKind']"))).selectByValue("JOINT_OPERATION");
        ir.findElement(By.cssSelector("#step-counterPropose textarea[name='proposalText']")).sendKeys("a joint raid");
        ir.findElement(By.cssSelector("#step-counterPropose button.action")).click();
        waitFor(ir, By.cssSelector("tr.message[data-message-type='counter_propose']"));
        assertThat(ir.findElement(By.id("next")).getText()).contains("PK").contains("close");
        assertThat(texts(ir.findElements(By.cssSelector("form.step button.action")))).containsExactly("accept", "decline", "counterPropose");
        // the responder accepts the request as it stands, not its own counter-proposal
        String request = ir.findElement(By.cssSelector("#step-accept input[name='termsRef']")).getAttribute("value");
        assertThat(request).isEqualTo(caseId);
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));

        // when PK's liaison, offered to close it, withdraws it: WITHDRAWN is the only outcome its form offers
        logIn(pk, nodes.pk, Role.LIAISON);
        openWhen(pk, nodes.pk, caseId, By.cssSelector("#step-accept"));
        assertThat(texts(pk.findElements(By.cssSelector("form.step button.action")))).containsExactly("accept", "decline", "amend", "close");
        List<String> outcomes = new Select(pk.findElement(By.cssSelector("#step-close select[name='outcome']"))).getOptions().stream()
                .map(o -> o.getAttribute("value")).filter(v -> !v.isEmpty()).toList();
        assertThat(outcomes).containsExactly("WITHDRAWN");
        new Select(pk.findElement(By.cssSelector("#step-close select[name='outcome']"))).selectByValue("WITHDRAWN");
        pk.findElement(By.cssSelector("#step-close textarea[name='text']")).sendKeys("we act alone after all");
        pk.findElement(By.cssSelector("#step-close button.action")).click();

        // then it is closed at PK, with no step left
        waitFor(pk, By.cssSelector("tr.message[data-message-type='close']"));
        assertThat(pk.findElement(By.id("state")).getText()).isEqualTo("Closed");
        assertThat(pk.findElements(By.cssSelector("form.step"))).isEmpty();

        // and at IR once delivered
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        openWhen(ir, nodes.ir, caseId, By.cssSelector("tr.message[data-message-type='close']"));
        assertThat(ir.findElement(By.id("state")).getText()).isEqualTo("Closed");
        assertThat(ir.findElements(By.cssSelector("form.step"))).isEmpty();
    }

    @Test
    void pkAmendsItsRequestFromTheTermsAsTheyStandAndABadTargetIsRefusedNextToTheTargets() throws Exception {
        // given IR asked PK for more evidence
        String caseId = pkSendsARequest();
        logIn(ir, nodes.ir, Role.LIAISON);
        ir.get(nodes.ir.url() + "/console/cases/" + caseId);
        new Select(ir.findElement(By.cssSelector("#step-counterPropose select[name='proposalKind']"))).selectByValue("MORE_EVIDENCE_NEEDED");
        ir.findElement(By.cssSelector("#step-counterPropose button.action")).click();
        waitFor(ir, By.cssSelector("tr.message[data-message-type='counter_propose']"));
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));

        // when PK's liaison opens the amend form (once the counter-proposal is in: PK may amend before it too),
        // it starts from the request as it stands
        logIn(pk, nodes.pk, Role.LIAISON);
        openWhen(pk, nodes.pk, caseId, By.cssSelector("tr.message[data-message-type='counter_propose']"));
        WebElement targets = pk.findElement(By.cssSelector("#step-amend textarea[name='revisedTargets']"));
        assertThat(targets.getAttribute("value")).contains(January2024.JAISH_AL_ADL.value()).contains(January2024.NEAR_SARAVAN.value());
        assertThat(new Select(pk.findElement(By.cssSelector("#step-amend select[name='revisedUrgency']"))).getFirstSelectedOption().getText())
                .isEqualTo("URGENT");
        assertThat(new Select(pk.findElement(By.cssSelector("#step-amend select[name='revisedActionKind']"))).getFirstSelectedOption().getText())
                .isEqualTo("DISMANTLE_HIDEOUT");

        // and adds a target that is no STIX id: refused next to the targets, as typed, nothing sent
        int before = pk.findElements(By.cssSelector("tr.message")).size();
        targets.sendKeys("\nthe camp");
        pk.findElement(By.cssSelector("#step-amend button.action")).click();
        WebElement error = waitFor(pk, By.cssSelector("#step-amend .field-error"));
        assertThat(error.getAttribute("data-field")).isEqualTo("revised.targets");
        assertThat(error.getAttribute("data-rule")).isEqualTo("stix-identifier");
        assertThat(previousHolds(pk, error, "textarea[name=revisedTargets]")).isTrue();
        assertThat(pk.findElement(By.cssSelector("#step-amend textarea[name='revisedTargets']")).getAttribute("value")).contains("the camp");
        assertThat(pk.findElements(By.cssSelector("tr.message"))).hasSize(before);
        screenshot(pk, "case-forms-request-amend-refused");

        // then with the targets right, more evidence and a higher urgency, the amendment is sent
        WebElement again = pk.findElement(By.cssSelector("#step-amend textarea[name='revisedTargets']"));
        again.clear();
        again.sendKeys(January2024.JAISH_AL_ADL.value() + "\n" + January2024.NEAR_SARAVAN.value());
        pk.findElement(By.cssSelector("#step-amend textarea[name='revisedEvidence']"))
                .sendKeys("\nreport--7f3c1d2e-4b5a-4c6d-8e9f-0a1b2c3d4e5f");
        new Select(pk.findElement(By.cssSelector("#step-amend select[name='revisedUrgency']"))).selectByValue("IMMEDIATE");
        pk.findElement(By.cssSelector("#step-amend button.action")).click();
        waitFor(pk, By.cssSelector("tr.message[data-message-type='amend']"));
        assertThat(pk.findElement(By.id("state")).getText()).isEqualTo("Acknowledged");

        // and IR's page, once delivered, has the revised request on the table
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        openWhen(ir, nodes.ir, caseId, By.cssSelector("tr.message[data-message-type='amend']"));
        assertThat(ir.findElement(By.cssSelector("#proposal pre")).getText()).contains("IMMEDIATE")
                .contains("report--7f3c1d2e-4b5a-4c6d-8e9f-0a1b2c3d4e5f");
        assertThat(texts(ir.findElements(By.cssSelector("form.step button.action")))).contains("accept", "decline", "counterPropose");
        screenshot(ir, "case-forms-request-amended");
    }

    @Test
    void bothSidesAttestACommitmentWithEvidenceAndABadEvidenceIdIsRefusedNextToTheEvidence() throws Exception {
        // given PK's commitment, owned by IR, agreed by IR through the form
        String[] pkBasic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        HttpResponse<String> sent = Https.to(nodes.pk).send("POST", "/api/commitments", """
                {"counterpart":"IR","owner":"IR","what":"patrol the Mirjaveh crossing nightly","dueBy":"%s"}"""
                .formatted(Instant.now().plus(Duration.ofDays(3))), pkBasic[0], pkBasic[1], "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String commitmentId = JSON.readTree(sent.body()).path("commitmentId").asString();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        logIn(ir, nodes.ir, Role.LIAISON);
        openWhen(ir, nodes.ir, commitmentId, By.cssSelector("#step-agree"));
        ir.findElement(By.cssSelector("#step-agree button.action")).click();
        waitFor(ir, By.cssSelector("tr.message[data-message-type='agree']"));

        // when IR attests it with evidence that is no STIX id: refused next to the evidence, nothing sent
        int before = ir.findElements(By.cssSelector("tr.message")).size();
        ir.findElement(By.cssSelector("#step-attest textarea[name='text']")).sendKeys("patrols every night since Monday");
        ir.findElement(By.cssSelector("#step-attest textarea[name='evidence']")).sendKeys("patrol log");
        ir.findElement(By.cssSelector("#step-attest button.action")).click();
        WebElement error = waitFor(ir, By.cssSelector("#step-attest .field-error"));
        assertThat(error.getAttribute("data-field")).isEqualTo("evidence");
        assertThat(error.getAttribute("data-rule")).isEqualTo("stix-id");
        assertThat(error.getText()).contains("'patrol'");
        assertThat(previousHolds(ir, error, "textarea[name=evidence]")).isTrue();
        assertThat(ir.findElement(By.cssSelector("#step-attest textarea[name='text']")).getAttribute("value"))
                .isEqualTo("patrols every night since Monday");
        assertThat(ir.findElements(By.cssSelector("tr.message"))).hasSize(before);
        screenshot(ir, "case-forms-commitment-attest-refused");

        // then with a report's id it is sent
        WebElement evidence = ir.findElement(By.cssSelector("#step-attest textarea[name='evidence']"));
        evidence.clear();
        evidence.sendKeys("report--0d6e1f2a-3b4c-4d5e-8f60-718293a4b5c6");
        ir.findElement(By.cssSelector("#step-attest button.action")).click();
        waitFor(ir, By.cssSelector("tr.message[data-message-type='attest']"));

        // and PK, once delivered, sees it and attests in turn: the commitment is fulfilled on both sides
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
        logIn(pk, nodes.pk, Role.LIAISON);
        openWhen(pk, nodes.pk, commitmentId, By.cssSelector("#step-attest"));
        assertThat(pk.findElements(By.cssSelector("tr.message[data-message-type='attest']"))).hasSize(1);
        screenshot(pk, "case-forms-commitment-attested");
        pk.findElement(By.cssSelector("#step-attest textarea[name='text']")).sendKeys("confirmed by our border posts");
        pk.findElement(By.cssSelector("#step-attest button.action")).click();
        waitFor(pk, By.cssSelector("tr.message[data-message-type='attest'] + tr.message[data-message-type='attest'], "
                + "tr.message[data-message-type='attest'] ~ tr.message[data-message-type='attest']"));
        String fulfilled = pk.findElement(By.id("state")).getText();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        openWhen(ir, nodes.ir, commitmentId, By.cssSelector("tr.message[data-message-type='attest'] ~ tr.message[data-message-type='attest']"));
        assertThat(ir.findElement(By.id("state")).getText()).isEqualTo(fulfilled).isNotEqualTo("Agreed");
        assertThat(ir.findElements(By.cssSelector("form.step"))).isEmpty();
        screenshot(ir, "case-forms-commitment-fulfilled");
    }

    @Test
    void anIncidentIsAnsweredThenSettledByFindingsBothSidesSignOff() throws Exception {
        // given PK's incident report with one claim, at IR
        String[] pkBasic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        HttpResponse<String> sent = Https.to(nodes.pk).send("POST", "/api/incidents", """
                {"addressee":"IR","occurredAt":"2024-01-16T16:00:00Z",
                 "place":{"type":"Point","coordinates":[64.10,26.97]},"incidentType":"CROSS_BORDER_STRIKE",
                 "whatHappened":"A drone struck a house near Panjgur from across the border.",
                 "claims":[{"ref":"claim-1","statement":"No militants were present at the site."}]}""",
                pkBasic[0], pkBasic[1], "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String incidentId = JSON.readTree(sent.body()).path("incidentId").asString();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        logIn(ir, nodes.ir, Role.LIAISON);
        openWhen(ir, nodes.ir, incidentId, By.cssSelector("#step-answerClaim"));

        // when IR disputes the claim without evidence: the module's rule next to the evidence, nothing sent
        int before = ir.findElements(By.cssSelector("tr.message")).size();
        new Select(ir.findElement(By.cssSelector("#step-answerClaim select[name='claimRef']"))).selectByValue("claim-1");
        new Select(ir.findElement(By.cssSelector("#step-answerClaim select[name='verdict']"))).selectByValue("DISPUTE");
        ir.findElement(By.cssSelector("#step-answerClaim textarea[name='text']")).sendKeys("militants were there");
        ir.findElement(By.cssSelector("#step-answerClaim button.action")).click();
        WebElement error = waitFor(ir, By.cssSelector("#step-answerClaim .field-error"));
        assertThat(error.getAttribute("data-field")).isEqualTo("evidence");
        assertThat(error.getAttribute("data-rule")).isEqualTo("EVIDENCE_REQUIRED");
        assertThat(previousHolds(ir, error, "textarea[name=evidence]")).isTrue();
        assertThat(new Select(ir.findElement(By.cssSelector("#step-answerClaim select[name='verdict']"))).getFirstSelectedOption().getText())
                .isEqualTo("DISPUTE");
        assertThat(ir.findElements(By.cssSelector("tr.message"))).hasSize(before);
        screenshot(ir, "case-forms-incident-dispute-refused");

        // then with evidence the dispute is sent
        ir.findElement(By.cssSelector("#step-answerClaim textarea[name='evidence']")).sendKeys("report--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
        ir.findElement(By.cssSelector("#step-answerClaim button.action")).click();
        new WebDriverWait(ir, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr.claim[data-claim-id='claim-1']"), "DISPUTE"));

        // and PK, once delivered, proposes joint findings through the form
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
        logIn(pk, nodes.pk, Role.LIAISON);
        openWhen(pk, nodes.pk, incidentId, By.cssSelector("#step-proposeFindings"));
        assertThat(pk.findElement(By.cssSelector("tr.claim[data-claim-id='claim-1']")).getText()).contains("DISPUTE");
        pk.findElement(By.cssSelector("#step-proposeFindings textarea[name='findings']")).sendKeys("A drone struck; who was there is disputed.");
        pk.findElement(By.cssSelector("#step-proposeFindings button.action")).click();
        waitFor(pk, By.cssSelector("tr.message[data-message-type='propose_findings']"));
        String findings = pk.findElement(By.cssSelector("#proposal code")).getText();

        // then IR sees them on the table and signs them off
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        openWhen(ir, nodes.ir, incidentId, By.cssSelector("#step-signOff"));
        assertThat(ir.findElement(By.cssSelector("#proposal pre")).getText()).contains("who was there is disputed");
        assertThat(ir.findElement(By.cssSelector("#step-signOff input[name='findingsRef']")).getAttribute("value")).isEqualTo(findings);
        screenshot(ir, "case-forms-incident-findings-proposed");
        ir.findElement(By.cssSelector("#step-signOff button.action")).click();
        waitFor(ir, By.cssSelector("tr.message[data-message-type='sign_off']"));

        // and PK signs off too: settled on both sides
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
        openWhen(pk, nodes.pk, incidentId, By.cssSelector("#step-signOff"));
        pk.findElement(By.cssSelector("#step-signOff button.action")).click();
        waitFor(pk, By.cssSelector("tr.message[data-message-type='sign_off'] ~ tr.message[data-message-type='sign_off']"));
        assertThat(pk.findElement(By.id("state")).getText()).isEqualTo("Settled");
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        openWhen(ir, nodes.ir, incidentId, By.cssSelector("tr.message[data-message-type='sign_off'] ~ tr.message[data-message-type='sign_off']"));
        assertThat(ir.findElement(By.id("state")).getText()).isEqualTo("Settled");
        assertThat(ir.findElement(By.cssSelector("#agreed pre")).getText()).contains("who was there is disputed");
        screenshot(ir, "case-forms-incident-settled");
    }

    @Test
    void aViewerSeesNoFormOfAnIncidentAndAFindingsPostFromItsSessionIsRefused() throws Exception {
        // given an incident awaiting IR, and IR's viewer on its page
        String[] pkBasic = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        HttpResponse<String> sent = Https.to(nodes.pk).send("POST", "/api/incidents", """
                {"addressee":"IR","occurredAt":"2024-01-17T08:00:00Z","place":{"type":"Point","coordinates":[64.10,26.97]},
                 "incidentType":"CROSS_BORDER_STRIKE","whatHappened":"Shots across the border near Panjgur.",
                 "claims":[{"ref":"claim-1","statement":"Shots were fired."}]}""",
                pkBasic[0], pkBasic[1], "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String incidentId = JSON.readTree(sent.body()).path("incidentId").asString();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        logIn(ir, nodes.ir, Role.VIEWER);
        openWhen(ir, nodes.ir, incidentId, By.cssSelector("tr.message[data-message-type='report']"));

        // then it sees what IR may do next, but no form
        assertThat(ir.findElement(By.id("next")).getText()).contains("answerClaim", "proposeFindings");
        assertThat(ir.findElements(By.cssSelector("form.step"))).isEmpty();

        // and a findings form posted from its session, with the CSRF token, is refused for the role
        Object status = ((JavascriptExecutor) ir).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {'Content-Type': 'application/x-www-form-urlencoded'};
                headers[document.querySelector('meta[name=_csrf_header]').content] = document.querySelector('meta[name=_csrf]').content;
                fetch(arguments[0], {method: 'POST', headers: headers, body: 'messageType=proposeFindings&findings=x&formId=x',
                    credentials: 'same-origin', redirect: 'manual'}).then(r => done(r.status), e => done(-1));""",
                "/console/cases/" + incidentId + "/messages");
        assertThat(status).isEqualTo(403L);
        String[] basic = Https.basic(nodes.ir.username(Role.VIEWER), nodes.ir.password(Role.VIEWER));
        JsonNode view = JSON.readTree(Https.to(nodes.ir).get("/api/incidents/" + incidentId, basic).body());
        assertThat(view.path("timeline")).hasSize(1);
    }

    // ---------------------------------------------------------------- helpers

    /** Whether the element just before {@code error} holds a control matching {@code selector}: the error stands next to it. */
    static boolean previousHolds(WebDriver browser, WebElement error, String selector) {
        return (Boolean) ((JavascriptExecutor) browser).executeScript(
                "const p = arguments[0].previousElementSibling; return p !== null && p.querySelector(arguments[1]) !== null;",
                error, selector);
    }

    /** Opens the case's page until it shows {@code what} (a delivered message is applied a moment after delivery). */
    static void openWhen(ChromeDriver browser, TestNode node, String caseId, By what) {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            browser.get(node.url() + "/console/cases/" + caseId);
            if (!browser.findElements(what).isEmpty()) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError(what + " not on the page of " + caseId + " at " + node.url() + ":\n"
                        + browser.findElement(By.tagName("main")).getText());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static void logIn(WebDriver browser, TestNode node, Role role) {
        (browser == ir ? irBrowser : pkBrowser).logIn(node, role);
    }

    static WebElement waitFor(WebDriver browser, By what) {
        try {
            return new WebDriverWait(browser, Browser.LIVE, Duration.ofMillis(50))
                    .until(ExpectedConditions.visibilityOfElementLocated(what));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(what + " not on " + browser.getCurrentUrl() + ":\n" + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** PK's liaison officer asks IR for action; the request reaches IR. Returns the case id. */
    static String pkSendsARequest() throws Exception {
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
