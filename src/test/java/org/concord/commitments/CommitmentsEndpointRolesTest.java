package org.concord.commitments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call each /api/commitments endpoint: nobody 401, the partner 403, every user role reads, only LIAISON sends. */
class CommitmentsEndpointRolesTest {

    static TwoNodes nodes;
    static String commitmentId;

    @BeforeAll
    static void start() throws Exception {
        nodes = TwoNodes.shared();
        commitmentId = CommitmentsApi.liaisonAt(nodes.pk).propose(CommitmentAgreedAndAttestedBetweenTwoNodesTest.ambassadorBack())
                .path("commitmentId").asString();
    }

    /** Leaves the shared nodes' outboxes empty, as other classes on them count what they deliver. */
    @AfterAll
    static void drain() {
        CommitmentsApi.drain(nodes);
    }

    static Map<String, String> posts() {
        return Map.of(
                "/api/commitments", CommitmentAgreedAndAttestedBetweenTwoNodesTest.ambassadorBack(),
                "/api/commitments/" + commitmentId + "/agree", "",
                "/api/commitments/" + commitmentId + "/attest", "{}");
    }

    static String[] reads() {
        return new String[] {"/api/commitments", "/api/commitments/" + commitmentId, "/api/commitments/reminders"};
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
            CommitmentsApi user = new CommitmentsApi(nodes.pk, role);
            for (String path : reads()) {
                assertThat(user.get(path).statusCode()).as(role + " " + path).isEqualTo(200);
            }
            if (role != Role.LIAISON) {
                for (var post : posts().entrySet()) {
                    assertThat(user.post(post.getKey(), post.getValue()).statusCode()).as(role + " " + post.getKey()).isEqualTo(403);
                }
            }
        }
        CommitmentsApi liaison = CommitmentsApi.liaisonAt(nodes.pk);
        assertThat(liaison.post("/api/commitments", CommitmentAgreedAndAttestedBetweenTwoNodesTest.ambassadorBack()).statusCode())
                .isEqualTo(201);
        // the liaison reaches agree and attest; PK proposed, so the state machine refuses (409, not 403)
        assertThat(liaison.post("/api/commitments/" + commitmentId + "/agree", "").statusCode()).isEqualTo(409);
        assertThat(liaison.post("/api/commitments/" + commitmentId + "/attest", "{}").statusCode()).isEqualTo(409);
    }
}
