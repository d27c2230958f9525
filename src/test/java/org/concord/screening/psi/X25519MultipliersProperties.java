package org.concord.screening.psi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * libsodium's X25519 against this project's ladder (itself checked against BouncyCastle's in
 * {@code Ladder25519Properties}) on the same inputs: random scalars, and u-coordinates random, non-canonical
 * (from p to 2^255 - 1), near p, of small order, and any of these with bit 255 set. The bytes must be the
 * same, the all-zero product of a small-order input included: they are what travels between nodes and what
 * the refusal of low-order values reads.
 */
class X25519MultipliersProperties {

    private static final X25519Multipliers.Multiplier SODIUM =
            X25519Multipliers.choose("libsodium", X25519Multipliers::bundledSodium);

    private final Ladder25519Properties inputs = new Ladder25519Properties();

    @Property(tries = 5000)
    void libsodiumGivesTheLaddersBytes(@ForAll("bytes32") byte[] k, @ForAll("coordinates") byte[] u) {
        byte[] kCopy = k.clone();
        byte[] uCopy = u.clone();
        assertThat(SODIUM.scalarMult(k, u)).isEqualTo(Ladder25519Test.x25519(k, u));
        assertThat(k).isEqualTo(kCopy); // the inputs are left as they were
        assertThat(u).isEqualTo(uCopy);
    }

    @Property(tries = 200)
    void aBatchGivesTheLaddersBatch(@ForAll("bytes32") byte[] k, @ForAll("batches") List<byte[]> us) {
        byte[][] all = us.toArray(new byte[0][]);
        assertThat(SODIUM.scalarMultAll(k, all)).isDeepEqualTo(Ladder25519.scalarMultAll(k, all));
    }

    @Provide
    Arbitrary<byte[]> bytes32() {
        return inputs.bytes32();
    }

    @Provide
    Arbitrary<byte[]> coordinates() {
        return inputs.coordinates();
    }

    @Provide
    Arbitrary<List<byte[]>> batches() {
        return inputs.batches();
    }
}
