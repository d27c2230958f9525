package org.concord.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call each /api/incidents endpoint: nobody 401, the partner 403, every user role reads, only LIAISON sends. */
class IncidentsEndpointRolesTest {

    static TwoNodes nodes;
    static String incidentId;

    @BeforeAll
    static void start() throws Exception {
        nodes = TwoNodes.shared();
        incidentId = IncidentsApi.liaisonAt(nodes.pk).report(IncidentsApi.strikeOf16January("IR")).path("incidentId").asString();
    }

    /** Leaves the shared nodes' outboxes empty, as other classes on them count what they deliver. */
    @AfterAll
    static void drain() {
        IncidentsApi.drain(nodes);
    }

    static Map<String, String> posts() {
        return Map.of(
                "/api/incidents", IncidentsApi.strikeOf16January("IR"),
                "/api/incidents/" + incidentId + "/answers", "{\"claimRef\":\"claim-1\",\"verdict\":\"UNKNOWN\"}",
                "/api/incidents/" + incidentId + "/findings", "{\"findings\":\"agreed facts\"}",
                "/api/incidents/" + incidentId + "/sign-off", "{}");
    }

    static String[] reads() {
        return new String[] {"/api/incidents", "/api/incidents/" + incidentId};
    }

    @Test
    void nobodyIsUnauthorised() throws Exception {
        Https anonymous = Https.to(nodes.pk);
        for (String path : reads()) {
            assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(401);
        }
        for (var post : posts().entrySet()) {
            assertThat(anonymous.send("POST", post.getKey(), post.getValue(), "Content-Type", "application/json").statusCode())
                    .as(post.getKey()).isEqualTo(401);
        }
    }

    @Test
    void thePartnerIsForbiddenEverywhere() throws Exception {
        Https partner = Https.asPartner(nodes.ir, nodes.pk);
        for (String path : reads()) {
            assertThat(partner.get(path).statusCode()).as(path).isEqualTo(403);
        }
        for (var post : posts().entrySet()) {
            assertThat(partner.send("POST", post.getKey(), post.getValue(), "Content-Type", "application/json").statusCode())
                    .as(post.getKey()).isEqualTo(403);
        }
    }

    @Test
    void everyUserRoleReadsButOnlyTheLiaisonSends() throws Exception {
        for (Role role : Role.values()) {
            IncidentsApi user = new IncidentsApi(nodes.pk, role);
            for (String path : reads()) {
                assertThat(user.get(path).statusCode()).as(role + " " + path).isEqualTo(200);
            }
            if (role != Role.LIAISON) {
                for (var post : posts().entrySet()) {
                    assertThat(user.post(post.getKey(), post.getValue()).statusCode()).as(role + " " + post.getKey()).isEqualTo(403);
                }
            }
        }
        IncidentsApi liaison = IncidentsApi.liaisonAt(nodes.pk);
        HttpResponse<String> report = liaison.post("/api/incidents", IncidentsApi.strikeOf16January("IR"));
        assertThat(report.statusCode()).isEqualTo(201);
        assertThat(liaison.post("/api/incidents/" + incidentId + "/findings", "{\"findings\":\"agreed facts\"}").statusCode())
                .isEqualTo(200);
        assertThat(liaison.post("/api/incidents/" + incidentId + "/sign-off", "{}").statusCode()).isEqualTo(200);
        // the liaison reaches the answer endpoint; PK may not answer its own claims (409, not 403)
        assertThat(liaison.post("/api/incidents/" + incidentId + "/answers", "{\"claimRef\":\"claim-1\",\"verdict\":\"UNKNOWN\"}")
                .statusCode()).isEqualTo(409);
    }
}
