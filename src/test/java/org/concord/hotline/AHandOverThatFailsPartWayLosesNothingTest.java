package org.concord.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.concord.node.UnfinishedHandOvers;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * The messages of one delivery are handed over from IR's inbox to the hotline together: one publication in the
 * event log, one task, one transaction. One message the hand-over fails on (here IR's database refuses to store
 * it, through a trigger: a real fault of the real database) must neither block the others nor be lost: the
 * other calls of the delivery are at IR at once, the case with the failed message folds as its messages so far
 * allow (its withdrawal waits for the call it withdraws), the failed message stays in the log as a hand-over of
 * its own, and once the database takes it again the retry of unfinished hand-overs brings it in, and the case
 * folds in the one order both nodes apply: the call, then its withdrawal.
 */
class AHandOverThatFailsPartWayLosesNothingTest {

    @AfterAll
    static void drain() {
        TwoNodes nodes = TwoNodes.shared();
        HotlineApi.liaisonAt(nodes.pk).deliverTo("IR");
    }

    @Test
    void aMessageTheHandOverFailsOnIsHandedOverAgainAloneWhileTheRestOfItsDeliveryGoesIn() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        HotlineApi pk = HotlineApi.liaisonAt(nodes.pk);
        HotlineApi ir = HotlineApi.liaisonAt(nodes.ir);
        JdbcClient atIr = nodes.ir.bean(JdbcClient.class);
        pk.deliverTo("IR");
        atIr.sql("create table refuse_hand_over (id varchar(200) primary key)").update();
        atIr.sql("""
                create function refuse_hand_over() returns trigger language plpgsql as $$
                begin
                  if exists (select 1 from refuse_hand_over r where r.id = new.id) then
                    raise exception 'the test refuses message %', new.id;
                  end if;
                  return new;
                end $$""").update();
        atIr.sql("create trigger refuse_hand_over before insert on workflow_message for each row execute function refuse_hand_over()")
                .update();
        try {
            Instant before = Instant.now().minusSeconds(1);
            String withdrawn = pk.send("IR", "PRIORITY", "Hand-over check A: sent in error");
            withdraw(pk, withdrawn);
            String refused = pk.send("IR", "FLASH", "Hand-over check B: the one IR's database refuses at first");
            withdraw(pk, refused);
            String plain = pk.send("IR", "ROUTINE", "Hand-over check C: a patrol near the crossing");
            atIr.sql("insert into refuse_hand_over (id) values (?)").param(refused).update();

            assertThat(pk.deliverTo("IR")).as("the five messages in one delivery").isEqualTo(5);

            // the rest of the delivery is at IR, each case in its order, while B's call is refused
            JsonNode a = ir.callWhen(withdrawn, v -> "Withdrawn".equals(v.path("state").asString()));
            assertThat(a.path("history")).extracting(m -> m.path("messageType").asString()).containsExactly("send", "withdraw");
            assertThat(ir.callWhen(plain, HotlineApi.withMessages(1)).path("state").asString()).isEqualTo("Unacknowledged");
            org.concord.testing.Eventually.until("B's withdrawal at IR, waiting for its call", () ->
                    count(atIr, "select count(*) from workflow_message where case_id = ?", refused) == 1);
            org.concord.testing.Eventually.until("B's call left as a hand-over of its own, unfinished", () ->
                    count(atIr, "select count(*) from event_publication where event_type like '%InboxHandOver' and completion_date is null"
                            + " and serialized_event like ?", "%" + refused + "%") == 1);
            assertThat(count(atIr, "select count(*) from workflow_message where id = ?", refused)).isZero();
            assertThat(count(atIr, "select count(*) from event_publication where event_type like '%InboxHandOver'"
                    + " and publication_date >= ? and serialized_event like ?", Timestamp.from(before), "%" + plain + "%"))
                    .as("the whole delivery was one publication").isEqualTo(1);
            assertThat(count(atIr, "select count(*) from ledger_entry where stix_id = ? and direction = 'RECEIVED'", refused))
                    .as("IR's ledger holds the call it has not yet taken").isEqualTo(1);

            // still refused: a retry changes nothing and loses nothing
            nodes.ir.bean(UnfinishedHandOvers.class).resubmitOlderThan(Duration.ZERO);
            org.concord.testing.Eventually.stays("B's call not taken while the database refuses it", Duration.ofSeconds(2), () ->
                    count(atIr, "select count(*) from workflow_message where id = ?", refused) == 0);

            atIr.sql("delete from refuse_hand_over").update();
            nodes.ir.bean(UnfinishedHandOvers.class).resubmitOlderThan(Duration.ZERO);
            JsonNode b = ir.callWhen(refused, v -> "Withdrawn".equals(v.path("state").asString()));
            assertThat(b.path("history")).extracting(m -> m.path("messageType").asString()).containsExactly("send", "withdraw");
            assertThat(b.path("state").asString()).isEqualTo(pk.call(refused).path("state").asString());
            org.concord.testing.Eventually.until("every hand-over finished", () ->
                    count(atIr, "select count(*) from event_publication where event_type like '%InboxHandOver' and completion_date is null") == 0);
        } finally {
            atIr.sql("drop trigger if exists refuse_hand_over on workflow_message").update();
            atIr.sql("drop function if exists refuse_hand_over()").update();
            atIr.sql("drop table if exists refuse_hand_over").update();
        }
    }

    private static void withdraw(HotlineApi pk, String callId) throws Exception {
        var response = pk.post("/api/hotline/calls/" + callId + "/withdraw", "{\"reason\":\"sent in error\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static long count(JdbcClient jdbc, String sql, Object... params) {
        return jdbc.sql(sql).params(List.of(params)).query(Long.class).single();
    }
}
