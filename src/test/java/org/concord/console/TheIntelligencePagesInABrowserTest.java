package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.Viewer;
import org.concord.intel.stix.Tlp;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The intelligence pages as an analyst at PK uses them, in Debian's headless Chromium against PK
 * and IR running for real: searching, an object's page with its relationships and what IR would
 * receive of it, the form, and bundle uploads followed to their all-or-nothing end.
 */
class TheIntelligencePagesInABrowserTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
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
    void aSearchFindsAnIntrusionSetByItsArabicScriptAlias() throws Exception {
        // given an intrusion set PK holds, one of whose aliases is written in Arabic script
        String token = token();
        String alias = "جيش العدل " + token;
        String id = importBundle(intrusionSet("Jaish al-Adl " + token, Tlp.GREEN, alias, "Army of Justice"));

        // when PK's analyst searches the intelligence page for the Arabic alias
        chrome.logIn(nodes.pk, Role.ANALYST);
        browser.findElement(By.id("nav-intel")).click();
        chrome.waitFor(Duration.ofSeconds(5), By.id("q"));
        typeInto(By.id("q"), alias);
        browser.findElement(By.id("search-button")).click();

        // then the object is listed, its alias right to left inside the page, its marking as a badge with its label
        WebElement row = chrome.waitFor(Duration.ofSeconds(5), By.cssSelector("#results tr.object[data-id='" + id + "']"));
        assertThat(browser.findElements(By.cssSelector("#results tr.object"))).hasSize(1);
        WebElement arabic = row.findElement(By.cssSelector(".aliases .alias"));
        assertThat(arabic.getText()).isEqualTo(alias);
        assertThat(arabic.getAttribute("dir")).isEqualTo("auto");
        assertThat(row.findElement(By.cssSelector("a.name")).getAttribute("dir")).isEqualTo("auto");
        assertThat(row.findElement(By.cssSelector(".tlp")).getText()).isEqualTo("TLP:GREEN");
        assertThat(row.findElement(By.cssSelector(".origin")).getText()).isEqualTo("own");
        assertThat(browser.findElement(By.cssSelector(".help")).getText()).contains("STIX objects");
        screenshot("intel");
    }

    @Test
    void anObjectsPageShowsItsRelationshipsBothWaysAndItsTlpColour() throws Exception {
        // given an intrusion set, a threat actor it is attributed to, and a report holding the set
        String token = token();
        ObjectNode set = intrusionSet("Set " + token, Tlp.GREEN, "مجموعة " + token);
        ObjectNode actor = object("threat-actor", "Actor " + token, Tlp.AMBER);
        ObjectNode attributed = relationship("attributed-to", set, actor, Tlp.GREEN);
        ObjectNode report = object("report", "Report " + token, Tlp.GREEN);
        report.put("published", "2024-01-16T09:00:00Z");
        report.set("object_refs", JSON.createArrayNode().add(set.path("id").asString()));
        importBundle(set, actor, attributed, report);
        String setId = set.path("id").asString();

        // when PK's analyst opens the set's page from the list
        chrome.logIn(nodes.pk, Role.ANALYST);
        browser.get(nodes.pk.url() + "/console/intel?q=" + token);
        chrome.waitFor(Duration.ofSeconds(5), By.cssSelector("#results tr.object[data-id='" + setId + "'] a.name")).click();
        chrome.waitFor(Duration.ofSeconds(5), By.id("object-id"));

        // then its properties, its marking in FIRST's green on black with its label, its origin, and the relationship to the actor
        assertThat(browser.findElement(By.id("object-id")).getText()).isEqualTo(setId);
        WebElement badge = browser.findElement(By.cssSelector("#object-name .tlp"));
        assertThat(badge.getText()).isEqualTo("TLP:GREEN");
        assertThat(badge.getCssValue("color")).isIn("rgba(51, 255, 0, 1)", "rgb(51, 255, 0)");
        assertThat(badge.getCssValue("background-color")).isIn("rgba(0, 0, 0, 1)", "rgb(0, 0, 0)");
        assertThat(browser.findElement(By.cssSelector("tr[data-property='name'] td")).getText()).isEqualTo("Set " + token);
        assertThat(browser.findElement(By.id("object-origin")).getText()).isEqualTo("made on this node");
        WebElement relation = browser.findElement(By.cssSelector("tr.relation[data-other='" + actor.path("id").asString() + "']"));
        assertThat(relation.getText()).contains("to").contains("attributed-to").contains("Actor " + token).contains("threat-actor");
        assertThat(browser.findElement(By.id("referred-by")).getText()).contains("Report " + token);
        screenshot("intel-object");

        // and the relationship goes both ways: the actor's page shows it coming from the set, and links back
        relation.findElement(By.cssSelector("a.other")).click();
        chrome.waitFor(Duration.ofSeconds(5), By.cssSelector("tr.relation[data-other='" + setId + "']"));
        assertThat(browser.findElement(By.cssSelector("tr.relation[data-other='" + setId + "']")).getText()).startsWith("from");
        WebElement amber = browser.findElement(By.cssSelector("#object-name .tlp"));
        assertThat(amber.getText()).isEqualTo("TLP:AMBER");
        assertThat(amber.getCssValue("color")).isIn("rgba(255, 192, 0, 1)", "rgb(255, 192, 0)");
    }

    @Test
    void whatThePartnerSeesIsNothingOfAnAmberObjectAndTheObjectItselfWhenGreen() throws Exception {
        // given an AMBER threat actor and a GREEN intrusion set (PK shares AMBER with nobody: the default policy)
        String token = token();
        ObjectNode amber = object("threat-actor", "Amber actor " + token, Tlp.AMBER);
        ObjectNode green = intrusionSet("Green set " + token, Tlp.GREEN);
        importBundle(amber, green);
        chrome.logIn(nodes.pk, Role.ANALYST);

        // when the analyst opens the AMBER object's page, then IR receives nothing of it, and the page says so
        browser.get(nodes.pk.url() + "/console/intel/objects/" + amber.path("id").asString());
        WebElement withheld = chrome.waitFor(Duration.ofSeconds(5), By.cssSelector(".partner-view[data-partner='IR']"));
        assertThat(withheld.getAttribute("data-shared")).isEqualTo("false");
        assertThat(withheld.getText()).contains("IR does not receive this object").contains("AMBER");
        assertThat(withheld.findElements(By.tagName("pre"))).isEmpty();
        // the same decision as IR's own TAXII read
        assertThat(nodes.pk.bean(IntelStore.class).visible(Collection.INTEL, amber.path("id").asString(),
                Viewer.partner(org.concord.party.PartyCode.of("IR")))).isFalse();

        // and on the GREEN one's page, the object as IR would receive it
        browser.get(nodes.pk.url() + "/console/intel/objects/" + green.path("id").asString());
        WebElement shared = chrome.waitFor(Duration.ofSeconds(5), By.cssSelector(".partner-view[data-partner='IR']"));
        assertThat(shared.getAttribute("data-shared")).isEqualTo("true");
        assertThat(shared.getText()).contains("IR receives this object");
        assertThat(JSON.readTree(shared.findElement(By.tagName("pre")).getText())).isEqualTo(green);
        chrome.assertAccessible("intel-object-green");
        fitsAtTabletWidth("intel-object-800");
    }

    @Test
    void theFormStoresAnIntrusionSetOnceAndShowsTheValidatorsErrorNextToTheField() throws Exception {
        String token = token();
        IntelStore store = nodes.pk.bean(IntelStore.class);
        chrome.logIn(nodes.pk, Role.ANALYST);
        browser.get(nodes.pk.url() + "/console/intel");

        // a bad input: no name. The validator's error stands next to the name; what was typed stays; nothing is stored
        chrome.waitFor(Duration.ofSeconds(5), By.id("object-form"));
        new Select(browser.findElement(By.id("f-type"))).selectByValue("intrusion-set");
        typeInto(By.id("f-description"), "No name " + token);
        browser.findElement(By.id("create")).click();
        WebElement error = chrome.waitFor(Duration.ofSeconds(5), By.cssSelector("#object-form .field-error[data-field='name']"));
        assertThat(error.findElement(By.xpath("..")).findElement(By.tagName("input")).getAttribute("id")).isEqualTo("f-name");
        assertThat(error.getText()).containsIgnoringCase("name");
        assertThat(browser.findElement(By.id("f-description")).getAttribute("value")).isEqualTo("No name " + token);
        assertThat(store.browse(token, List.of(), null, 0, 10).items()).isEmpty();
        chrome.assertAccessible("intel-form-error");

        // the form filled in and stored: the new set's page opens, made by this node's identity
        typeInto(By.id("f-name"), "Form set " + token);
        typeInto(By.id("f-aliases"), "جند الله " + token + "\nJundallah " + token);
        new Select(browser.findElement(By.id("f-marking"))).selectByValue("AMBER");
        browser.findElement(By.id("create")).click();
        chrome.waitFor(Duration.ofSeconds(5), By.id("object-id"));
        assertThat(browser.findElement(By.cssSelector("#object-name .name")).getText()).isEqualTo("Form set " + token);
        assertThat(browser.findElement(By.cssSelector("#object-name .tlp")).getText()).isEqualTo("TLP:AMBER");
        assertThat(browser.findElement(By.cssSelector("tr[data-property='aliases'] td")).getText()).contains("جند الله " + token);
        assertThat(browser.findElement(By.cssSelector("tr[data-property='created_by_ref'] td")).getText())
                .isEqualTo(nodes.pk.identity().stixIdentityId());
        assertThat(store.browse(token, List.of("intrusion-set"), true, 0, 10).items()).hasSize(1);

        // a double submit of one form (its one-time id) stores once
        browser.get(nodes.pk.url() + "/console/intel");
        chrome.waitFor(Duration.ofSeconds(5), By.id("object-form"));
        typeInto(By.id("f-name"), "Twice " + token);
        Object statuses = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const form = document.getElementById('object-form');
                const body = () => new URLSearchParams(new FormData(form));
                const send = () => fetch(form.action, {method: 'POST', body: body(), credentials: 'same-origin', redirect: 'manual'})
                    .then(r => r.status);
                Promise.all([send(), send()]).then(done, e => done(String(e)));""");
        assertThat(statuses).as("both answered").asList().hasSize(2);
        assertThat(store.browse("Twice " + token, List.of(), null, 0, 10).items()).hasSize(1);
    }

    @Test
    void aTenMegabyteBundleShowsProgressAndEndsAllStored() throws Exception {
        // given a bundle of a little over 10 MB, made here
        String token = token();
        List<ObjectNode> objects = new ArrayList<>();
        String padding = "Observed along the border near Saravan and Panjgur; reported by the liaison office. ".repeat(5);
        long size = 0;
        while (size < 10L * 1024 * 1024 + 200_000) {
            ObjectNode set = intrusionSet("Bulk " + token + " " + objects.size(), Tlp.GREEN);
            set.put("description", padding + objects.size());
            objects.add(set);
            size += JSON.writeValueAsString(set).length() + 2;
        }
        Path file = bundleFile(objects);
        assertThat(Files.size(file)).isGreaterThan(10L * 1024 * 1024);

        // when PK's analyst uploads it
        chrome.logIn(nodes.pk, Role.ANALYST);
        browser.get(nodes.pk.url() + "/console/intel");
        chrome.waitFor(Duration.ofSeconds(5), By.id("upload-form"));
        browser.findElement(By.id("bundle-file")).sendKeys(file.toString());
        browser.findElement(By.id("upload")).click();

        // then the progress bar moves with the server's counts, and the import ends with every object stored
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(20)).until(d -> ((JavascriptExecutor) d)
                .executeScript("return (window.intelUploadEvents || []).length > 0;"));
        assertThat(browser.findElement(By.id("upload-progress")).isDisplayed()).isTrue();
        WebElement ended = chrome.waitFor(Duration.ofSeconds(300), By.cssSelector("#upload-result p"));
        assertThat(ended.getText()).as("%s", ((JavascriptExecutor) browser).executeScript("return JSON.stringify(window.intelUploadResult);"))
                .isEqualTo("Done: all stored.");
        assertThat(browser.findElement(By.id("upload-counts")).getText()).contains("All " + objects.size() + " objects stored");
        List<?> events = (List<?>) ((JavascriptExecutor) browser).executeScript("return window.intelUploadEvents;");
        assertThat(events).as("the server's progress before the result").hasSizeGreaterThan(1);
        assertThat(((Map<?, ?>) events.get(events.size() - 1)).get("total")).isEqualTo((long) objects.size());
        assertThat(events.subList(0, events.size() - 1)).as("progress events before the result")
                .allMatch(e -> "progress".equals(((Map<?, ?>) e).get("event")));
        IntelStore store = nodes.pk.bean(IntelStore.class);
        for (int i : new int[] {0, objects.size() / 2, objects.size() - 1}) {
            assertThat(store.visible(Collection.INTEL, objects.get(i).path("id").asString(), Viewer.local())).isTrue();
        }
        ((JavascriptExecutor) browser).executeScript("document.getElementById('upload-status').scrollIntoView();");
        screenshot("intel-upload");
    }

    @Test
    void aBundleWithOneInvalidObjectInTheMiddleStoresNothingAndNamesTheObjectAndField() throws Exception {
        // given ten good intrusion sets and, between them, one whose 'created' is not a timestamp
        String token = token();
        List<ObjectNode> objects = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            objects.add(intrusionSet("Half " + token + " " + i, Tlp.GREEN));
        }
        ObjectNode bad = objects.get(5);
        bad.put("created", "yesterday");
        Path file = bundleFile(objects);

        // when PK's analyst uploads it
        chrome.logIn(nodes.pk, Role.ANALYST);
        browser.get(nodes.pk.url() + "/console/intel");
        chrome.waitFor(Duration.ofSeconds(5), By.id("upload-form"));
        browser.findElement(By.id("bundle-file")).sendKeys(file.toString());
        browser.findElement(By.id("upload")).click();

        // then nothing is stored, and the error names the object and its field
        chrome.waitFor(Duration.ofSeconds(30), By.cssSelector("#upload-result .refused"));
        assertThat(browser.findElement(By.id("upload-counts")).getText()).isEqualTo("Nothing stored.");
        List<WebElement> errors = browser.findElements(By.cssSelector("#upload-errors tr.upload-error"));
        assertThat(errors).isNotEmpty();
        assertThat(errors).allMatch(e -> e.getAttribute("data-object").equals(bad.path("id").asString()));
        assertThat(errors).extracting(e -> e.getAttribute("data-field")).contains("created");
        assertThat(nodes.pk.bean(IntelStore.class).browse("Half " + token, List.of(), null, 0, 50).items()).isEmpty();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('upload-status').scrollIntoView();");
        screenshot("intel-upload-refused");
    }

    @Test
    void aFileThatIsNotABundleIsRefusedNamingTheBundleAndAnUnknownJobIsNotFound() {
        chrome.logIn(nodes.pk, Role.ANALYST);
        browser.get(nodes.pk.url() + "/console/intel");
        chrome.waitFor(Duration.ofSeconds(5), By.id("upload-form"));

        // the upload is taken (202, a job), and its event stream ends with the refusal, naming the bundle
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {'Content-Type': 'application/json'};
                headers[document.querySelector('meta[name=_csrf_header]').content] = document.querySelector('meta[name=_csrf]').content;
                fetch('/console/intel/bundles', {method: 'POST', headers: headers, body: 'not a bundle', credentials: 'same-origin'})
                  .then(r => r.json().then(j => [r.status, j.job]))
                  .then(([status, job]) => fetch('/console/intel/bundles/' + job + '/events', {credentials: 'same-origin'})
                      .then(r => r.text()).then(t => done([status, t])))
                  .catch(e => done([-1, String(e)]));""");
        List<?> statusAndEvents = (List<?>) answer;
        assertThat(statusAndEvents.get(0)).isEqualTo(202L);
        assertThat((String) statusAndEvents.get(1)).contains("event:done").contains("\"outcome\":\"refused\"")
                .contains("\"field\":\"bundle\"").contains("\"stored\":0");

        // a job id nobody started (or another user's) is not found
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/console/intel/bundles/' + crypto.randomUUID() + '/events', {credentials: 'same-origin'})
                  .then(r => done(r.status), e => done(-1));""");
        assertThat(status).isEqualTo(404L);
    }

    @Test
    void aViewerSeesNoFormsAndAForgedPostFromItsSessionIsRefused() throws Exception {
        String id = importBundle(intrusionSet("Viewed " + token(), Tlp.GREEN));
        chrome.logIn(nodes.pk, Role.VIEWER);
        browser.get(nodes.pk.url() + "/console/intel");
        chrome.waitFor(Duration.ofSeconds(5), By.id("results"));
        assertThat(browser.findElements(By.id("object-form"))).isEmpty();
        assertThat(browser.findElements(By.id("upload-form"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#results tr.object[data-id='" + id + "']"))).hasSize(1);
        chrome.assertAccessible("intel-viewer");
        fitsAtTabletWidth("intel-800");

        // a POST from its session is refused, without the CSRF token and, with it, for the role
        assertThat(post("/console/intel/objects", false)).isEqualTo(403);
        assertThat(post("/console/intel/objects", true)).isEqualTo(403);
        assertThat(post("/console/intel/bundles", true)).isEqualTo(403);
    }

    // ---------------------------------------------------------------- helpers

    static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static ObjectNode object(String type, String name, Tlp tlp) {
        String now = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now());
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", type + "--" + UUID.randomUUID());
        o.put("created", now);
        o.put("modified", now);
        o.put("name", name);
        o.set("object_marking_refs", JSON.createArrayNode().add(tlp.markingDefinitionId()));
        return o;
    }

    static ObjectNode intrusionSet(String name, Tlp tlp, String... aliases) {
        ObjectNode o = object("intrusion-set", name, tlp);
        if (aliases.length > 0) {
            ArrayNode all = JSON.createArrayNode();
            for (String alias : aliases) {
                all.add(alias);
            }
            o.set("aliases", all);
        }
        return o;
    }

    static ObjectNode relationship(String kind, ObjectNode from, ObjectNode to, Tlp tlp) {
        ObjectNode o = object("relationship", null, tlp);
        o.remove("name");
        o.put("relationship_type", kind);
        o.put("source_ref", from.path("id").asString());
        o.put("target_ref", to.path("id").asString());
        return o;
    }

    static Path bundleFile(List<ObjectNode> objects) throws Exception {
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + UUID.randomUUID());
        ArrayNode all = bundle.putArray("objects");
        objects.forEach(all::add);
        Path file = Files.createTempFile("concord-intel-upload-", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, JSON.writeValueAsString(bundle), StandardCharsets.UTF_8);
        return file;
    }

    /** Imports the objects at PK through the API as its analyst; returns the first one's id. */
    static String importBundle(ObjectNode... objects) throws Exception {
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + UUID.randomUUID());
        ArrayNode all = bundle.putArray("objects");
        for (ObjectNode o : objects) {
            all.add(o);
        }
        TestNode pk = nodes.pk;
        HttpResponse<String> answer = Https.to(pk).send("POST", "/api/intel/bundle", JSON.writeValueAsString(bundle),
                Https.basic(pk.username(Role.ANALYST), pk.password(Role.ANALYST))[0],
                Https.basic(pk.username(Role.ANALYST), pk.password(Role.ANALYST))[1], "Content-Type", "application/json");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return objects[0].path("id").asString();
    }

    /** Sets a field's value as typed (Arabic script included), firing the input event. */
    static void typeInto(By field, String text) {
        WebElement element = browser.findElement(field);
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", element, text);
    }

    /** A POST from the page's own session, with or without the CSRF token the page holds; its status. */
    static long post(String path, boolean withToken) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {'Content-Type': 'application/json'};
                if (arguments[1]) {
                  headers[document.querySelector('meta[name=_csrf_header]').content] = document.querySelector('meta[name=_csrf]').content;
                }
                fetch(arguments[0], {method: 'POST', headers: headers, body: '{"type":"bundle","objects":[]}', credentials: 'same-origin', redirect: 'manual'})
                  .then(r => done(r.status), e => done(-1));""", path, withToken);
        return (Long) status;
    }

    /** At 800 px wide the page needs no sideways scrolling; a screenshot is kept. The window is set back after. */
    static void fitsAtTabletWidth(String name) throws Exception {
        chrome.assertFitsAtTabletWidth(name);
    }

    static void screenshot(String name) throws Exception {
        chrome.assertAccessible(name);
        chrome.screenshot(name);
    }
}
