package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.concord.intel.Collection;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;

/**
 * What the OASIS TAXII client (taxii2-client 2.3.0) found, over real HTTPS: an unknown API root
 * answered Spring's 404 body labelled as TAXII; the 401 said {@code charset=ISO-8859-1}; and the
 * collection URL the docs gave ({@code collections/intel/}) is refused by the client, which checks
 * that the URL ends in the collection's id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaxiiForTheOasisClientTest {

    static final String TAXII = "application/taxii+json;version=2.1";

    TwoNodes nodes;

    @BeforeAll
    void start() {
        nodes = TwoNodes.startPaired(java.util.Map.of(), java.util.Map.of());
    }

    @AfterAll
    void stop() {
        nodes.stop();
    }

    HttpResponse<String> asReader(String path) throws Exception {
        String[] login = Https.basic(nodes.pk.username(Role.ANALYST), nodes.pk.password(Role.ANALYST));
        return Https.to(nodes.pk).send("GET", path, null, login[0], login[1], "Accept", TAXII);
    }

    /** TAXII 2.1 section 3.6.1: an error message has title, description, http_status (and details); nothing of Spring's. */
    static void isTaxiiError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(TAXII);
        JsonNode body = Stix.JSON.readTree(response.body());
        assertThat(body.path("title").isString()).isTrue();
        assertThat(body.path("description").isString()).isTrue();
        assertThat(body.path("http_status").asString()).isEqualTo(String.valueOf(status));
        assertThat(body.propertyNames()).isSubsetOf("title", "description", "http_status", "details", "error_id", "error_code",
                "external_details");
    }

    @Test
    void anUnknownApiRootIsATaxiiErrorMessage() throws Exception {
        for (String path : new String[] {"/taxii2/nope/", "/taxii2/nope", "/taxii2/nope/collections/"}) {
            HttpResponse<String> response = asReader(path);
            isTaxiiError(response, 404);
            assertThat(response.body()).contains("nope");
        }
        isTaxiiError(Https.asPartner(nodes.ir, nodes.pk).send("GET", "/taxii2/nope/", null, "Accept", TAXII), 404);
    }

    @Test
    void anUnknownEndpointUnderTheApiRootIsATaxiiErrorMessage() throws Exception {
        isTaxiiError(asReader("/taxii2/concord/nothing-here/"), 404);
        isTaxiiError(asReader("/taxii2/concord/collections/" + java.util.UUID.randomUUID() + "/"), 404);
    }

    @Test
    void the401IsATaxiiErrorMessageWithoutALatinCharset() throws Exception {
        for (String path : new String[] {"/taxii2/", "/taxii2/concord/", "/taxii2/nope/"}) {
            HttpResponse<String> response = Https.to(nodes.pk).send("GET", path, null, "Accept", TAXII);
            isTaxiiError(response, 401);
            assertThat(response.headers().allValues("Content-Type")).noneMatch(type -> type.toLowerCase().contains("iso-8859-1"));
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        }
        String[] wrong = Https.basic(nodes.pk.username(Role.ANALYST), "not-the-password");
        HttpResponse<String> wrongPassword = Https.to(nodes.pk).send("GET", "/taxii2/concord/", null, wrong[0], wrong[1], "Accept", TAXII);
        isTaxiiError(wrongPassword, 401);
    }

    @Test
    void the401OutsideTaxiiIsAProblemDocumentInUtf8() throws Exception {
        HttpResponse<String> response = Https.to(nodes.pk).send("GET", "/api/whoami", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
    }

    /**
     * The client reads a collection from its URL and refuses it unless the URL ends in the id the
     * collection resource names: the documented URL carries the id; the alias still answers, with
     * the same resource.
     */
    @Test
    void theIntelCollectionAnswersUnderItsIdAndUnderItsAlias() throws Exception {
        HttpResponse<String> byId = asReader("/taxii2/concord/collections/" + Collection.INTEL.id() + "/");
        HttpResponse<String> byAlias = asReader("/taxii2/concord/collections/intel/");
        assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);
        assertThat(byAlias.statusCode()).as(byAlias.body()).isEqualTo(200);
        assertThat(Stix.JSON.readTree(byId.body()).path("id").asString()).isEqualTo("6f2a9d4e-5b1c-4c43-9d2e-1a7c3e0b8f01");
        assertThat(Stix.JSON.readTree(byAlias.body())).isEqualTo(Stix.JSON.readTree(byId.body()));
        assertThat(asReader("/taxii2/concord/collections/" + Collection.INTEL.id() + "/objects/").statusCode()).isEqualTo(200);
    }
}
