package org.concord.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.concord.cli.ConcordCommand;
import org.concord.ledger.tree.Checkpoint;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.InMemoryTreeStore;
import org.concord.ledger.tree.MerkleLog;
import org.concord.ledger.tree.NoteSigner;
import org.concord.party.PartyCode;
import org.concord.party.SigningKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code concord verify receipt} and {@code concord verify log} from files alone, no node and no
 * database: a good receipt and log pass; a wrong signature, an altered object, a proof for the
 * wrong size, an unknown key, an altered entry each fail with exit code 1 and one line naming the
 * kind of failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerOfflineVerificationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final String ORIGIN = "concord.IR/identity--6b1c0b4e-3a8c-4a4e-9b53-5a0cfa9a6c11";

    @TempDir
    Path dir;
    KeyPair irKeys;
    SigningKey irKey;
    MerkleLog irLog;
    List<LedgerEntry> entries = new ArrayList<>();
    List<String> objects = new ArrayList<>();
    String checkpoint;

    @BeforeAll
    void irsLogOfAThousandReceivedObjects() throws Exception {
        irKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        irKey = SigningKey.of(irKeys.getPublic());
        irLog = new MerkleLog(new InMemoryTreeStore());
        for (int i = 0; i < 1000; i++) {
            String object = "{\"type\":\"note\",\"id\":\"note--" + UUID.randomUUID() + "\",\"created\":\"2024-01-26T00:00:00Z\","
                    + "\"modified\":\"2024-01-26T00:00:00Z\",\"content\":\"message " + i + "\",\"object_refs\":[]}";
            objects.add(object);
            entries.add(LedgerEntry.of(Direction.RECEIVED, PK, ObjectDigest.of(object), Instant.parse("2024-01-26T00:00:01Z").plusMillis(i)));
        }
        irLog.append(entries.stream().map(LedgerEntry::encode).toList());
        checkpoint = new Checkpoint(ORIGIN, 1000, irLog.root(), List.of("time 2024-01-26T00:01:00.000Z"))
                .sign(NoteSigner.of(ORIGIN, irKeys)).encode();
    }

    Receipt anyReceipt(int index, long proofSize) {
        LedgerEntry entry = entries.get(index);
        return new Receipt(IR, ORIGIN, irKey, PK, entry.object(), index, entry.recordedAt(), entry.leafHash(),
                Instant.parse("2024-01-26T00:02:00Z"), checkpoint, irLog.inclusionProof(index, proofSize), null, null)
                .signedWith(this::sign);
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(irKeys.getPrivate());
            signature.update(message);
            return signature.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void aGoodReceiptWithItsObjectVerifies() throws Exception {
        Run run = concord("verify", "receipt", file("r.json", anyReceipt(17, 1000).toJson()).toString(),
                "--partner-key", irKey.base64(), "--object", file("o.json", objects.get(17)).toString());
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).contains("OK: IR received").contains("entry 17").contains("INCLUDED: in the signed checkpoint of size 1000");
    }

    @Test
    void aPromiseVerifiesAsAPromise() throws Exception {
        LedgerEntry entry = entries.get(3);
        Receipt promise = new Receipt(IR, ORIGIN, irKey, PK, entry.object(), 3, entry.recordedAt(), entry.leafHash(),
                Instant.parse("2024-01-26T00:00:02Z"), null, List.of(), Instant.parse("2024-01-26T00:01:02Z"), null).signedWith(this::sign);
        Run run = concord("verify", "receipt", file("p.json", promise.toJson()).toString(), "--partner-key", irKey.base64());
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).contains("PROMISE: not yet in a checkpoint; the receiver promised one by 2024-01-26T00:01:02.000Z");
    }

    @Test
    void aReceiptWithAChangedFieldHasAWrongSignature() throws Exception {
        String altered = anyReceipt(17, 1000).toJson().replace("\"index\" : 17", "\"index\" : 18");
        Run run = concord("verify", "receipt", file("r.json", altered).toString(), "--partner-key", irKey.base64());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().strip()).startsWith("concord: error: BadSignature: receipt signature does not verify with the key of IR")
                .doesNotContain("\n");
    }

    @Test
    void anAlteredObjectIsNotTheOneAcknowledged() throws Exception {
        String altered = objects.get(17).replace("message 17", "message 71");
        Run run = concord("verify", "receipt", file("r.json", anyReceipt(17, 1000).toJson()).toString(),
                "--partner-key", irKey.base64(), "--object", file("o.json", altered).toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().strip()).startsWith("concord: error: AlteredObject: object note--").contains("has canonical SHA-256");
    }

    @Test
    void anInclusionProofForTheWrongSizeFails() throws Exception {
        Run run = concord("verify", "receipt", file("r.json", anyReceipt(17, 32).toJson()).toString(),
                "--partner-key", irKey.base64());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().strip()).startsWith("concord: error: BadProof: inclusion of leaf 17 in tree of size 1000: proof has 5 hashes, expected 10");
    }

    @Test
    void aReceiptFromAnUnknownKeyIsRefused() throws Exception {
        SigningKey stranger = SigningKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
        Run run = concord("verify", "receipt", file("r.json", anyReceipt(17, 1000).toJson()).toString(),
                "--partner-key", stranger.base64());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().strip()).startsWith("concord: error: UnknownKey: receipt is signed by key " + irKey.fingerprint());
    }

    @Test
    void theLogAndItsEntriesVerifyAndAnAlteredEntryIsNamed() throws Exception {
        Path note = file("checkpoint.txt", checkpoint);
        Run ok = concord("verify", "log", note.toString(), "--log-key", irKey.base64(), "--entries", file("e.json", export(-1)).toString());
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("the 1000 entries hash to the checkpoint's root (1000 recomputed");

        Run altered = concord("verify", "log", note.toString(), "--log-key", irKey.base64(), "--entries", file("a.json", export(42)).toString());
        assertThat(altered.code()).isEqualTo(1);
        assertThat(altered.out()).contains("\nconcord: error: AlteredEntry: entry 42 (");
    }

    @Test
    void aCheckpointFromAnUnknownKeyAndAConsistencyProofForTheWrongSizeFail() throws Exception {
        Path note = file("checkpoint.txt", checkpoint);
        SigningKey stranger = SigningKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
        Run unknown = concord("verify", "log", note.toString(), "--log-key", stranger.base64());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.out().strip()).startsWith("concord: error: UnknownKey: no signature from a known key");

        String earlier = new Checkpoint(ORIGIN, 600, irLog.root(600), List.of("time 2024-01-26T00:00:30.000Z"))
                .sign(NoteSigner.of(ORIGIN, irKeys)).encode();
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("from", 600);
        proof.put("to", 1000);
        proof.put("proof", irLog.consistencyProof(500, 1000).stream().map(Hash::base64).toList());
        Run wrong = concord("verify", "log", note.toString(), "--log-key", irKey.base64(), "--previous",
                file("earlier.txt", earlier).toString(), "--consistency", file("c.json", JSON.writeValueAsString(proof)).toString());
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.out()).contains("concord: error: WrongProofSize: consistency of size 600 with size 1000: proof has 9 hashes, expected 8");

        proof.put("proof", irLog.consistencyProof(600, 1000).stream().map(Hash::base64).toList());
        Run right = concord("verify", "log", note.toString(), "--log-key", irKey.base64(), "--previous",
                file("earlier.txt", earlier).toString(), "--consistency", file("c.json", JSON.writeValueAsString(proof)).toString());
        assertThat(right.code()).as(right.out()).isZero();
        assertThat(right.out()).contains("OK: size 1000 extends size 600");
    }

    /** The entries as GET /ledger/entries exports them; entry {@code altered} gets another object hash. */
    String export(int altered) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry e = entries.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", i);
            row.put("leaf", e.leafHash().hex());
            row.put("direction", e.direction().name());
            row.put("partner", e.partner().value());
            row.put("object", e.objectId());
            row.put("modified", e.modifiedText());
            row.put("sha256", i == altered ? ObjectDigest.of(objects.get(0)).sha256().hex() : e.sha256().hex());
            row.put("recorded", e.recordedText());
            rows.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("format", "concord-ledger-entries/1");
        body.put("origin", ORIGIN);
        body.put("size", entries.size());
        body.put("from", 0);
        body.put("entries", rows);
        return JSON.writeValueAsString(body);
    }

    record Run(int code, String out) {
    }

    static synchronized Run concord(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            return new Run(ConcordCommand.execute(args), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
