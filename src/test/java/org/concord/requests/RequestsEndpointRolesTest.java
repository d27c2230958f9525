package org.concord.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call each /api/requests endpoint: nobody 401, the partner 403, every user role reads, only LIAISON sends. */
class RequestsEndpointRolesTest {

    static TwoNodes nodes;
    static String caseId;

    @BeforeAll
    static void start() throws Exception {
        nodes = TwoNodes.shared();
        caseId = RequestsApi.liaisonAt(nodes.pk).open(RequestForActionBetweenTwoNodesTest.saravanRequest()).path("caseId").asString();
    }

    static final String ESCALATE = "{\"messageType\":\"escalate\",\"toLevel\":\"SECURITY_CHIEFS\",\"reason\":\"asked\"}";

    @Test
    void nobodyIsUnauthorised() throws Exception {
        Https anonymous = Https.to(nodes.pk);
        assertThat(anonymous.get("/api/requests").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/requests/" + caseId).statusCode()).isEqualTo(401);
        assertThat(anonymous.send("POST", "/api/requests", RequestForActionBetweenTwoNodesTest.saravanRequest(),
                "Content-Type", "application/json").statusCode()).isEqualTo(401);
        assertThat(anonymous.send("POST", "/api/requests/" + caseId + "/messages", ESCALATE,
                "Content-Type", "application/json").statusCode()).isEqualTo(401);
    }

    @Test
    void thePartnerIsForbiddenEverywhere() throws Exception {
        Https partner = Https.asPartner(nodes.ir, nodes.pk);
        assertThat(partner.get("/api/requests").statusCode()).isEqualTo(403);
        assertThat(partner.get("/api/requests/" + caseId).statusCode()).isEqualTo(403);
        assertThat(partner.send("POST", "/api/requests", RequestForActionBetweenTwoNodesTest.saravanRequest(),
                "Content-Type", "application/json").statusCode()).isEqualTo(403);
        assertThat(partner.send("POST", "/api/requests/" + caseId + "/messages", ESCALATE,
                "Content-Type", "application/json").statusCode()).isEqualTo(403);
    }

    @Test
    void everyUserRoleReadsButOnlyTheLiaisonSends() throws Exception {
        for (Role role : Role.values()) {
            RequestsApi user = new RequestsApi(nodes.pk, role);
            assertThat(user.get("/api/requests").statusCode()).as(role.name()).isEqualTo(200);
            assertThat(user.get("/api/requests/" + caseId).statusCode()).as(role.name()).isEqualTo(200);
            HttpResponse<String> open = user.post("/api/requests", RequestForActionBetweenTwoNodesTest.saravanRequest());
            HttpResponse<String> escalate = user.post("/api/requests/" + caseId + "/messages", ESCALATE);
            if (role == Role.LIAISON) {
                assertThat(open.statusCode()).isEqualTo(201);
                assertThat(escalate.statusCode()).as(escalate.body()).isEqualTo(200);
            } else {
                assertThat(open.statusCode()).as(role.name()).isEqualTo(403);
                assertThat(escalate.statusCode()).as(role.name()).isEqualTo(403);
            }
        }
    }
}
