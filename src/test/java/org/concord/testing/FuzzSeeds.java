package org.concord.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.concord.commitments.CommitmentMessage;
import org.concord.commitments.internal.CommitmentStix;
import org.concord.demo.January2024;
import org.concord.hotline.HotlineMessage;
import org.concord.hotline.Official;
import org.concord.hotline.Priority;
import org.concord.hotline.TestSlot;
import org.concord.hotline.internal.HotlineStix;
import org.concord.incidents.IncidentMessage;
import org.concord.incidents.internal.IncidentStix;
import org.concord.intel.stix.Tlp;
import org.concord.ledger.Direction;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.Receipt;
import org.concord.ledger.tree.Checkpoint;
import org.concord.ledger.tree.InMemoryTreeStore;
import org.concord.ledger.tree.MerkleLog;
import org.concord.ledger.tree.NoteSigner;
import org.concord.node.NodeSettings;
import org.concord.party.PartyCode;
import org.concord.party.SigningKey;
import org.concord.party.keys.FileNodeIdentity;
import org.concord.requests.CounterProposal;
import org.concord.requests.DeclineReason;
import org.concord.requests.EvidenceRef;
import org.concord.requests.Outcome;
import org.concord.requests.RequestForAction;
import org.concord.requests.RequestMessage;
import org.concord.requests.RequestedAction;
import org.concord.requests.Urgency;
import org.concord.requests.internal.RequestStix;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the seed inputs of the fuzz tests ({@code *FuzzTestInputs/<method>/seed-*} under
 * src/test/resources) from real objects: the OASIS and MITRE STIX examples, every workflow message
 * type as the node writes it, a pairing record, signed checkpoints and cosignatures, and receipts
 * signed by the keys the fuzz tests trust. Not part of the suite (its name does not end in Test):
 * run {@code ./mvnw -o test -Dtest=FuzzSeeds} after a format changes, and commit what it writes.
 * Inputs the fuzzer found are kept beside these under names that say what they found.
 */
class FuzzSeeds {

    static final Path RESOURCES = Path.of("src/test/resources/org/concord");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String IDENTITY = "identity--3b0e6bd2-5c1a-4c0e-9d7e-0e5b1c9a2f10";
    static final int MAX_SEED = 4096;

    @TempDir
    Path dir;

    @Test
    void stixObjectsAndBundles() throws Exception {
        Path intel = RESOURCES.resolve("intel/StixObjectFuzzTestInputs/aBundleIsStoredOrRefusedObjectByObject");
        Path envelope = RESOURCES.resolve("exchange/taxii/TaxiiEnvelopeFuzzTestInputs/anEnvelopeIsReadOrA400");
        int n = 0;
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("oasis-documentation", "oasis-schemas-examples", "mitre")) {
            try (var list = Files.list(Path.of("src/test/resources/stix", folder))) {
                list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        java.util.Set<String> types = new java.util.HashSet<>();
        for (Path file : files) {
            JsonNode bundle = JSON.readTree(file.toFile());
            List<JsonNode> small = new ArrayList<>();
            for (JsonNode object : bundle.path("objects")) {
                String json = object.toString();
                // one seed per type (the first small one), so the corpus stays small and varied
                if (json.length() < MAX_SEED / 2 && types.add(object.path("type").asString())) {
                    write(intel, "object-" + object.path("type").asString(), json.getBytes(StandardCharsets.UTF_8));
                    small.add(object);
                }
            }
            if (!small.isEmpty() && n++ < 6) {
                String objects = small.subList(0, Math.min(3, small.size())).toString();
                write(intel, "bundle-" + file.getFileName(), ("{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.nameUUIDFromBytes(
                        file.toString().getBytes(StandardCharsets.UTF_8)) + "\",\"objects\":" + objects + "}").getBytes(StandardCharsets.UTF_8));
                write(envelope, "envelope-" + file.getFileName(), ("{\"objects\":" + objects + "}").getBytes(StandardCharsets.UTF_8));
            }
        }
        for (RequestMessage message : requests()) {
            write(envelope, "request-" + RequestStix.messageType(message), ("{\"objects\":["
                    + RequestStix.toStix(message, IDENTITY, Tlp.GREEN, List.of()) + "]}").getBytes(StandardCharsets.UTF_8));
        }
        write(envelope, "empty", "{\"objects\":[]}".getBytes(StandardCharsets.UTF_8));
        write(envelope, "regression-inbox-object-without-time", ("{\"objects\":[{\"type\":\"x-ir-field-note\",\"spec_version\":\"2.1\","
                + "\"id\":\"x-ir-field-note--6b1c0b4e-3a8c-4a4e-9b53-5a0cfa9a6c11\",\"created_by_ref\":\"" + IDENTITY + "\"}]}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void workflowMessages() throws Exception {
        Path requests = RESOURCES.resolve("requests/internal/RequestMessageFuzzTestInputs/aRequestMessageIsReadOrRefusedAsMalformed");
        for (RequestMessage message : requests()) {
            write(requests, RequestStix.messageType(message),
                    RequestStix.toStix(message, IDENTITY, Tlp.GREEN, List.of()).toString().getBytes(StandardCharsets.UTF_8));
        }
        Official khan = new Official(PartyCode.of("PK"), "Maj Gen A. Khan", "DGMO");
        Official karimi = new Official(PartyCode.of("IR"), "Brig Gen R. Karimi", "Director of Operations");
        Instant t0 = Instant.parse("2024-02-06T06:00:00.000Z");
        StixId call = StixId.random(HotlineStix.TYPE);
        List<HotlineMessage> calls = List.of(
                new HotlineMessage.Send(new Envelope(call, call, khan.party(), t0, null), khan, karimi, Priority.FLASH, "launch", null),
                HotlineMessage.Send.test(StixId.random(HotlineStix.TYPE), khan, karimi, Priority.ROUTINE, t0,
                        new TestSlot("weekly-dgmo-call", t0)),
                new HotlineMessage.Acknowledge(Envelope.answer(StixId.random(HotlineStix.TYPE), call, karimi.party(), t0, call), karimi),
                new HotlineMessage.Escalate(Envelope.answer(StixId.random(HotlineStix.TYPE), call, khan.party(), t0, call),
                        EscalationLevel.SECURITY_CHIEFS, t0.plusSeconds(600)));
        Path hotline = RESOURCES.resolve("hotline/internal/HotlineMessageFuzzTestInputs/aHotlineMessageIsReadOrRefusedAsMalformed");
        for (HotlineMessage message : calls) {
            write(hotline, HotlineStix.messageType(message) + "-" + message.id().value().substring(27, 35),
                    HotlineStix.toStix(message, IDENTITY, Tlp.AMBER, List.of()).toString().getBytes(StandardCharsets.UTF_8));
        }
        Path incidents = RESOURCES.resolve("incidents/internal/IncidentMessageFuzzTestInputs/anIncidentMessageIsReadOrRefusedAsMalformed");
        for (IncidentMessage message : January2024.scenario().incidents()) {
            write(incidents, IncidentStix.messageType(message) + "-" + message.id().value().substring(28, 36),
                    IncidentStix.toStix(message, IDENTITY, Tlp.AMBER).toString().getBytes(StandardCharsets.UTF_8));
        }
        Path commitments = RESOURCES.resolve("commitments/internal/CommitmentMessageFuzzTestInputs/aCommitmentMessageIsReadOrRefusedAsMalformed");
        List<CommitmentMessage> agreed = new ArrayList<>(January2024.scenario().commitments());
        CommitmentMessage first = agreed.get(0);
        agreed.add(new CommitmentMessage.Escalate(Envelope.answer(StixId.random(CommitmentStix.TYPE), first.caseId(),
                January2024.PK, first.sentAt().plusSeconds(60), first.id()), EscalationLevel.SECURITY_CHIEFS, first.sentAt()));
        agreed.add(new CommitmentMessage.Attest(Envelope.answer(StixId.random(CommitmentStix.TYPE), first.caseId(),
                January2024.PK, first.sentAt().plusSeconds(60), first.id()), "done", List.of(StixId.random("report"))));
        for (CommitmentMessage message : agreed) {
            write(commitments, CommitmentStix.messageType(message) + "-" + message.id().value().substring(30, 38),
                    CommitmentStix.toStix(message, IDENTITY, Tlp.AMBER, List.of()).toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void pairingRecord() throws Exception {
        NodeSettings settings = new NodeSettings(new NodeSettings.PartySettings("PK", "Pakistan"),
                java.net.URI.create("https://pk.example:8442"), dir, null);
        String record = FileNodeIdentity.loadOrCreate(settings, Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC))
                .pairingRecord().toJson();
        Path pairing = RESOURCES.resolve("party/PairingRecordFuzzTestInputs/aPairingRecordIsReadOrRefusedByFieldAndRule");
        write(pairing, "pairing-record", record.getBytes(StandardCharsets.UTF_8));
        write(pairing, "pairing-record-without-fingerprint", JSON.readTree(record).toString()
                .replaceAll(",\"signingKeyFingerprint\":\"[^\"]*\"", "").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void notesAndReceipts() throws Exception {
        String origin = "concord.IR/identity--6b1c0b4e-3a8c-4a4e-9b53-5a0cfa9a6c11";
        NoteSigner log = NoteSigner.of(origin, FixedKeys.ed25519(1));
        NoteSigner witness = NoteSigner.of("concord.PK/identity--0b7e3c5a-91d2-4f6e-8a3b-2c4d5e6f7a8b", FixedKeys.ed25519(2));
        MerkleLog tree = new MerkleLog(new InMemoryTreeStore());
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String object = "{\"type\":\"note\",\"id\":\"note--" + UUID.nameUUIDFromBytes(new byte[] {(byte) i}) + "\","
                    + "\"created\":\"2024-01-26T00:00:00Z\",\"modified\":\"2024-01-26T00:00:00Z\",\"content\":\"message " + i + "\"}";
            entries.add(LedgerEntry.of(Direction.RECEIVED, PartyCode.of("PK"), ObjectDigest.of(object),
                    Instant.parse("2024-01-26T00:00:01Z").plusMillis(i)));
        }
        tree.append(entries.stream().map(LedgerEntry::encode).toList());
        var signed = new Checkpoint(origin, 5, tree.root(), List.of("time 2024-01-26T00:01:00.000Z")).sign(log);
        var cosigned = witness.cosign(signed, 1_767_225_600L);
        Path notes = RESOURCES.resolve("ledger/tree/SignedNoteFuzzTestInputs/aNoteIsReadAndVerifiedOrRefusedAsNoteException");
        write(notes, "checkpoint", withTrailer(signed.encode(), 0));
        write(notes, "cosigned-checkpoint", withTrailer(cosigned.encode(), 0));
        write(notes, "checkpoint-text-to-sign", withTrailer(signed.text(), 1));

        KeyPair receiver = FixedKeys.ed25519(3);
        String receiverOrigin = "concord.IR/identity--6b1c0b4e-3a8c-4a4e-9b53-5a0cfa9a6c11";
        String checkpoint = new Checkpoint(receiverOrigin, 5, tree.root(), List.of("time 2024-01-26T00:01:00.000Z"))
                .sign(NoteSigner.of(receiverOrigin, receiver)).encode();
        Path receipts = RESOURCES.resolve("ledger/ReceiptFuzzTestInputs/aReceiptVerifiesOrIsRefusedAsReceiptException");
        for (int i : new int[] {0, 3}) {
            LedgerEntry entry = entries.get(i);
            Receipt complete = new Receipt(PartyCode.of("IR"), receiverOrigin, SigningKey.of(receiver.getPublic()), PartyCode.of("PK"),
                    entry.object(), i, entry.recordedAt(), entry.leafHash(), Instant.parse("2024-01-26T00:02:00Z"), checkpoint,
                    tree.inclusionProof(i, 5), null, null).signedWith(message -> sign(receiver, message));
            write(receipts, "receipt-" + i, withTrailer(complete.toJson(), 0));
            write(receipts, "receipt-" + i + "-resigned", withTrailer(complete.toJson(), 1));
        }
        LedgerEntry entry = entries.get(4);
        Receipt promise = new Receipt(PartyCode.of("IR"), receiverOrigin, SigningKey.of(receiver.getPublic()), PartyCode.of("PK"),
                entry.object(), 4, entry.recordedAt(), entry.leafHash(), Instant.parse("2024-01-26T00:02:00Z"), null, List.of(),
                Instant.parse("2024-01-26T00:12:00Z"), null).signedWith(message -> sign(receiver, message));
        write(receipts, "promise", withTrailer(promise.toJson(), 0));

        // Regression inputs of what the fuzzer found (see docs/fuzzing.md).
        write(notes, "regression-cosignature-after-year-9999", withTrailer(witness.cosign(signed, Long.MAX_VALUE).encode(), 0));
        String badOrigin = "concord IR";
        LedgerEntry first = entries.get(0);
        Receipt noLogName = new Receipt(PartyCode.of("IR"), badOrigin, SigningKey.of(receiver.getPublic()), PartyCode.of("PK"),
                first.object(), 0, first.recordedAt(), first.leafHash(), Instant.parse("2024-01-26T00:02:00Z"), checkpoint,
                tree.inclusionProof(0, 5), null, null).signedWith(message -> sign(receiver, message));
        write(receipts, "regression-origin-is-no-log-name", withTrailer(noLogName.toJson(), 0));
    }

    static List<RequestMessage> requests() {
        PartyCode pk = PartyCode.of("PK");
        PartyCode ir = PartyCode.of("IR");
        Instant t0 = Instant.parse("2024-02-01T08:00:00.123Z");
        RequestForAction rfa = new RequestForAction(List.of(StixId.random("intrusion-set"), StixId.random("location")),
                List.of(EvidenceRef.of(StixId.random("report"), StixId.of(Tlp.AMBER.markingDefinitionId()))),
                RequestedAction.of(RequestedAction.Kind.DISMANTLE_HIDEOUT, "the compound"), Urgency.URGENT, "twenty armed men");
        RequestMessage.Request request = RequestMessage.Request.of(StixId.random(RequestStix.TYPE), pk, ir, t0, rfa);
        StixId c = request.id();
        java.util.function.Function<PartyCode, Envelope> next = sender -> Envelope.answer(StixId.random(RequestStix.TYPE), c,
                sender, t0.plusSeconds(60), c);
        return List.of(request,
                new RequestMessage.Acknowledge(next.apply(ir)),
                new RequestMessage.Accept(next.apply(ir), c, "we act"),
                new RequestMessage.Decline(next.apply(ir), DeclineReason.OTHER, "no"),
                new RequestMessage.CounterPropose(next.apply(ir), CounterProposal.of(CounterProposal.Kind.JOINT_OPERATION, "together")),
                new RequestMessage.Amend(next.apply(pk), rfa),
                new RequestMessage.ProgressUpdate(next.apply(ir), "in position"),
                new RequestMessage.Close(next.apply(ir), Outcome.ACTION_TAKEN, "done"),
                new RequestMessage.Escalate(next.apply(pk), EscalationLevel.SECURITY_CHIEFS, t0.plusSeconds(3600), "no answer"));
    }

    /** The text, then the byte a fuzz test's FuzzedDataProvider reads first (from the end) to pick its mode. */
    static byte[] withTrailer(String text, int mode) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(bytes, bytes.length + 1);
        input[bytes.length] = (byte) mode;
        return input;
    }

    static void write(Path dir, String name, byte[] content) throws Exception {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_")), content);
    }

    static byte[] sign(KeyPair keys, byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(keys.getPrivate());
            signature.update(message);
            return signature.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
