package org.concord.screening.psi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.goterl.lazysodium.SodiumJava;

/**
 * The choice of X25519 implementation ({@link X25519Multipliers}): libsodium where it loads, the Java ladder
 * with a warning where it does not, and libsodium's bytes equal to RFC 7748's. {@code X25519MultipliersProperties}
 * compares libsodium's with the ladder's on random and hostile inputs.
 */
class X25519MultipliersTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The platforms whose binary lazysodium-java ships and this project is built and tested on. */
    @Test
    void libsodiumIsWhatThisJvmUsesOnLinuxX86() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")) && System.getProperty(X25519Multipliers.PROPERTY) == null) {
            assertThat(X25519Multipliers.chosen().name()).isEqualTo("libsodium");
        }
        assertThat(X25519Multipliers.choose("libsodium", X25519Multipliers::bundledSodium).name()).isEqualTo("libsodium");
    }

    @ParameterizedTest
    @CsvSource({
        "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4, e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c, c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
        "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d, e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493, 95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957",
    })
    void libsodiumGivesTheSingleVectorsOfRfc7748Section52(String scalar, String u, String out) {
        X25519Multipliers.Multiplier sodium = X25519Multipliers.choose("libsodium", X25519Multipliers::bundledSodium);
        assertThat(HEX.formatHex(sodium.scalarMult(HEX.parseHex(scalar), HEX.parseHex(u)))).isEqualTo(out);
    }

    @Test
    void libsodiumGivesTheIteratedVectorOfRfc7748Section52After1And1000Iterations() {
        X25519Multipliers.Multiplier sodium = X25519Multipliers.choose("libsodium", X25519Multipliers::bundledSodium);
        byte[] k = new byte[32];
        k[0] = 9;
        byte[] u = k.clone();
        for (int i = 1; i <= 1000; i++) {
            byte[] r = sodium.scalarMult(k, u);
            u = k;
            k = r;
            if (i == 1) {
                assertThat(HEX.formatHex(k)).isEqualTo("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
            }
        }
        assertThat(HEX.formatHex(k)).isEqualTo("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
    }

    /** RFC 7748 section 6.1: Alice's and Bob's public keys and their shared secret. */
    @Test
    void libsodiumGivesTheDiffieHellmanExampleOfRfc7748Section61() {
        X25519Multipliers.Multiplier sodium = X25519Multipliers.choose("libsodium", X25519Multipliers::bundledSodium);
        byte[] nine = new byte[32];
        nine[0] = 9;
        byte[] alice = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] bob = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        byte[] alicePublic = sodium.scalarMult(alice, nine);
        byte[] bobPublic = sodium.scalarMult(bob, nine);
        assertThat(HEX.formatHex(alicePublic)).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        assertThat(HEX.formatHex(bobPublic)).isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        assertThat(HEX.formatHex(sodium.scalarMult(alice, bobPublic)))
                .isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
                .isEqualTo(HEX.formatHex(sodium.scalarMult(bob, alicePublic)));
    }

    /** Where the library does not load (here: a path with no library, as on a platform lazysodium has no binary for). */
    @Test
    void whereLibsodiumDoesNotLoadTheJavaLadderIsChosen() {
        X25519Multipliers.Multiplier chosen = X25519Multipliers.choose("auto",
                () -> new SodiumJava("/nonexistent/concord-test/libsodium.so"));
        assertThat(chosen.name()).isEqualTo("java");
        assertThat(chosen).isSameAs(X25519Multipliers.JAVA);
        // and the ladder is a working X25519
        assertThat(HEX.formatHex(chosen.scalarMult(
                HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"))))
                .isEqualTo("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
        // libsodium loaded again afterwards still works: the failed load changed nothing
        assertThat(X25519Multipliers.choose("auto", X25519Multipliers::bundledSodium).name()).isEqualTo("libsodium");
    }

    @Test
    void whenLibsodiumIsRequiredButDoesNotLoadTheNodeSaysSo() {
        assertThatThrownBy(() -> X25519Multipliers.choose("libsodium", () -> new SodiumJava("/nonexistent/concord-test/libsodium.so")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("concord.psi.x25519=libsodium, but libsodium cannot be used here");
    }

    /** An implementation that gives other bytes than RFC 7748's is not used: the self-test refuses it. */
    @Test
    void anImplementationGivingWrongBytesFailsTheSelfTest() {
        X25519Multipliers.Multiplier wrong = new X25519Multipliers.Multiplier() {
            @Override
            public String name() {
                return "wrong";
            }

            @Override
            public byte[][] scalarMultAll(byte[] k, byte[][] us) {
                byte[][] out = Ladder25519.scalarMultAll(k, us);
                for (byte[] o : out) {
                    o[0] ^= 1;
                }
                return out;
            }
        };
        assertThatThrownBy(() -> X25519Multipliers.selfTested(wrong))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong gives")
                .hasMessageContaining("for u = e6db6867");
        assertThat(X25519Multipliers.selfTested(X25519Multipliers.JAVA)).isSameAs(X25519Multipliers.JAVA);
    }

    @Test
    void theSettingChoosesAndAWrongOneIsNamed() {
        assertThat(X25519Multipliers.choose("java", X25519Multipliers::bundledSodium)).isSameAs(X25519Multipliers.JAVA);
        assertThat(X25519Multipliers.choose(" Java ", X25519Multipliers::bundledSodium)).isSameAs(X25519Multipliers.JAVA);
        assertThat(X25519Multipliers.choose(null, X25519Multipliers::bundledSodium).name()).isEqualTo("libsodium");
        assertThatThrownBy(() -> X25519Multipliers.choose("openssl", X25519Multipliers::bundledSodium))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concord.psi.x25519 must be auto, java or libsodium, not 'openssl'");
    }

    @Test
    void libsodiumRefusesAScalarOrCoordinateOfAnotherLength() {
        X25519Multipliers.Multiplier sodium = X25519Multipliers.choose("libsodium", X25519Multipliers::bundledSodium);
        assertThatThrownBy(() -> sodium.scalarMult(new byte[31], new byte[32]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a scalar is 32 bytes, not 31");
        assertThatThrownBy(() -> sodium.scalarMult(new byte[32], new byte[33]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a u-coordinate is 32 bytes, not 33");
    }
}
