package org.concord.ledger.tree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Shared test data: the RFC 6962 test leaves, generated entries, and bit-flipping. */
final class TreeFixtures {

    private TreeFixtures() {
    }

    /**
     * The eight leaf inputs of the RFC 6962 test tree, as published in
     * transparency-dev/merkle {@code testonly/constants.go} ({@code LeafInputs}), the same
     * tree as in google/certificate-transparency's C++ merkle tree tests.
     */
    static List<byte[]> rfc6962LeafInputs() {
        HexFormat hex = HexFormat.of();
        return List.of(hex.parseHex(""), hex.parseHex("00"), hex.parseHex("10"), hex.parseHex("2021"),
                hex.parseHex("3031"), hex.parseHex("40414243"), hex.parseHex("5051525354555657"),
                hex.parseHex("606162636465666768696a6b6c6d6e6f"));
    }

    /** {@code count} distinct entries "entry 0", "entry 1", ... */
    static List<byte[]> anyEntries(int count) {
        List<byte[]> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        return entries;
    }

    static MerkleLog logOf(List<byte[]> entries) {
        MerkleLog log = new MerkleLog(new InMemoryTreeStore());
        log.append(entries);
        return log;
    }

    static Hash flipBit(Hash hash, int bit) {
        byte[] bytes = hash.bytes();
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        return new Hash(bytes);
    }

    static List<Hash> flipBit(List<Hash> proof, int element, int bit) {
        List<Hash> copy = new ArrayList<>(proof);
        copy.set(element, flipBit(proof.get(element), bit));
        return copy;
    }

    static List<Hash> hashes(String... hex) {
        List<Hash> hashes = new ArrayList<>();
        for (String h : hex) {
            hashes.add(Hash.ofHex(h));
        }
        return hashes;
    }
}
