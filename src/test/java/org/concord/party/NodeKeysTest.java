package org.concord.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.time.Clock;

import org.concord.node.NodeSettings;
import org.concord.party.keys.FileNodeIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's keys: created once, owner-only, kept across restarts, never silently replaced. */
class NodeKeysTest {

    @TempDir
    Path dataDir;

    NodeSettings settings(String code) {
        return new NodeSettings(new NodeSettings.PartySettings(code, "A party"), URI.create("https://localhost:8441"), dataDir, null);
    }

    @Test
    void theFirstStartCreatesKeyFilesReadableByTheOwnerOnly() throws Exception {
        FileNodeIdentity.loadOrCreate(settings("PK"), Clock.systemUTC());
        Path keys = dataDir.resolve("keys");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        for (String file : new String[] {"tls.key", "tls.crt", "signing.key", "identity.json"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        assertThat(Files.readString(keys.resolve("tls.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void aNodeStartedTwiceKeepsItsKeys() {
        NodeIdentity first = FileNodeIdentity.loadOrCreate(settings("PK"), Clock.systemUTC());
        NodeIdentity second = FileNodeIdentity.loadOrCreate(settings("PK"), Clock.systemUTC());
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(second.signingKey()).isEqualTo(first.signingKey());
        assertThat(second.stixIdentityId()).isEqualTo(first.stixIdentityId());
    }

    @Test
    void signaturesVerifyWithThePublishedSigningKey() throws Exception {
        NodeIdentity node = FileNodeIdentity.loadOrCreate(settings("PK"), Clock.systemUTC());
        byte[] message = "checkpoint".getBytes();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(node.signingKey().publicKey());
        verifier.update(message);
        assertThat(verifier.verify(node.sign(message))).isTrue();
    }

    @Test
    void theCertificateServesBothAsServerAndAsClientForLocalhost() throws Exception {
        NodeIdentity node = FileNodeIdentity.loadOrCreate(settings("PK"), Clock.systemUTC());
        assertThat(node.certificate().getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(node.certificate().getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList()).contains("localhost", "127.0.0.1");
        assertThat(node.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void anIncompleteSetOfKeysIsRefusedNotReplaced() throws Exception {
        NodeIdentity first = FileNodeIdentity.loadOrCreate(settings("PK"), Clock.systemUTC());
        Files.delete(dataDir.resolve("keys/signing.key"));
        assertThatThrownBy(() -> FileNodeIdentity.loadOrCreate(settings("PK"), Clock.systemUTC()))
                .hasMessageContaining("incomplete key material").hasMessageContaining("signing.key");
        assertThat(Files.exists(dataDir.resolve("keys/signing.key"))).isFalse();
        assertThat(PairingRecord.fingerprintOf(PairingRecord.certificate(Files.readString(dataDir.resolve("keys/tls.crt")))))
                .isEqualTo(first.fingerprint());
    }

    @Test
    void anotherPartysKeysAreRefused() {
        FileNodeIdentity.loadOrCreate(settings("PK"), Clock.systemUTC());
        assertThatThrownBy(() -> FileNodeIdentity.loadOrCreate(settings("IR"), Clock.systemUTC()))
                .hasMessageContaining("belong to party PK");
    }

    /** The party code is in Concord's property extension; identities written before issue 10 carry x_concord_party, still read. */
    @Test
    void theIdentityNamesItsPartyInThePropertyExtensionAndAnOldIdentityIsStillRead() throws Exception {
        NodeIdentity node = FileNodeIdentity.loadOrCreate(settings("PK"), Clock.systemUTC());
        var identity = (tools.jackson.databind.node.ObjectNode) tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(node.stixIdentity());
        assertThat(identity.has(ConcordProperties.LEGACY_PARTY)).isFalse();
        assertThat(identity.path("extensions").path(ConcordProperties.EXTENSION_ID).path("party").asString()).isEqualTo("PK");

        identity.remove("extensions");
        identity.put(ConcordProperties.LEGACY_PARTY, "PK");
        Files.writeString(dataDir.resolve("keys/identity.json"), identity.toString());
        assertThat(FileNodeIdentity.loadOrCreate(settings("PK"), Clock.systemUTC()).stixIdentityId()).isEqualTo(node.stixIdentityId());
        assertThatThrownBy(() -> FileNodeIdentity.loadOrCreate(settings("IR"), Clock.systemUTC()))
                .hasMessageContaining("belong to party PK");
    }
}
