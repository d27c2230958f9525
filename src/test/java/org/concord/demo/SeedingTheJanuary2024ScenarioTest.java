package org.concord.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;

import org.concord.commitments.SeedingCommitments;
import org.concord.exchange.sync.OutboxDelivery;
import org.concord.incidents.SeedingIncidents;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Eventually;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Given the January 2024 scenario seeded as the demo does — each node stores and queues its own
 * messages, twice without effect — when the outboxes deliver, then both nodes show the incidents
 * and commitments as the record says.
 */
class SeedingTheJanuary2024ScenarioTest {

    static TwoNodes nodes;

    @BeforeAll
    static void seedAndDeliver() {
        nodes = TwoNodes.shared();
        var january = January2024.builder().withoutCounterfactualRequests().build();
        for (TestNode node : new TestNode[] {nodes.pk, nodes.ir}) {
            node.bean(SeedingIncidents.class).seed(january.incidents());
            node.bean(SeedingCommitments.class).seed(january.commitments());
            assertThat(node.bean(SeedingIncidents.class).seed(january.incidents())).isZero();
            assertThat(node.bean(SeedingCommitments.class).seed(january.commitments())).isZero();
        }
        nodes.pk.bean(OutboxDelivery.class).deliver(PartyCode.of("IR"));
        nodes.ir.bean(OutboxDelivery.class).deliver(PartyCode.of("PK"));
    }

    static JsonNode at(TestNode node, String path, Predicate<JsonNode> until) {
        Https https = Https.to(node);
        String[] basic = Https.basic(node.username(Role.VIEWER), node.password(Role.VIEWER));
        return Eventually.view(path + " at " + node.code(), () -> https.get(path, basic), until);
    }

    @Test
    void bothNodesHoldIransReportThatThoseKilledWereNotIranianNationals() throws Exception {
        for (TestNode node : new TestNode[] {nodes.pk, nodes.ir}) {
            JsonNode saravan = at(node, "/api/incidents/" + January2024.STRIKES_OF_18_JANUARY, v -> v.path("state").isString());
            assertThat(saravan.path("reporter").asString()).isEqualTo("IR");
            assertThat(saravan.path("state").asString()).isEqualTo("UnderReview");
            assertThat(saravan.path("report").path("claims").get(1).path("statement").asString())
                    .isEqualTo("Those killed were not Iranian nationals.");
            JsonNode panjgur = at(node, "/api/incidents/" + January2024.STRIKE_OF_16_JANUARY, v -> v.path("state").isString());
            assertThat(panjgur.path("reporter").asString()).isEqualTo("PK");
        }
    }

    @Test
    void bothNodesHoldTheCommitmentsTheAmbassadorsBackAndTheMechanismsAgreed() throws Exception {
        for (TestNode node : new TestNode[] {nodes.pk, nodes.ir}) {
            assertThat(at(node, "/api/commitments/" + January2024.IR_AMBASSADOR_BACK,
                    v -> "Fulfilled".equals(v.path("state").asString())).path("dueBy").asString())
                    .isEqualTo("2024-01-25T20:30:00.000Z");
            at(node, "/api/commitments/" + January2024.PK_AMBASSADOR_BACK, v -> "Fulfilled".equals(v.path("state").asString()));
            at(node, "/api/commitments/" + January2024.IR_FM_VISIT, v -> "Fulfilled".equals(v.path("state").asString()));
            for (var id : new org.concord.workflow.StixId[] {January2024.LIAISON_TURBAT, January2024.LIAISON_ZAHEDAN,
                    January2024.JOINT_COORDINATION_MECHANISM}) {
                JsonNode agreed = at(node, "/api/commitments/" + id, v -> "Agreed".equals(v.path("state").asString()));
                assertThat(agreed.path("refused").size()).isZero();
                assertThat(agreed.path("waiting").size()).isZero();
            }
        }
    }
}
