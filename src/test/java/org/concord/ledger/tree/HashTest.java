package org.concord.ledger.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A hash is exactly 32 bytes, immutable, and reads and writes hex and base64. */
class HashTest {

    private static final String EMPTY_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void only_32_bytes_make_a_hash() {
        assertThatThrownBy(() -> new Hash(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hash(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hash.ofHex("abcd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hash.ofBase64("AAAA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_hash_cannot_be_changed_from_outside() {
        byte[] bytes = new byte[32];
        Hash hash = new Hash(bytes);
        bytes[0] = 1;
        hash.bytes()[1] = 1;
        assertThat(hash).isEqualTo(new Hash(new byte[32]));
    }

    @Test
    void hex_and_base64_round_trip() {
        Hash empty = Hash.ofHex(EMPTY_HEX);
        assertThat(empty.hex()).isEqualTo(EMPTY_HEX);
        assertThat(empty.base64()).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(Hash.ofBase64(empty.base64())).isEqualTo(empty);
        assertThat(empty.shortHex()).isEqualTo("e3b0c442");
        assertThat(empty).hasToString(EMPTY_HEX);
        assertThat(Hash.ofHex(EMPTY_HEX.toUpperCase())).isEqualTo(empty);
    }

    @Test
    void base64_without_padding_is_not_canonical() {
        assertThatThrownBy(() -> Hash.ofBase64("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equal_hashes_are_equal_and_hash_alike() {
        Hash a = Rfc9162Hasher.leaf(new byte[] {1});
        Hash b = Rfc9162Hasher.leaf(new byte[] {1});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(Rfc9162Hasher.leaf(new byte[] {2}));
    }
}
