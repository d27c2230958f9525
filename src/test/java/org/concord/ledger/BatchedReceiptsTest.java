package org.concord.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

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

/**
 * Receipts signed as one batch ({@code concord-receipt/2}): IR accepted 37 of PK's messages in one
 * POST and signed their receipts with one signature. Each receipt still proves on its own, from files
 * alone, that IR recorded exactly that object at that index; a receipt changed in any field, or given
 * another receipt's path, no longer leads to the signed root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchedReceiptsTest {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");
    static final String ORIGIN = "concord.IR/identity--6b1c0b4e-3a8c-4a4e-9b53-5a0cfa9a6c11";
    static final int BATCH = 37;

    @TempDir
    Path dir;
    KeyPair irKeys;
    SigningKey irKey;
    List<String> objects = new ArrayList<>();
    List<Receipt> batch;
    AtomicInteger signatures = new AtomicInteger();

    @BeforeAll
    void irAcceptedThirtySevenMessagesInOnePost() throws Exception {
        irKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        irKey = SigningKey.of(irKeys.getPublic());
        MerkleLog irLog = new MerkleLog(new InMemoryTreeStore());
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String object = "{\"type\":\"note\",\"id\":\"note--" + UUID.randomUUID() + "\",\"created\":\"2024-01-26T00:00:00Z\","
                    + "\"modified\":\"2024-01-26T00:00:00Z\",\"content\":\"message " + i + "\",\"object_refs\":[]}";
            objects.add(object);
            entries.add(LedgerEntry.of(Direction.RECEIVED, PK, ObjectDigest.of(object), Instant.parse("2024-01-26T00:00:01Z")));
        }
        irLog.append(entries.stream().map(LedgerEntry::encode).toList());
        // The first 20 are in a checkpoint already (a re-delivery), the rest are promises.
        String checkpoint = new Checkpoint(ORIGIN, 20, irLog.root(20), List.of("time 2024-01-26T00:00:30.000Z"))
                .sign(NoteSigner.of(ORIGIN, irKeys)).encode();
        List<Receipt> unsigned = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            LedgerEntry entry = entries.get(i);
            boolean complete = i < 20;
            unsigned.add(new Receipt(IR, ORIGIN, irKey, PK, entry.object(), i, entry.recordedAt(), entry.leafHash(),
                    Instant.parse("2024-01-26T00:00:02Z"), complete ? checkpoint : null, complete ? irLog.inclusionProof(i, 20) : List.of(),
                    complete ? null : Instant.parse("2024-01-26T00:01:01Z"), null));
        }
        batch = Receipt.signedTogether(unsigned, this::sign);
    }

    byte[] sign(byte[] message) {
        signatures.incrementAndGet();
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(irKeys.getPrivate());
            signature.update(message);
            return signature.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theWholeBatchTookOneSignatureAndEveryReceiptNamesItsPlaceInIt() {
        assertThat(signatures.get()).isEqualTo(1);
        for (int i = 0; i < BATCH; i++) {
            assertThat(batch.get(i).format()).isEqualTo("concord-receipt/2");
            assertThat(batch.get(i).batch().size()).isEqualTo(BATCH);
            assertThat(batch.get(i).batch().index()).isEqualTo(i);
        }
    }

    @Test
    void everyReceiptOfTheBatchVerifiesOnItsOwnFromFilesAlone() throws Exception {
        for (int i : new int[] {0, 19, 20, 36}) {
            Path receipt = Files.writeString(dir.resolve("r" + i + ".json"), batch.get(i).toJson());
            Path object = Files.writeString(dir.resolve("o" + i + ".json"), objects.get(i));
            var run = LedgerOfflineVerificationTest.concord("verify", "receipt", receipt.toString(), "--partner-key", irKey.base64(),
                    "--object", object.toString());
            assertThat(run.code()).as(run.out()).isZero();
            assertThat(run.out()).contains("OK: IR received " + batch.get(i).object().id()).contains("as entry " + i + " ")
                    .contains("SIGNED: in a batch of 37 receipts (" + (i + 1) + " of 37) with one signature");
            assertThat(run.out()).contains(i < 20 ? "INCLUDED: in the signed checkpoint of size 20" : "PROMISE: not yet in a checkpoint");
        }
    }

    @Test
    void aReceiptReadBackIsTheReceiptSigned() throws Exception {
        for (Receipt receipt : batch) {
            Receipt read = Receipt.parse(receipt.toJson());
            assertThat(read).isEqualTo(receipt);
            assertThat(read.verify(irKey, null)).isEqualTo(receipt);
        }
    }

    @Test
    void aReceiptWithAChangedIndexNoLongerLeadsToTheSignedRoot() throws Exception {
        String altered = batch.get(25).toJson().replace("\"index\" : 25,\n    \"recorded\"", "\"index\" : 26,\n    \"recorded\"");
        assertThat(altered).isNotEqualTo(batch.get(25).toJson());
        Path receipt = Files.writeString(dir.resolve("altered.json"), altered);
        var run = LedgerOfflineVerificationTest.concord("verify", "receipt", receipt.toString(), "--partner-key", irKey.base64());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out().strip()).startsWith("concord: error: BadSignature: receipt signature does not verify with the key of IR")
                .doesNotContain("\n");
    }

    @Test
    void anotherReceiptsPlaceInTheBatchDoesNotFit() {
        Receipt r = batch.get(3);
        Receipt.Batch other = batch.get(4).batch();
        Receipt moved = new Receipt(r.receiver(), r.origin(), r.receiverKey(), r.sender(), r.object(), r.index(), r.recordedAt(), r.leaf(),
                r.issuedAt(), r.checkpoint(), r.inclusion(), r.deadline(), r.signature(), other);
        assertThatThrownBy(() -> moved.verify(irKey, ObjectDigest.of(objects.get(3)))).isInstanceOf(ReceiptException.BadSignature.class);
        Receipt shortPath = new Receipt(r.receiver(), r.origin(), r.receiverKey(), r.sender(), r.object(), r.index(), r.recordedAt(),
                r.leaf(), r.issuedAt(), r.checkpoint(), r.inclusion(), r.deadline(), r.signature(),
                new Receipt.Batch(BATCH, 3, r.batch().path().subList(1, r.batch().path().size())));
        assertThatThrownBy(() -> shortPath.verify(irKey, null)).isInstanceOf(ReceiptException.Malformed.class)
                .hasMessageContaining("batch.path");
    }

    @Test
    void aVerifierThatAcceptedTheBatchStillRefusesAnAlteredReceiptOfIt() throws Exception {
        Receipt.Verifier verifier = new Receipt.Verifier(irKey);
        for (int i = 0; i < BATCH; i++) {
            verifier.verify(batch.get(i), ObjectDigest.of(objects.get(i)));
        }
        Receipt r = batch.get(30);
        ObjectDigest someoneElse = ObjectDigest.of(objects.get(31));
        Receipt forged = new Receipt(r.receiver(), r.origin(), r.receiverKey(), r.sender(), someoneElse, r.index(), r.recordedAt(),
                LedgerEntry.of(Direction.RECEIVED, PK, someoneElse, r.recordedAt()).leafHash(), r.issuedAt(), r.checkpoint(),
                r.inclusion(), r.deadline(), r.signature(), r.batch());
        assertThatThrownBy(() -> verifier.verify(forged, someoneElse)).isInstanceOf(ReceiptException.BadSignature.class);
        assertThatThrownBy(() -> verifier.verify(r, someoneElse)).isInstanceOf(ReceiptException.AlteredObject.class);
        SigningKey stranger = SigningKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
        assertThatThrownBy(() -> new Receipt.Verifier(stranger).verify(r, null)).isInstanceOf(ReceiptException.UnknownKey.class);
    }

    @Test
    void theTwoFormatsAreNotMixed() {
        String batched = batch.get(0).toJson();
        assertThatThrownBy(() -> Receipt.parse(batched.replace("concord-receipt/2", "concord-receipt/1")))
                .isInstanceOf(ReceiptException.Malformed.class).hasMessageContaining("batch is not part of concord-receipt/1");
        String alone = batch.get(0).toJson().replaceAll("(?s),\\s*\"batch\" : \\{.*?\\]\\s*\\}", "");
        assertThat(alone).doesNotContain("\"batch\"");
        assertThatThrownBy(() -> Receipt.parse(alone)).isInstanceOf(ReceiptException.Malformed.class).hasMessageContaining("batch is missing");
    }

    @Test
    void theBatchTreeIsTheTreeOfRfc9162() throws Exception {
        for (int n = 1; n <= 70; n++) {
            List<Hash> leaves = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                leaves.add(new Hash(java.security.MessageDigest.getInstance("SHA-256").digest(("leaf " + n + " " + i).getBytes())));
            }
            MerkleLog reference = new MerkleLog(new InMemoryTreeStore());
            reference.appendLeafHashes(leaves);
            Receipt.BatchTree tree = new Receipt.BatchTree(leaves);
            assertThat(tree.root()).as("root of %d", n).isEqualTo(reference.root());
            for (int i = 0; i < n; i++) {
                assertThat(tree.path(i)).as("path of %d in %d", i, n).isEqualTo(reference.inclusionProof(i, n));
            }
        }
    }
}
