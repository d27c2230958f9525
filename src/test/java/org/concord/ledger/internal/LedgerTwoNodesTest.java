package org.concord.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.concord.cli.ConcordCommand;
import org.concord.ledger.Direction;
import org.concord.ledger.Ledger;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.Receipt;
import org.concord.ledger.Receipts;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.InMemoryTreeStore;
import org.concord.ledger.tree.MerkleLog;
import org.concord.ledger.tree.SignedNote;
import org.concord.ledger.tree.VerifierKey;
import org.concord.party.Pairing;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PK and IR, two real nodes on the real PostgreSQL over real HTTPS, scheduling off so that the
 * test runs each job itself. PK sends 1,000 objects; IR acknowledges each with a receipt that
 * verifies offline; IR witnesses PK's log and PK keeps IR's cosignatures; then PK's history is
 * tampered with in three ways, and IR's next witness run raises an alarm naming sizes and hashes.
 * The methods run in order: each situation starts from the state the one before left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerTwoNodesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final int OBJECTS = 1_000;

    TestNode pk;
    TestNode ir;
    final List<String> sent = new ArrayList<>();

    @BeforeAll
    void twoPairedNodesWithoutScheduledJobs() {
        Map<String, Object> noScheduler = Map.of("concord.scheduling.enabled", "false");
        pk = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, null, null, noScheduler);
        ir = TestNode.start("IR", "Islamic Republic of Iran", TestNode.Store.POSTGRES, null, null, noScheduler);
        pk.bean(Pairing.class).pair(ir.identity().pairingRecord(), "test", false);
        ir.bean(Pairing.class).pair(pk.identity().pairingRecord(), "test", false);
    }

    @AfterAll
    void stop() {
        pk.close();
        ir.close();
        Postgres.dropSchema(pk.schema());
        Postgres.dropSchema(ir.schema());
    }

    static String anyIndicator(int n) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + UUID.randomUUID() + "\","
                + "\"created\":\"2024-01-26T09:30:00.000Z\",\"modified\":\"2024-01-26T09:30:" + String.format("%02d", n % 60)
                + ".123Z\",\"name\":\"crossing point " + n + "\",\"pattern\":\"[ipv4-addr:value = '198.51.100." + (n % 250)
                + "']\",\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-26T00:00:00Z\"}";
    }

    @Test
    @Order(1)
    void pkSendsAThousandObjectsAndEveryReceiptFromIrVerifiesOffline() throws Exception {
        // given PK records 1,000 objects as sent to IR
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            String object = anyIndicator(i);
            sent.add(object);
            entries.add(LedgerEntry.of(Direction.SENT, IR, ObjectDigest.of(object), java.time.Instant.now()));
        }
        List<Long> indexes = pk.bean(Ledger.class).appendAll(entries);
        assertThat(indexes).hasSize(OBJECTS).doesNotHaveDuplicates();
        assertThat(pk.bean(Ledger.class).size()).isEqualTo(OBJECTS);

        // when IR receives them, from 16 threads at once (its group commit batches them)
        Receipts irReceipts = ir.bean(Receipts.class);
        ExecutorService inbox = Executors.newFixedThreadPool(16);
        List<Future<Receipt>> issued = new ArrayList<>();
        for (String object : sent) {
            issued.add(inbox.submit(() -> irReceipts.issue(PK, ObjectDigest.of(object))));
        }
        List<Receipt> promises = new ArrayList<>();
        for (Future<Receipt> f : issued) {
            promises.add(f.get());
        }
        inbox.shutdown();

        // then each first receipt is a signed promise, valid already
        assertThat(promises).allSatisfy(r -> assertThat(r.isPromise()).isTrue());
        assertThat(promises.stream().map(Receipt::index).distinct()).hasSize(OBJECTS);
        Receipt firstPromise = promises.get(0);
        pk.bean(Receipts.class).verify(IR, firstPromise.toJson(), ObjectDigest.of(sent.get(0)));

        // and a redelivery gets the same entry, not a new one
        assertThat(irReceipts.issue(PK, ObjectDigest.of(sent.get(0))).index()).isEqualTo(firstPromise.index());
        assertThat(ir.bean(Ledger.class).size()).isEqualTo(OBJECTS);

        // when PK asks IR over HTTPS for each completed receipt
        Https pkToIr = Https.asPartner(pk, ir);
        Path dir = Files.createTempDirectory("receipts-");
        for (int i = 0; i < OBJECTS; i++) {
            ObjectDigest digest = ObjectDigest.of(sent.get(i));
            var response = pkToIr.get("/ledger/receipts?object=" + digest.id() + "&modified="
                    + LedgerEntry.formatTime(digest.modified()));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            // then every one verifies with IR's pinned key, offline, and includes the object in a signed checkpoint
            Receipt receipt = Receipt.parse(response.body()).verify(ir.identity().signingKey(), digest);
            assertThat(receipt.isPromise()).isFalse();
            assertThat(receipt.index()).isEqualTo(promises.get(i).index());
            pk.bean(Receipts.class).verify(IR, response.body(), digest);
            if (i % 250 == 0) {
                Path receiptFile = Files.writeString(dir.resolve("receipt-" + i + ".json"), response.body());
                Path objectFile = Files.writeString(dir.resolve("object-" + i + ".json"), sent.get(i));
                Run run = concord("verify", "receipt", receiptFile.toString(), "--partner-key",
                        ir.identity().signingKey().base64(), "--object", objectFile.toString());
                assertThat(run.code()).as(run.out()).isZero();
                assertThat(run.out()).contains("OK: IR received " + digest.id()).contains("INCLUDED");
            }
        }
    }

    @Test
    @Order(2)
    void irWitnessesPksLogAndPkHoldsIrsCosignature() throws Exception {
        pk.bean(Checkpoints.class).publish();

        WitnessOutcome outcome = ir.bean(Witnessing.class).witness(PK);

        assertThat(outcome).isInstanceOf(WitnessOutcome.Accepted.class);
        WitnessOutcome.Accepted accepted = (WitnessOutcome.Accepted) outcome;
        assertThat(accepted.size()).isEqualTo(OBJECTS);
        assertThat(accepted.cosignatureDelivered()).isTrue();
        var cosignatures = pk.bean(Checkpoints.class).cosignatures(10);
        assertThat(cosignatures).singleElement().satisfies(c -> {
            assertThat(c.size()).isEqualTo(OBJECTS);
            assertThat(c.witness()).isEqualTo("IR");
        });
        // the cosignature is IR's, by IR's pinned key
        var irAsWitness = VerifierKey.cosignatureV1(LogIdentity.originOf(pk.bean(org.concord.party.Partners.class)
                .byCode(IR).orElseThrow()), ir.identity().signingKey().publicKey());
        assertThat(SignedNote.parse(cosignatures.get(0).note()).verify(List.of(irAsWitness))).hasSize(1);
        // and users of PK read it over HTTPS
        var response = Https.to(pk).get("/ledger/cosignatures", Https.basic(pk.username(Role.VIEWER), pk.password(Role.VIEWER)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get(0).path("witness").asString()).isEqualTo("IR");

        // a second run with nothing new changes nothing
        assertThat(ir.bean(Witnessing.class).witness(PK)).isEqualTo(new WitnessOutcome.Unchanged(OBJECTS));
    }

    @Test
    @Order(3)
    void aChangedLeafRowAtPkIsAnAlarmAtIrsNextRun() throws Exception {
        String originalHash = sql(pk, "select encode(content_sha256, 'hex') from ledger_entry where idx = 517");
        sql(pk, "update ledger_entry set content_sha256 = sha256('forged'::bytea) where idx = 517");

        WitnessOutcome outcome = ir.bean(Witnessing.class).witness(PK);

        WitnessTable.Alarm alarm = alarmOf(outcome, AlarmKind.ENTRY_CHANGED);
        assertThat(alarm.detail()).contains("entry 517").contains("size " + OBJECTS);
        assertThat(alarm.acceptedSize()).isEqualTo(OBJECTS);
        assertThat(alarm.acceptedNote()).isNotBlank();
        assertThat(alarm.offendingNote()).isNotBlank();

        sql(pk, "update ledger_entry set content_sha256 = decode('" + originalHash + "', 'hex') where idx = 517");
        assertThat(ir.bean(Witnessing.class).witness(PK)).isEqualTo(new WitnessOutcome.Unchanged(OBJECTS));
    }

    @Test
    @Order(4)
    void aForkedTreeSignedWithPksKeyIsAnAlarmAtIrsNextRun() throws Exception {
        // given PK appends 10 more entries but publishes a checkpoint of another tree of that size
        appendMore(10);
        long size = OBJECTS + 10;
        InMemoryTreeStore forkStore = new InMemoryTreeStore();
        MerkleLog fork = new MerkleLog(forkStore);
        List<byte[]> forged = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            forged.add(("forged entry " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        fork.append(forged);
        LogIdentity pkLog = pk.bean(LogIdentity.class);
        Hash forkRoot = fork.root();
        String forkNote = SignedCheckpoint.body(pkLog.origin(), size, forkRoot, java.time.Instant.now())
                .sign(pkLog.signer()).encode();
        insertCheckpoint(size, forkRoot, forkNote);

        WitnessOutcome outcome = ir.bean(Witnessing.class).witness(PK);

        WitnessTable.Alarm alarm = alarmOf(outcome, AlarmKind.INCONSISTENT);
        assertThat(alarm.detail()).contains("size " + size).contains(forkRoot.hex()).contains("size " + OBJECTS);
        assertThat(alarm.offendingNote()).isEqualTo(forkNote);
        assertThat(alarm.acceptedNote()).isNotBlank();

        // when PK publishes its real checkpoint instead, IR accepts it
        sql(pk, "delete from ledger_checkpoint where size = " + size);
        pk.bean(Checkpoints.class).publish();
        assertThat(ir.bean(Witnessing.class).witness(PK)).isInstanceOf(WitnessOutcome.Accepted.class);
    }

    @Test
    @Order(5)
    void deletingPksLastEntriesIsAnAlarmAtIrsNextRun() throws Exception {
        long accepted = OBJECTS + 10;
        long cut = accepted - 5;
        Hash acceptedRoot = pk.bean(StoredTree.class).log().root(accepted);
        sql(pk, "delete from ledger_entry where idx >= " + cut);
        sql(pk, "delete from ledger_node where (idx + 1) * power(2, level) > " + cut);
        sql(pk, "delete from ledger_tile where (idx + 1) * power(2, 5 * level + 5) > " + cut);
        sql(pk, "update ledger_head set size = " + cut + ", tiled = least(tiled, " + cut + ")");
        sql(pk, "delete from ledger_checkpoint where size > " + cut);
        pk.bean(Checkpoints.class).publish();

        WitnessOutcome outcome = ir.bean(Witnessing.class).witness(PK);

        WitnessTable.Alarm alarm = alarmOf(outcome, AlarmKind.SMALLER);
        assertThat(alarm.detail()).contains("size " + cut).contains("size " + accepted).contains(acceptedRoot.hex());
        assertThat(alarm.offendingSize()).isEqualTo(cut);
        assertThat(alarm.acceptedSize()).isEqualTo(accepted);

        // and IR's people read every alarm, with both checkpoints, over HTTPS
        var response = Https.to(ir).get("/ledger/alarms", Https.basic(ir.username(Role.ANALYST), ir.password(Role.ANALYST)));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode alarms = JSON.readTree(response.body());
        assertThat(alarms).hasSize(3);
        assertThat(alarms.get(0).path("kind").asString()).isEqualTo("SMALLER");
        assertThat(alarms.get(0).path("accepted").path("checkpoint").asString()).contains("\n" + accepted + "\n");
        assertThat(alarms.get(0).path("offending").path("checkpoint").asString()).contains("\n" + cut + "\n");
    }

    private void appendMore(int n) {
        List<LedgerEntry> more = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            more.add(LedgerEntry.of(Direction.SENT, IR, ObjectDigest.of(anyIndicator(OBJECTS + i)), java.time.Instant.now()));
        }
        pk.bean(Ledger.class).appendAll(more);
    }

    private void insertCheckpoint(long size, Hash root, String note) throws Exception {
        try (var connection = Postgres.connect();
                var insert = connection.prepareStatement("insert into " + pk.schema()
                        + ".ledger_checkpoint (size, root, note, signed_at) values (?, ?, ?, now())")) {
            insert.setLong(1, size);
            insert.setBytes(2, root.bytes());
            insert.setString(3, note);
            insert.executeUpdate();
        }
    }

    private static WitnessTable.Alarm alarmOf(WitnessOutcome outcome, AlarmKind kind) {
        assertThat(outcome).isInstanceOf(WitnessOutcome.Alarmed.class);
        WitnessTable.Alarm alarm = ((WitnessOutcome.Alarmed) outcome).alarm();
        assertThat(alarm.kind()).as(alarm.detail()).isEqualTo(kind);
        return alarm;
    }

    private static String sql(TestNode node, String statement) throws Exception {
        try (var connection = Postgres.connect(); var st = connection.createStatement()) {
            st.execute("set search_path to " + node.schema());
            if (st.execute(statement)) {
                try (var rs = st.getResultSet()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
            return null;
        }
    }

    record Run(int code, String out) {
    }

    static synchronized Run concord(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            int code = ConcordCommand.execute(args);
            return new Run(code, captured.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
