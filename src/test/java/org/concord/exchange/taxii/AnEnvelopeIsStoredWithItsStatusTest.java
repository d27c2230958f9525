package org.concord.exchange.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.concord.intel.Collection;
import org.concord.intel.stix.Tlp;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.Postgres;
import org.concord.testing.Stix;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * An analyst's TAXII POST stores its objects and its status resource in one transaction (issue 13: one commit per
 * envelope instead of two). What the analyst sees: a 202 names a status that can be read, and an envelope whose status
 * could not be stored is stored not at all, so the answer and the store never disagree. On PostgreSQL, with a test
 * trigger that refuses the status row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnEnvelopeIsStoredWithItsStatusTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String INTEL = "/taxii2/concord/collections/" + Collection.INTEL.id() + "/";

    TestNode pk;
    String identity;

    @BeforeAll
    void start() {
        pk = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES);
        identity = pk.identity().stixIdentityId();
    }

    @AfterAll
    void stop() {
        if (pk != null) {
            pk.close();
            Postgres.dropSchema(pk.schema());
        }
    }

    @Test
    void anEnvelopeWhoseStatusTheDatabaseRefusesIsNotStoredAndTheSameEnvelopeIsStoredAfter() throws Exception {
        // given three objects, and a database that refuses the next status row
        JsonNode[] objects = {Stix.intrusionSet("Status Test One", identity, Tlp.GREEN),
            Stix.intrusionSet("Status Test Two", identity, Tlp.GREEN), Stix.intrusionSet("Status Test Three", identity, Tlp.GREEN)};
        JdbcClient jdbc = pk.bean(JdbcClient.class);
        jdbc.sql("create function refuse_status() returns trigger language plpgsql as $$ begin"
                + " raise exception 'a test trigger refuses the status %', new.id; end $$").update();
        jdbc.sql("create trigger refuse_status before insert on exchange_status for each row execute function refuse_status()")
                .update();
        HttpResponse<String> refused;
        try {
            // when the analyst posts them
            refused = post(Stix.envelope(objects));
        } finally {
            jdbc.sql("drop trigger refuse_status on exchange_status").update();
            jdbc.sql("drop function refuse_status()").update();
        }

        // then the answer is an error, not a 202, and none of the objects is stored
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(500);
        assertThat(Stix.JSON.readTree(refused.body()).path("http_status").asString()).isEqualTo("500");
        for (JsonNode object : objects) {
            assertThat(get(INTEL + "objects/" + object.path("id").asString() + "/").statusCode()).isEqualTo(404);
        }

        // and the same envelope posted again is stored whole, under a status that can be read
        HttpResponse<String> stored = post(Stix.envelope(objects));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
        JsonNode status = Stix.JSON.readTree(stored.body());
        assertThat(status.path("success_count").asInt()).isEqualTo(3);
        assertThat(status.path("failure_count").asInt()).isZero();
        HttpResponse<String> read = get("/taxii2/concord/status/" + status.path("id").asString() + "/");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(Stix.JSON.readTree(read.body())).isEqualTo(status);
        for (JsonNode object : objects) {
            assertThat(get(INTEL + "objects/" + object.path("id").asString() + "/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anotherUserCannotReadTheStatusOfTheAnalystsPost() throws Exception {
        HttpResponse<String> stored = post(Stix.envelope(Stix.intrusionSet("Status Test Four", identity, Tlp.GREEN)));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
        String path = "/taxii2/concord/status/" + Stix.JSON.readTree(stored.body()).path("id").asString() + "/";
        HttpResponse<String> asViewer = Https.to(pk).send("GET", path, null,
                headers(Role.VIEWER, false));
        assertThat(asViewer.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> post(String envelope) throws Exception {
        return Https.to(pk).send("POST", INTEL + "objects/", envelope, headers(Role.ANALYST, true));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return Https.to(pk).send("GET", path, null, headers(Role.ANALYST, false));
    }

    private String[] headers(Role role, boolean body) {
        List<String> headers = new ArrayList<>(List.of(Https.basic(pk.username(role), pk.password(role))));
        headers.addAll(List.of("Accept", TAXII));
        if (body) {
            headers.addAll(List.of("Content-Type", TAXII));
        }
        return headers.toArray(String[]::new);
    }
}
