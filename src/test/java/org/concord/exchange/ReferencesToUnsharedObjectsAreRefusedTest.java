package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.Origin;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 9, defect 6 (the workflow side), from the liaison officer's seat at PK: a request for action
 * naming a TLP:RED object of PK's (as a target, as evidence, or in its text) would give IR the RED
 * object's id, whatever the request itself is marked. The outbox is the one gate every workflow
 * message passes: the request is refused with 422 naming the reference, and nothing is stored or
 * queued. A request naming a GREEN object goes through.
 */
class ReferencesToUnsharedObjectsAreRefusedTest {

    static TwoNodes nodes;
    static Https https;
    static String red;
    static String amber;
    static String green;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        https = Https.to(nodes.pk);
        String pk = nodes.pk.identity().stixIdentityId();
        ObjectNode redObject = Stix.intrusionSet("an informant's network (RED)", pk, Tlp.RED);
        ObjectNode amberObject = Stix.intrusionSet("a cell (AMBER, not shared with IR)", pk, Tlp.AMBER);
        ObjectNode greenObject = Stix.intrusionSet("Jaish al-Adl (GREEN)", pk, Tlp.GREEN);
        nodes.pk.bean(IntelStore.class).storeAll(Collection.INTEL, List.of(redObject, amberObject, greenObject), new Origin.Local("test"));
        red = redObject.path("id").asString();
        amber = amberObject.path("id").asString();
        green = greenObject.path("id").asString();
    }

    static String request(String target, String evidence, String text) {
        return """
                {"addressee":"IR","targets":["%s","location--5b1c9a2f-0e5b-4c0e-9d7e-3b0e6bd25c1a"],
                 "evidence":[{"ref":"%s"}],
                 "action":{"kind":"DISMANTLE_HIDEOUT","detail":"the hideout"},
                 "urgency":"URGENT","text":"%s","tlp":"GREEN"}""".formatted(target, evidence, text);
    }

    HttpResponse<String> post(String body) throws Exception {
        String[] auth = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        return https.send("POST", "/api/requests", body, auth[0], auth[1], "Content-Type", "application/json");
    }

    long sent() {
        return nodes.pk.bean(JdbcClient.class).sql("select count(*) from exchange_outbox").query(Long.class).single();
    }

    long cases() {
        return nodes.pk.bean(JdbcClient.class).sql("select count(*) from workflow_case where case_type = 'request'").query(Long.class).single();
    }

    void refused(String body, String field, String reference) throws Exception {
        long queuedBefore = sent();
        long casesBefore = cases();
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problem = Stix.JSON.readTree(response.body());
        assertThat(problem.path("field").asString()).isEqualTo(field);
        assertThat(problem.path("rule").asString()).isEqualTo(UnshareableReference.RULE);
        assertThat(problem.path("reference").asString()).isEqualTo(reference);
        assertThat(problem.path("detail").asString()).contains(reference).contains("IR may not see");
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        // Nothing stored, nothing queued.
        assertThat(sent()).isEqualTo(queuedBefore);
        assertThat(cases()).isEqualTo(casesBefore);
    }

    @Test
    void aRequestNamingARedTargetIsRefusedNamingTheReference() throws Exception {
        refused(request(red, "report--5b1c9a2f-0e5b-4c0e-9d7e-3b0e6bd25c1b", "act"), "request.targets[0]", red);
    }

    @Test
    void aRequestWhoseEvidenceIsAnObjectNotSharedWithThePartnerIsRefused() throws Exception {
        refused(request(green, amber, "act"), "request.evidence[0].ref", amber);
    }

    @Test
    void aRedIdInTheFreeTextIsRefusedToo() throws Exception {
        refused(request(green, "report--5b1c9a2f-0e5b-4c0e-9d7e-3b0e6bd25c1b", "see " + red + " for the sources"), "request.text", red);
    }

    @Test
    void aRequestNamingOnlyObjectsThePartnerMaySeeGoesThrough() throws Exception {
        HttpResponse<String> response = post(request(green, "report--5b1c9a2f-0e5b-4c0e-9d7e-3b0e6bd25c1b", "act"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String caseId = Stix.JSON.readTree(response.body()).path("caseId").asString();
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        Outbox.Message message = nodes.pk.bean(Outbox.class).recent(PartyCode.of("IR"), 50).stream()
                .filter(m -> m.objectId().equals(caseId)).findFirst().orElseThrow();
        assertThat(message.delivered()).isTrue();
        assertThat(message.refusedReason()).isNull();
    }
}
