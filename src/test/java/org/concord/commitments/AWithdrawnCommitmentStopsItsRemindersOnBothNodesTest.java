package org.concord.commitments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.concord.commitments.internal.CommitmentJobs;
import org.concord.exchange.Outbox;
import org.concord.party.PartyCode;
import org.concord.testing.ClockedNodes;
import org.concord.testing.TestNode;
import org.concord.workflow.EscalatingMissedDeadlines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * On two real nodes with a moved clock: a commitment agreed and then withdrawn by its owner binds
 * nobody on either side. Past the reminder times, the due date and days beyond, neither node raises a
 * reminder, neither sends an escalation (not even PK, to whom it was owed and who would escalate it),
 * neither queues anything for the other; both show the same three messages, nobody to act and no
 * deadline.
 */
class AWithdrawnCommitmentStopsItsRemindersOnBothNodesTest {

    ClockedNodes nodes;
    CommitmentsApi pk;
    CommitmentsApi ir;

    @BeforeEach
    void start() {
        nodes = new ClockedNodes();
        pk = CommitmentsApi.liaisonAt(nodes.pk);
        ir = CommitmentsApi.liaisonAt(nodes.ir);
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    static List<Outbox.Message> sentBy(TestNode node, String partner) {
        return node.bean(Outbox.class).recent(PartyCode.of(partner), 500);
    }

    @Test
    void neitherNodeRemindsOrEscalatesAWithdrawnCommitment() throws Exception {
        Instant due = nodes.clock.instant().plus(Duration.ofDays(3));
        String id = pk.propose(CommitmentsApi.commitment("IR", "IR", "reopen the crossing at Taftan", due.toString()))
                .path("commitmentId").asString();
        pk.deliverTo("IR");
        ir.commitmentWhen(id, CommitmentsApi.withMessages(1));
        ir.ok("/api/commitments/" + id + "/agree", "");
        ir.deliverTo("PK");
        assertThat(pk.commitmentWhen(id, CommitmentsApi.withMessages(2)).path("dueAt").asString())
                .as("agreed, it runs against its due date").isNotEmpty();

        // IR, the owner, takes it back; PK, to whom it was owed, receives the withdrawal
        JsonNode withdrawn = ir.ok("/api/commitments/" + id + "/withdraw", "{\"reason\":\"the crossing stays shut after the attack\"}");
        assertThat(withdrawn.path("state").asString()).isEqualTo("Withdrawn");
        ir.deliverTo("PK");
        JsonNode atPk = pk.commitmentWhen(id, CommitmentsApi.withMessages(3));
        assertThat(atPk.path("state").asString()).isEqualTo("Withdrawn");
        assertThat(atPk.path("withdrawnBy").asString()).isEqualTo("IR");
        int queuedByPk = sentBy(nodes.pk, "IR").size();
        int queuedByIr = sentBy(nodes.ir, "PK").size();

        // the reminder times (7 days, 1 day, 2 hours before), the due date, and three days beyond
        for (Instant at : List.of(due.minus(Duration.ofDays(1)).plusSeconds(60), due.minus(Duration.ofHours(2)).plusSeconds(60),
                due.plusSeconds(60), due.plus(Duration.ofDays(1)).plusSeconds(60), due.plus(Duration.ofDays(3)))) {
            nodes.clock.set(at);
            for (TestNode node : List.of(nodes.pk, nodes.ir)) {
                assertThat(node.bean(CommitmentJobs.class).raiseReminders()).as("reminders at " + node.code() + " at " + at)
                        .isEmpty();
                assertThat(node.bean(EscalatingMissedDeadlines.class).sendDueEscalations())
                        .as("escalations sent by " + node.code() + " at " + at).isZero();
            }
            assertThat(pk.deliverTo("IR")).isZero();
            assertThat(ir.deliverTo("PK")).isZero();
        }

        assertThat(sentBy(nodes.pk, "IR")).as("nothing more queued at PK").hasSize(queuedByPk);
        assertThat(sentBy(nodes.ir, "PK")).as("nothing more queued at IR").hasSize(queuedByIr);
        List<JsonNode> views = new ArrayList<>(List.of(pk.commitment(id), ir.commitment(id)));
        for (JsonNode view : views) {
            assertThat(view.path("state").asString()).isEqualTo("Withdrawn");
            assertThat(view.path("level").asString()).as("never escalated").isEqualTo("LIAISON_OFFICERS");
            assertThat(view.path("nextActor").path("party").isString()).as("nobody must act: " + view.path("nextActor")).isFalse();
            assertThat(view.path("nextActor").path("actions")).isEmpty();
            assertThat(view.path("dueAt").isString()).as("no deadline runs").isFalse();
            assertThat(view.path("timeline")).extracting(e -> e.path("messageType").asString())
                    .containsExactly("propose", "agree", "withdraw");
            assertThat(view.path("timeline")).allSatisfy(e -> assertThat(e.path("status").asString()).isEqualTo("APPLIED"));
            assertThat(view.path("refused")).isEmpty();
        }
        assertThat(views.get(1).path("timeline")).extracting(e -> e.path("id").asString() + " " + e.path("sender").asString())
                .as("the same messages on both sides").containsExactlyElementsOf(
                        views.get(0).path("timeline").valueStream().map(e -> e.path("id").asString() + " " + e.path("sender").asString()).toList());
        for (CommitmentsApi at : List.of(pk, ir)) {
            HttpResponse<String> reminders = at.get("/api/commitments/reminders");
            assertThat(reminders.statusCode()).isEqualTo(200);
            assertThat(reminders.body()).as("no reminder recorded at " + at.node.code()).doesNotContain(id);
        }

        // and an attestation after it is refused, naming the withdrawal
        HttpResponse<String> late = ir.post("/api/commitments/" + id + "/attest", "{\"text\":\"reopened anyway\"}");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("COMMITMENT_WITHDRAWN");
    }
}
