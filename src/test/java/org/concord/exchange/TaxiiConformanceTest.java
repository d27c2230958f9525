package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.concord.intel.Collection;
import org.concord.intel.stix.Tlp;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The TAXII 2.1 server against the text of the OASIS TAXII Version 2.1 specification (OASIS
 * Standard, 10 June 2021); each test names the section it checks. PK serves; its users and its
 * partner IR call it over real HTTPS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaxiiConformanceTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String ROOT = "/taxii2/concord/";
    static final String INTEL = ROOT + "collections/" + Collection.INTEL.id() + "/";
    static final String INBOX = ROOT + "collections/" + Collection.INBOX.id() + "/";

    TwoNodes nodes;
    String pkIdentity;

    @BeforeAll
    void start() {
        nodes = TwoNodes.startPaired(Map.of("concord.exchange.max-content-length", 2_000_000,
                "concord.intel.max-import-bytes", 100_000), Map.of());
        pkIdentity = nodes.pk.identity().stixIdentityId();
    }

    @AfterAll
    void stop() {
        nodes.stop();
    }

    HttpResponse<String> as(Role role, String method, String path, String body) throws Exception {
        List<String> headers = new ArrayList<>(List.of(Https.basic(nodes.pk.username(role), nodes.pk.password(role))));
        headers.addAll(List.of("Accept", TAXII));
        if (body != null) {
            headers.addAll(List.of("Content-Type", TAXII));
        }
        return Https.to(nodes.pk).send(method, path, body, headers.toArray(String[]::new));
    }

    HttpResponse<String> asPartner(String method, String path, String body) throws Exception {
        return body == null ? Https.asPartner(nodes.ir, nodes.pk).send(method, path, null, "Accept", TAXII)
                : Https.asPartner(nodes.ir, nodes.pk).send(method, path, body, "Accept", TAXII, "Content-Type", TAXII);
    }

    static JsonNode json(HttpResponse<String> response) {
        return Stix.JSON.readTree(response.body());
    }

    JsonNode post(JsonNode... objects) throws Exception {
        var response = as(Role.ANALYST, "POST", INTEL + "objects/", Stix.envelope(objects));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response);
    }

    @Test
    void section_4_1_discoveryListsTheApiRootWithAndWithoutTrailingSlash() throws Exception {
        for (String path : new String[] {"/taxii2/", "/taxii2"}) {
            var response = as(Role.VIEWER, "GET", path, null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(TAXII);
            assertThat(json(response).path("api_roots").get(0).asString()).isEqualTo(nodes.pk.url() + ROOT);
            assertThat(json(response).path("default").asString()).isEqualTo(nodes.pk.url() + ROOT);
        }
    }

    @Test
    void section_4_2_theApiRootNamesTheVersionAndMaxContentLength() throws Exception {
        JsonNode root = json(asPartner("GET", ROOT, null));
        assertThat(root.path("versions").get(0).asString()).isEqualTo(TAXII);
        assertThat(root.path("max_content_length").asLong()).isEqualTo(2_000_000);
    }

    @Test
    void section_5_1_collectionsTellEachCallerWhatItMayReadAndWrite() throws Exception {
        Map<String, JsonNode> byAlias = new java.util.HashMap<>();
        json(asPartner("GET", ROOT + "collections/", null)).path("collections").forEach(c -> byAlias.put(c.path("alias").asString(), c));
        assertThat(byAlias.get("intel").path("can_read").asBoolean()).isTrue();
        assertThat(byAlias.get("intel").path("can_write").asBoolean()).isFalse();
        assertThat(byAlias.get("inbox").path("can_read").asBoolean()).isFalse();
        assertThat(byAlias.get("inbox").path("can_write").asBoolean()).isTrue();
        assertThat(byAlias.get("intel").path("media_types").get(0).asString()).isEqualTo("application/stix+json;version=2.1");
        JsonNode viewer = json(as(Role.VIEWER, "GET", ROOT + "collections", null)).path("collections");
        assertThat(viewer.get(0).path("can_write").asBoolean()).isFalse();
        JsonNode analyst = json(as(Role.ANALYST, "GET", INTEL, null));
        assertThat(analyst.path("can_write").asBoolean()).isTrue();
        assertThat(analyst.path("id").asString()).isEqualTo(Collection.INTEL.id());
    }

    @Test
    void section_5_2_anUnknownCollectionIs404AsATaxiiError() throws Exception {
        var response = as(Role.VIEWER, "GET", ROOT + "collections/00000000-0000-4000-8000-000000000000/objects/", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(TAXII);
        assertThat(json(response).path("http_status").asString()).isEqualTo("404");
        assertThat(json(response).path("title").asString()).isEqualTo("Not Found");
    }

    @Test
    void section_1_6_8_aWrongAcceptIs406AndAWrongContentTypeIs415() throws Exception {
        var accept = Https.to(nodes.pk).get(INTEL + "objects/", concat(Https.basic("pk-viewer", nodes.pk.password(Role.VIEWER)),
                "Accept", "application/json"));
        assertThat(accept.statusCode()).isEqualTo(406);
        var oldVersion = Https.to(nodes.pk).get(INTEL + "objects/", concat(Https.basic("pk-viewer", nodes.pk.password(Role.VIEWER)),
                "Accept", "application/taxii+json;version=2.0"));
        assertThat(oldVersion.statusCode()).isEqualTo(406);
        var contentType = Https.to(nodes.pk).send("POST", INTEL + "objects/", Stix.envelope(Stix.intrusionSet("x", pkIdentity, Tlp.GREEN)),
                concat(Https.basic("pk-analyst", nodes.pk.password(Role.ANALYST)), "Accept", TAXII, "Content-Type", "application/json"));
        assertThat(contentType.statusCode()).isEqualTo(415);
    }

    @Test
    void section_5_5_postingAnswers202WithAStatusThatCountsSuccessesAndFailuresWithReasons() throws Exception {
        ObjectNode good = Stix.intrusionSet("Jaish al-Adl", pkIdentity, Tlp.GREEN);
        ObjectNode bad = Stix.intrusionSet("bad", pkIdentity, Tlp.GREEN);
        bad.put("modified", "2020-01-01T00:00:00.000Z");
        JsonNode status = post(good, bad);
        assertThat(status.path("status").asString()).isEqualTo("complete");
        assertThat(status.path("total_count").asInt()).isEqualTo(2);
        assertThat(status.path("success_count").asInt()).isEqualTo(1);
        assertThat(status.path("failure_count").asInt()).isEqualTo(1);
        assertThat(status.path("pending_count").asInt()).isZero();
        assertThat(status.path("failures").get(0).path("id").asString()).isEqualTo(bad.path("id").asString());
        assertThat(status.path("failures").get(0).path("message").asString()).contains("$.modified");

        // 4.3: the status resource is there for its owner, and nobody else.
        String statusPath = ROOT + "status/" + status.path("id").asString() + "/";
        assertThat(json(as(Role.ANALYST, "GET", statusPath, null)).path("success_count").asInt()).isEqualTo(1);
        assertThat(as(Role.VIEWER, "GET", statusPath, null).statusCode()).isEqualTo(404);
        assertThat(asPartner("GET", statusPath, null).statusCode()).isEqualTo(404);
    }

    @Test
    void section_3_3_pagingThroughAThousandObjectsThatShareOneDateAddedReturnsEachExactlyOnceInOrder() throws Exception {
        List<JsonNode> objects = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String type = "x-paging-" + System.nanoTime() % 100000;
        for (int i = 0; i < 1000; i++) {
            ObjectNode object = Stix.JSON.createObjectNode();
            object.put("type", type);
            object.put("spec_version", "2.1");
            object.put("id", Stix.newId(type));
            object.put("created", Stix.T0);
            object.put("modified", Stix.T0);
            object.put("created_by_ref", pkIdentity);
            object.putArray("object_marking_refs").add(Tlp.GREEN.markingDefinitionId());
            objects.add(object);
            ids.add(object.path("id").asString());
        }
        JsonNode status = post(objects.toArray(JsonNode[]::new));
        assertThat(status.path("success_count").asInt()).isEqualTo(1000);
        for (boolean partner : new boolean[] {false, true}) {
            List<String> seen = new ArrayList<>();
            Set<String> dates = new HashSet<>();
            String next = null;
            int pages = 0;
            do {
                String path = INTEL + "objects/?limit=37&match[type]=" + type + (next == null ? "" : "&next=" + next);
                var response = partner ? asPartner("GET", path, null) : as(Role.VIEWER, "GET", path, null);
                JsonNode envelope = json(response);
                envelope.path("objects").forEach(o -> seen.add(o.path("id").asString()));
                dates.add(response.headers().firstValue("X-TAXII-Date-Added-First").orElseThrow());
                dates.add(response.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow());
                next = envelope.path("more").asBoolean() ? envelope.path("next").asString() : null;
                pages++;
            } while (next != null);
            assertThat(seen).as(partner ? "partner" : "user").containsExactlyElementsOf(ids);
            assertThat(pages).isEqualTo(28);
            assertThat(dates).hasSize(1);
        }
    }

    @Test
    void section_3_4_filtersOrValuesWithinAFieldAndAndAcrossFields() throws Exception {
        ObjectNode a = Stix.intrusionSet("filter A", pkIdentity, Tlp.GREEN);
        ObjectNode b = Stix.intrusionSet("filter B", pkIdentity, Tlp.GREEN);
        ObjectNode rel = Stix.relationship(a.path("id").asString(), "related-to", b.path("id").asString(), pkIdentity, Tlp.GREEN);
        post(a, b, rel);
        String ids = a.path("id").asString() + "," + rel.path("id").asString();
        JsonNode both = json(as(Role.VIEWER, "GET", INTEL + "objects/?match[id]=" + ids, null));
        assertThat(both.path("objects").size()).isEqualTo(2);
        JsonNode anded = json(as(Role.VIEWER, "GET", INTEL + "objects/?match[id]=" + ids + "&match[type]=relationship", null));
        assertThat(anded.path("objects").size()).isEqualTo(1);
        assertThat(anded.path("objects").get(0).path("id").asString()).isEqualTo(rel.path("id").asString());
        JsonNode ored = json(as(Role.VIEWER, "GET", INTEL + "objects/?match[id]=" + ids + "&match[type]=relationship,intrusion-set", null));
        assertThat(ored.path("objects").size()).isEqualTo(2);
        JsonNode none = json(as(Role.VIEWER, "GET", INTEL + "objects/?match[id]=" + ids + "&match[spec_version]=2.0", null));
        assertThat(none.path("objects").size()).isZero();
        assertThat(none.path("more").asBoolean()).isFalse();
    }

    @Test
    void section_3_4_addedAfterReturnsOnlyWhatWasAddedLater() throws Exception {
        post(Stix.intrusionSet("earlier", pkIdentity, Tlp.GREEN));
        var first = as(Role.VIEWER, "GET", INTEL + "objects/?limit=10000", null);
        String last = first.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
        ObjectNode later = Stix.intrusionSet("later", pkIdentity, Tlp.GREEN);
        post(later);
        JsonNode after = json(as(Role.VIEWER, "GET", INTEL + "objects/?added_after=" + last, null));
        assertThat(after.path("objects").size()).isEqualTo(1);
        assertThat(after.path("objects").get(0).path("id").asString()).isEqualTo(later.path("id").asString());
        assertThat(as(Role.VIEWER, "GET", INTEL + "objects/?added_after=yesterday", null).statusCode()).isEqualTo(400);
        assertThat(as(Role.VIEWER, "GET", INTEL + "objects/?limit=0", null).statusCode()).isEqualTo(400);
        assertThat(as(Role.VIEWER, "GET", INTEL + "objects/?next=forged", null).statusCode()).isEqualTo(400);
    }

    @Test
    void sections_3_4_2_and_5_6_and_5_8_versionsAreFilteredListedAndLatestByDefault() throws Exception {
        ObjectNode v1 = Stix.intrusionSet("Jundallah", pkIdentity, Tlp.GREEN);
        ObjectNode v2 = Stix.newerVersion(v1, "2024-01-17T00:00:00.000Z");
        ObjectNode v3 = Stix.newerVersion(v1, "2024-01-18T00:00:00.000Z");
        post(v1, v2);
        post(v3);
        String object = INTEL + "objects/" + v1.path("id").asString() + "/";
        assertThat(versionsOf(json(as(Role.VIEWER, "GET", object, null)))).containsExactly("2024-01-18T00:00:00.000Z");
        assertThat(versionsOf(json(as(Role.VIEWER, "GET", object + "?match[version]=all", null)))).hasSize(3);
        assertThat(versionsOf(json(as(Role.VIEWER, "GET", object + "?match[version]=first", null)))).containsExactly(Stix.T0);
        assertThat(versionsOf(json(as(Role.VIEWER, "GET", object + "?match[version]=first,last", null))))
                .containsExactlyInAnyOrder(Stix.T0, "2024-01-18T00:00:00.000Z");
        assertThat(versionsOf(json(as(Role.VIEWER, "GET", object + "?match[version]=2024-01-17T00:00:00.000Z", null))))
                .containsExactly("2024-01-17T00:00:00.000Z");
        JsonNode versions = json(as(Role.VIEWER, "GET", object + "versions/", null));
        assertThat(versions.path("versions").size()).isEqualTo(3);
        assertThat(versions.path("more").asBoolean()).isFalse();
        assertThat(as(Role.VIEWER, "GET", INTEL + "objects/intrusion-set--00000000-0000-4000-8000-000000000000/", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void section_5_3_theManifestDescribesEachObjectWithoutIt() throws Exception {
        ObjectNode object = Stix.intrusionSet("manifest", pkIdentity, Tlp.GREEN);
        post(object);
        JsonNode manifest = json(as(Role.VIEWER, "GET", INTEL + "manifest/?match[id]=" + object.path("id").asString(), null));
        JsonNode record = manifest.path("objects").get(0);
        assertThat(record.path("id").asString()).isEqualTo(object.path("id").asString());
        assertThat(record.path("version").asString()).isEqualTo(Stix.T0);
        assertThat(record.path("media_type").asString()).isEqualTo("application/stix+json;version=2.1");
        assertThat(record.path("date_added").asString()).endsWith("Z");
        assertThat(record.has("name")).isFalse();
    }

    @Test
    void section_5_7_deletingNeedsWriteAccessAndRemovesTheObject() throws Exception {
        ObjectNode object = Stix.intrusionSet("to delete", pkIdentity, Tlp.GREEN);
        post(object);
        String path = INTEL + "objects/" + object.path("id").asString() + "/";
        assertThat(as(Role.VIEWER, "DELETE", path, null).statusCode()).isEqualTo(403);
        assertThat(asPartner("DELETE", path, null).statusCode()).isEqualTo(403);
        assertThat(as(Role.ANALYST, "GET", path, null).statusCode()).isEqualTo(200);
        assertThat(as(Role.ANALYST, "DELETE", path, null).statusCode()).isEqualTo(200);
        assertThat(as(Role.ANALYST, "GET", path, null).statusCode()).isEqualTo(404);
        assertThat(as(Role.ANALYST, "DELETE", path, null).statusCode()).isEqualTo(404);
    }

    @Test
    void badInputGetsTheRightStatus() throws Exception {
        var malformed = as(Role.ANALYST, "POST", INTEL + "objects/", "{\"objects\": [ {\"type\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("description").asString()).contains("line 1");
        StringBuilder big = new StringBuilder("{\"objects\":[");
        ObjectNode filler = Stix.intrusionSet("x".repeat(1000), pkIdentity, Tlp.GREEN);
        for (int i = 0; i < 2100; i++) {
            big.append(i == 0 ? "" : ",").append(Stix.JSON.writeValueAsString(filler));
        }
        var tooLarge = as(Role.ANALYST, "POST", INTEL + "objects/", big.append("]}").toString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(as(Role.ANALYST, "GET", INTEL + "objects/?match[colour]=red", null).statusCode()).isEqualTo(400);
        assertThat(Https.to(nodes.pk).get(INTEL + "objects/", "Accept", TAXII).statusCode()).isEqualTo(401);
    }

    @Test
    void aBundleOverTheImportLimitIs413OverTheRestApiAndStoresNothing() throws Exception {
        List<JsonNode> objects = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            objects.add(Stix.intrusionSet("oversized " + i + " " + "x".repeat(500), pkIdentity, Tlp.GREEN));
        }
        String bundle = Stix.bundle(objects.toArray(JsonNode[]::new));
        var response = Https.to(nodes.pk).send("POST", "/api/intel/bundle", bundle,
                concat(Https.basic("pk-analyst", nodes.pk.password(Role.ANALYST)), "Content-Type", "application/json"));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("rule").asString()).isEqualTo("max-import-bytes");
        assertThat(json(as(Role.VIEWER, "GET", INTEL + "objects/?match[id]=" + objects.get(0).path("id").asString(), null))
                .path("objects").size()).isZero();
    }

    @Test
    void aPartnerMayNotWriteIntelNorReadTheInbox() throws Exception {
        ObjectNode object = Stix.intrusionSet("partner write", nodes.ir.identity().stixIdentityId(), Tlp.GREEN);
        assertThat(asPartner("POST", INTEL + "objects/", Stix.envelope(object)).statusCode()).isEqualTo(403);
        assertThat(asPartner("GET", INBOX + "objects/", null).statusCode()).isEqualTo(403);
        assertThat(asPartner("GET", INBOX + "manifest/", null).statusCode()).isEqualTo(403);
        assertThat(as(Role.ANALYST, "POST", INBOX + "objects/", Stix.envelope(object)).statusCode()).isEqualTo(403);
    }

    static List<String> versionsOf(JsonNode envelope) {
        List<String> versions = new ArrayList<>();
        envelope.path("objects").forEach(o -> versions.add(o.path("modified").asString()));
        return versions;
    }

    static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
