package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.OverHttps.*;

import org.assertj.core.api.SoftAssertions;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

/**
 * Who may answer a conflict, acknowledge an unplanned event and read the alarms: nobody
 * unauthenticated (401), no partner node (403), only a liaison answers, every user role reads.
 */
class AnsweringConflictsRolesTest {

    private final TwoNodes nodes = TwoNodes.shared();

    private static final String UNKNOWN = "/api/deconfliction/conflicts/conflict--00000000-0000-0000-0000-000000000000";
    private static final String ANSWER = "{\"answer\":\"ACKNOWLEDGE\"}";

    @Test
    void nobody_unauthenticated_and_no_partner_node_answers_or_reads() throws Exception {
        Https iranAsPartner = Https.asPartner(nodes.ir, nodes.pk);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(Https.to(nodes.pk).send("POST", UNKNOWN + "/answer", ANSWER, "Content-Type", "application/json")
                .statusCode()).isEqualTo(401);
        soft.assertThat(Https.to(nodes.pk).get("/api/deconfliction/alarms").statusCode()).isEqualTo(401);
        soft.assertThat(Https.to(nodes.pk).get(UNKNOWN).statusCode()).isEqualTo(401);
        soft.assertThat(iranAsPartner.send("POST", UNKNOWN + "/answer", ANSWER, "Content-Type", "application/json")
                .statusCode()).isEqualTo(403);
        soft.assertThat(iranAsPartner.send("POST", "/api/deconfliction/events/x/acknowledge", "", "Content-Type", "application/json")
                .statusCode()).isEqualTo(403);
        soft.assertThat(iranAsPartner.get("/api/deconfliction/alarms").statusCode()).isEqualTo(403);
        soft.assertThat(iranAsPartner.get(UNKNOWN).statusCode()).isEqualTo(403);
        soft.assertAll();
    }

    @Test
    void only_a_liaison_answers_and_every_user_role_reads() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (Role role : Role.values()) {
            if (role == Role.LIAISON) {
                continue;
            }
            soft.assertThat(post(nodes.pk, role, UNKNOWN + "/answer", ANSWER).statusCode()).as(role.name()).isEqualTo(403);
            soft.assertThat(post(nodes.pk, role, "/api/deconfliction/events/x/acknowledge", "").statusCode()).as(role.name())
                    .isEqualTo(403);
        }
        for (Role role : Role.values()) {
            soft.assertThat(get(nodes.pk, role, "/api/deconfliction/alarms").statusCode()).as(role.name()).isEqualTo(200);
            soft.assertThat(get(nodes.pk, role, UNKNOWN).statusCode()).as(role.name()).isEqualTo(404);
        }
        // a liaison passes the role check and meets the unknown conflict
        soft.assertThat(post(nodes.pk, Role.LIAISON, UNKNOWN + "/answer", ANSWER).statusCode()).isEqualTo(404);
        soft.assertThat(post(nodes.pk, Role.LIAISON, "/api/deconfliction/events/x/acknowledge", "").statusCode()).isEqualTo(404);
        soft.assertAll();
    }

    @Test
    void the_openapi_document_lists_the_new_endpoints() throws Exception {
        String doc = get(nodes.pk, Role.VIEWER, "/v3/api-docs").body();
        assertThat(doc).contains("/api/deconfliction/conflicts/{id}/answer", "/api/deconfliction/alarms",
                "/api/deconfliction/events/{id}/acknowledge");
    }
}
