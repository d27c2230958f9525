package org.concord.commitments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.concord.commitments.internal.CommitmentJobs;
import org.concord.testing.ClockedNodes;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Two nodes on one moved clock: a commitment agreed an hour before it falls due (closer than every
 * configured reminder) is still reminded of, on both sides, half an hour before; fulfilled two hours
 * after its due date, both nodes show it fulfilled late, and by how much.
 */
class ACloseDueDateIsRemindedAndALateFulfilmentShowsLateTest {

    Instant start;

    @BeforeEach
    void start() {
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void aCommitmentDueInAnHourIsRemindedOfAndItsLateFulfilmentIsMarkedLateOnBothNodes() throws Exception {
        try (ClockedNodes nodes = new ClockedNodes(start, Map.of())) {
            remindedThenLate(nodes);
        }
    }

    private void remindedThenLate(ClockedNodes nodes) throws Exception {
        CommitmentsApi pk = CommitmentsApi.liaisonAt(nodes.pk);
        CommitmentsApi ir = CommitmentsApi.liaisonAt(nodes.ir);
        Instant due = start.plus(Duration.ofHours(1));
        String id = pk.propose(CommitmentsApi.commitment("IR", "IR", "reopen the Taftan crossing", due.toString()))
                .path("commitmentId").asString();
        pk.deliverTo("IR");
        ir.commitmentWhen(id, CommitmentsApi.withMessages(1));
        ir.ok("/api/commitments/" + id + "/agree", "");
        ir.deliverTo("PK");
        pk.commitmentWhen(id, CommitmentsApi.withMessages(2));

        // a reminder is due half way between the agreement and the due date, on both nodes, once
        nodes.clock.set(start.plus(Duration.ofMinutes(29)));
        assertThat(reminders(nodes.pk)).isEmpty();
        nodes.clock.set(start.plus(Duration.ofMinutes(31)));
        for (var node : List.of(nodes.pk, nodes.ir)) {
            assertThat(reminders(node)).as("at " + node.code()).singleElement().satisfies(r -> {
                assertThat(r.at()).isEqualTo(due.minus(Duration.ofMinutes(30)));
                assertThat(r.before()).isEqualTo(Duration.ofMinutes(30));
            });
            assertThat(reminders(node)).as("once").isEmpty();
        }
        JsonNode listed = CommitmentsApi.JSON.readTree(new CommitmentsApi(nodes.ir, org.concord.party.Role.VIEWER)
                .get("/api/commitments/reminders").body());
        assertThat(listed.size()).isEqualTo(1);

        // both attest two hours after the due date
        nodes.clock.set(due.plus(Duration.ofHours(2)));
        ir.ok("/api/commitments/" + id + "/attest", "{\"text\":\"The crossing is open.\"}");
        ir.deliverTo("PK");
        pk.commitmentWhen(id, CommitmentsApi.withMessages(3));
        JsonNode atPk = pk.ok("/api/commitments/" + id + "/attest", "{\"text\":\"Confirmed by our border post.\"}");
        pk.deliverTo("IR");
        JsonNode atIr = ir.commitmentWhen(id, CommitmentsApi.withMessages(4));

        for (JsonNode view : List.of(atPk, atIr)) {
            assertThat(view.path("state").asString()).isEqualTo("Fulfilled");
            assertThat(view.path("fulfilledLate").asBoolean()).isTrue();
            assertThat(view.path("lateBy").asString()).isEqualTo("PT2H");
            assertThat(view.path("lateByText").asString()).isEqualTo("2 h");
        }
    }

    @Test
    void aFulfilmentInTimeIsNotLate() throws Exception {
        // no clock to move: the shared pair
        TwoNodes nodes = TwoNodes.shared();
        CommitmentsApi pk = CommitmentsApi.liaisonAt(nodes.pk);
        CommitmentsApi ir = CommitmentsApi.liaisonAt(nodes.ir);
        String id = pk.propose(CommitmentsApi.commitment("IR", "IR", "return the ambassador",
                start.plus(Duration.ofDays(3)).toString())).path("commitmentId").asString();
        pk.deliverTo("IR");
        ir.commitmentWhen(id, CommitmentsApi.withMessages(1));
        ir.ok("/api/commitments/" + id + "/agree", "");
        ir.ok("/api/commitments/" + id + "/attest", "{\"text\":\"He is back.\"}");
        ir.deliverTo("PK");
        pk.commitmentWhen(id, CommitmentsApi.withMessages(3));
        JsonNode view = pk.ok("/api/commitments/" + id + "/attest", "{\"text\":\"Confirmed.\"}");

        assertThat(view.path("fulfilledLate").asBoolean(true)).isFalse();
        assertThat(view.has("lateBy")).isFalse();
        pk.deliverTo("IR"); // the shared pair's outbox left as found
    }

    private static List<Reminder> reminders(org.concord.testing.TestNode node) {
        return node.bean(CommitmentJobs.class).raiseReminders();
    }
}
