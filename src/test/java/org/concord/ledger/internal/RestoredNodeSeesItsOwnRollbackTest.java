package org.concord.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.concord.exchange.sync.OutboxDelivery;
import org.concord.ledger.Ledger;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Eventually;
import org.concord.testing.Https;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "The alarm nobody sees" (issue 9): IR is restored from an older backup of its database. Before,
 * only PK noticed (its witness raised SMALLER); IR's own /ledger/alarms was empty and its health UP,
 * while the 30 hotline messages it had answered 201 existed only at PK. Now IR, on start, fetches
 * the checkpoint of its own log that PK holds cosigned, finds its log smaller, and raises the alarm
 * itself: its /ledger/alarms lists ROLLED_BACK with both checkpoints, its health {@code ledger} is
 * ALARM and {@code concord_ledger_alarms{kind="ROLLED_BACK"}} is 1 — while readiness stays UP.
 *
 * <p>Real parts throughout: two nodes on PostgreSQL schemas, messages over the real TAXII inbox,
 * the backup taken and restored with {@code pg_dump}/{@code pg_restore}, IR restarted on the same
 * port, keys and database.
 */
class RestoredNodeSeesItsOwnRollbackTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    TwoNodes nodes;
    TestNode ir;
    Path backup;

    @BeforeEach
    void start() throws Exception {
        nodes = TwoNodes.startPaired();
        ir = nodes.ir;
        backup = Files.createTempFile("concord-ir-backup-", ".dump");
    }

    @AfterEach
    void stop() throws Exception {
        nodes.pk.close();
        ir.close();
        Postgres.dropSchema(nodes.pk.schema());
        Postgres.dropSchema(ir.schema());
        Files.deleteIfExists(backup);
    }

    @Test
    void aNodeRestoredFromAnOlderBackupRaisesTheRollbackAlarmItself() throws Exception {
        sendHotlineMessagesFromPkToIr(3);
        assertThat(pkWitnessesIr()).isInstanceOf(WitnessOutcome.Accepted.class);
        long backedUpSize = ir.bean(Ledger.class).size();
        Postgres.dump(ir.schema(), backup);

        sendHotlineMessagesFromPkToIr(30);
        assertThat(pkWitnessesIr()).isInstanceOf(WitnessOutcome.Accepted.class);
        long answeredSize = ir.bean(Ledger.class).size();
        assertThat(answeredSize).isEqualTo(backedUpSize + 30);
        assertThat(ir.bean(OwnLogCheck.class).check(PK)).as("IR's log holds what PK cosigned")
                .isEqualTo(new OwnLogCheck.Outcome.Consistent(answeredSize, answeredSize));
        assertThat(alarms(ir)).isEmpty();

        // IR's database is lost and restored from the backup taken before the 30 messages
        int port = ir.port();
        ir.close();
        Postgres.dropSchema(ir.schema());
        Postgres.restore(backup);
        ir = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.POSTGRES, ir.dataDir(), ir.schema(),
                Map.of("server.port", port));
        assertThat(ir.bean(Ledger.class).size()).isEqualTo(backedUpSize);

        // on start, IR asks PK for the checkpoint of IR's log PK holds, and sees what it lost
        JsonNode alarm = awaitAlarm(ir, "ROLLED_BACK");
        assertThat(alarm.path("log").asString()).isEqualTo("own");
        assertThat(alarm.path("partner").asString()).as("the partner holding the evidence").isEqualTo("PK");
        assertThat(alarm.path("detail").asString()).contains("has " + backedUpSize + " entries")
                .contains("checkpoint of size " + answeredSize).contains("30 entries this node had are gone");
        assertThat(alarm.path("accepted").path("size").asLong()).as("PK's cosigned checkpoint").isEqualTo(answeredSize);
        assertThat(alarm.path("accepted").path("checkpoint").asString()).contains("— concord.PK/");
        assertThat(alarm.path("offending").path("size").asLong()).as("IR's log now").isEqualTo(backedUpSize);
        assertThat(ir.bean(org.concord.audit.AuditLog.class).recent(50)).as("audited as every ledger alarm is, naming this node")
                .anyMatch(e -> e.action().equals("ledger.alarm") && e.subject().equals("IR")
                        && e.detail().equals("ROLLED_BACK: " + alarm.path("detail").asString()));

        // health reads the ledger at most 5 s old: wait for the reading after the alarm
        JsonNode ledger = OperatorsSeeAlarmsTest.awaitComponent(ir, "ledger", "ALARM");
        assertThat(ledger.path("details").path("openAlarms").path("ROLLED_BACK").asLong()).isEqualTo(1);
        assertThat(health(ir, null, "/actuator/health", 200).path("status").asString()).isEqualTo("ALARM");
        assertThat(health(ir, null, "/actuator/health/readiness", 200).path("status").asString())
                .as("an alarm does not take the node out of the load balancer").isEqualTo("UP");
        awaitMetric(ir, "concord_ledger_alarms{application=\"concord\",kind=\"ROLLED_BACK\"}", 1.0);

        // the check runs again (periodically): the same rollback is one alarm, not one per run
        assertThat(ir.bean(OwnLogCheck.class).check(PK)).isInstanceOf(OwnLogCheck.Outcome.RolledBack.class);
        assertThat(alarms(ir).size()).isEqualTo(1);

        // growing again does not hide it: the root at PK's size is not the one IR signed
        sendHotlineMessagesFromPkToIr(31);
        OwnLogCheck.Outcome again = ir.bean(OwnLogCheck.class).check(PK);
        assertThat(again).isInstanceOf(OwnLogCheck.Outcome.RolledBack.class);
        assertThat(((OwnLogCheck.Outcome.RolledBack) again).alarm().kind()).isEqualTo(AlarmKind.ROLLED_BACK);
    }

    @Test
    void aPartnerCannotMakeANodeBelieveItWasRolledBack() throws Exception {
        sendHotlineMessagesFromPkToIr(2);
        assertThat(pkWitnessesIr()).isInstanceOf(WitnessOutcome.Accepted.class);
        // PK's database claims it accepted a larger checkpoint of IR's log, signed by a key that is not IR's
        LogIdentity irLog = ir.bean(LogIdentity.class);
        long size = ir.bean(Ledger.class).size() + 10;
        String forged = SignedCheckpoint.body(irLog.origin(), size, org.concord.ledger.tree.Hash.ofHex("00".repeat(32)),
                Instant.now()).sign(org.concord.ledger.tree.NoteSigner.generate(irLog.origin())).encode();
        try (var connection = Postgres.connect(); var update = connection.prepareStatement(
                "update " + nodes.pk.schema() + ".ledger_witness set note = ? where partner = 'IR'")) {
            update.setString(1, forged);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        assertThat(ir.bean(OwnLogCheck.class).check(PK)).isInstanceOf(OwnLogCheck.Outcome.Unverifiable.class);
        assertThat(alarms(ir)).isEmpty();
    }

    @Test
    void onlyThePartnerAndUsersReadTheWitnessedCheckpointAndAPartnerOnlyItsOwn() throws Exception {
        sendHotlineMessagesFromPkToIr(1);
        assertThat(pkWitnessesIr()).isInstanceOf(WitnessOutcome.Accepted.class);
        Https toPk = Https.to(nodes.pk);
        assertThat(toPk.get("/ledger/witnessed?partner=IR").statusCode()).as("nobody").isEqualTo(401);
        HttpResponse<String> asIr = Https.asPartner(ir, nodes.pk).get("/ledger/witnessed");
        assertThat(asIr.statusCode()).isEqualTo(200);
        assertThat(asIr.body()).startsWith(ir.bean(LogIdentity.class).origin() + "\n").contains("— concord.PK/");
        HttpResponse<String> other = Https.asPartner(ir, nodes.pk).get("/ledger/witnessed?partner=PK");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("partner").contains("own-log");
        String[] viewer = Https.basic(nodes.pk.username(Role.VIEWER), nodes.pk.password(Role.VIEWER));
        assertThat(toPk.get("/ledger/witnessed?partner=IR", viewer).body()).isEqualTo(asIr.body());
        HttpResponse<String> noPartner = toPk.get("/ledger/witnessed", viewer);
        assertThat(noPartner.statusCode()).isEqualTo(400);
        assertThat(noPartner.body()).contains("partner");
        // PK has accepted nothing of its own log
        assertThat(Https.asPartner(nodes.pk, ir).get("/ledger/witnessed").statusCode()).isEqualTo(404);
    }

    void sendHotlineMessagesFromPkToIr(int n) throws Exception {
        Https https = Https.to(nodes.pk);
        String[] liaison = Https.basic(nodes.pk.username(Role.LIAISON), nodes.pk.password(Role.LIAISON));
        for (int i = 0; i < n; i++) {
            HttpResponse<String> response = https.send("POST", "/api/hotline/calls", """
                    {"from":{"name":"Duty officer PK","post":"DGMO office"},"addressee":"IR",
                     "to":{"name":"Duty officer IR","post":"Operations"},"priority":"ROUTINE","text":"message %d"}"""
                    .formatted(i), liaison[0], liaison[1], "Content-Type", "application/json");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
        long before = ir.bean(Ledger.class).size();
        nodes.pk.bean(OutboxDelivery.class).deliver(IR);
        assertThat(ir.bean(Ledger.class).size()).as("IR recorded every message it answered 201").isEqualTo(before + n);
    }

    WitnessOutcome pkWitnessesIr() {
        ir.bean(Checkpoints.class).publish();
        return nodes.pk.bean(Witnessing.class).witness(IR);
    }

    static JsonNode alarms(TestNode node) throws Exception {
        HttpResponse<String> response = Https.to(node).get("/ledger/alarms",
                Https.basic(node.username(Role.VIEWER), node.password(Role.VIEWER)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Waits for the check IR runs in the background at start; gives up after a minute. */
    static JsonNode awaitAlarm(TestNode node, String kind) {
        JsonNode all = Eventually.value("a " + kind + " alarm at " + node.code(), Duration.ofMinutes(1), Duration.ofMillis(200),
                () -> alarms(node), alarms -> alarm(alarms, kind) != null);
        return alarm(all, kind);
    }

    private static JsonNode alarm(JsonNode alarms, String kind) {
        for (JsonNode alarm : alarms) {
            if (alarm.path("kind").asString().equals(kind)) {
                return alarm;
            }
        }
        return null;
    }

    static JsonNode health(TestNode node, Role role, String path, int status) throws Exception {
        HttpResponse<String> response = role == null ? Https.to(node).get(path)
                : Https.to(node).get(path, Https.basic(node.username(role), node.password(role)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** Scrapes /actuator/prometheus until the sample has the value (gauges show the last reading, at most 5 s old). */
    static void awaitMetric(TestNode node, String sample, double value) {
        Eventually.value("the scrape of " + node.code() + " shows " + sample + " " + value, Duration.ofMinutes(1),
                Duration.ofMillis(500),
                () -> Https.to(node).get("/actuator/prometheus", Https.basic(node.username(Role.ADMIN), node.password(Role.ADMIN)))
                        .body(),
                scrape -> scrape.lines().anyMatch(line -> line.startsWith(sample + " ")
                        && Double.parseDouble(line.substring(sample.length() + 1)) == value));
    }
}
