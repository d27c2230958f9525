package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The project's Ed25519 (BouncyCastle's arithmetic) gives what RFC 8032 and the JDK's provider give: the RFC's
 * vectors, and for random keys and messages the same signature bytes as the JDK, each verifying the other's.
 * Whatever is not a valid signature of the key on the message is false, never an exception.
 */
class Ed25519SignaturesTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032, section 7.1: TEST 1, 2 and 3 (seed, public key, message, signature). */
    private static final String[][] RFC_8032 = {
        {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
        {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    };

    /** The order of the base point, L = 2^252 + 27742317777372353535851937790883648493. */
    private static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

    @Test
    void theVectorsOfRfc8032() throws Exception {
        for (String[] vector : RFC_8032) {
            byte[] seed = HEX.parseHex(vector[0]);
            byte[] message = HEX.parseHex(vector[2]);
            var signer = Ed25519Signatures.signerFromSeed(seed);
            assertThat(HEX.formatHex(signer.publicKey())).isEqualTo(vector[1]);
            assertThat(HEX.formatHex(signer.sign(message))).isEqualTo(vector[3]);
            var jdkKey = KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            assertThat(HEX.formatHex(Ed25519Signatures.sign(jdkKey, message))).as("from the JDK's key").isEqualTo(vector[3]);
            assertThat(Ed25519Signatures.verify(HEX.parseHex(vector[1]), message, HEX.parseHex(vector[3]))).isTrue();
        }
    }

    @Test
    void theSameSignaturesAsTheJdkForRandomKeysAndMessagesEachVerifyingTheOthers() throws Exception {
        Random random = new Random(20261207);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        for (int i = 0; i < 50; i++) {
            KeyPair pair = generator.generateKeyPair();
            byte[] message = new byte[random.nextInt(600)];
            random.nextBytes(message);
            Signature jdk = Signature.getInstance("Ed25519");
            jdk.initSign(pair.getPrivate());
            jdk.update(message);
            byte[] theirs = jdk.sign();
            byte[] ours = Ed25519Signatures.signer(pair.getPrivate()).sign(message);
            assertThat(ours).isEqualTo(theirs);
            assertThat(Ed25519Signatures.verify(pair.getPublic(), message, theirs)).isTrue();
            jdk.initVerify(pair.getPublic());
            jdk.update(message);
            assertThat(jdk.verify(ours)).isTrue();
        }
    }

    @Test
    void aChangedMessageSignatureOrKeyOrAnyMalformedInputIsFalseNotAnError() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] message = "receipt of entry 42".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] signature = Ed25519Signatures.sign(pair.getPrivate(), message);
        assertThat(Ed25519Signatures.verify(pair.getPublic(), message, signature)).isTrue();

        byte[] changed = message.clone();
        changed[0] ^= 1;
        assertThat(Ed25519Signatures.verify(pair.getPublic(), changed, signature)).as("another message").isFalse();
        for (int bit : new int[] {0, 100, 255, 256, 400, 511}) {
            byte[] flipped = signature.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Ed25519Signatures.verify(pair.getPublic(), message, flipped)).as("bit %d flipped", bit).isFalse();
        }
        assertThat(Ed25519Signatures.verify(other.getPublic(), message, signature)).as("another key").isFalse();
        assertThat(Ed25519Signatures.verify(pair.getPublic(), message, java.util.Arrays.copyOf(signature, 63))).isFalse();
        assertThat(Ed25519Signatures.verify(pair.getPublic(), message, java.util.Arrays.copyOf(signature, 65))).isFalse();
        assertThat(Ed25519Signatures.verify(pair.getPublic(), message, null)).isFalse();
        assertThat(Ed25519Signatures.verify(new byte[31], message, signature)).isFalse();
        byte[] notAPoint = HEX.parseHex("0200000000000000000000000000000000000000000000000000000000000000");
        assertThat(Ed25519Signatures.verify(notAPoint, message, signature)).as("no point of the curve").isFalse();
        assertThat(Ed25519Signatures.verify(KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic(), message, signature))
                .as("an EC key").isFalse();

        // S + L is the same scalar written non-canonically: RFC 8032 (and the JDK) refuse S >= L
        byte[] s = java.util.Arrays.copyOfRange(signature, 32, 64);
        BigInteger sPlusL = new BigInteger(1, reverse(s)).add(L);
        byte[] malleated = signature.clone();
        byte[] encoded = reverse(toFixed(sPlusL, 32));
        System.arraycopy(encoded, 0, malleated, 32, 32);
        assertThat(Ed25519Signatures.verify(pair.getPublic(), message, malleated)).as("S + L").isFalse();
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(pair.getPublic());
        jdk.update(message);
        boolean jdkAccepts;
        try {
            jdkAccepts = jdk.verify(malleated);
        } catch (java.security.SignatureException refused) {
            jdkAccepts = false;
        }
        assertThat(jdkAccepts).as("the JDK agrees").isFalse();
    }

    @Test
    void aKeyOfAnotherKindIsRefusedWhenSigning() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThatThrownBy(() -> Ed25519Signatures.signer(ec.getPrivate())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an Ed25519 private key");
        assertThatThrownBy(() -> Ed25519Signatures.signerFromSeed(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    private static byte[] reverse(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    private static byte[] toFixed(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, out, size - copy, copy);
        return out;
    }
}
