package org.concord.screening.psi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.goterl.lazysodium.Sodium;
import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.utils.LibraryLoader;

/**
 * Which X25519 scalar multiplication the blinding uses: libsodium's {@code crypto_scalarmult} (native code,
 * the binary that lazysodium-java ships for Linux, macOS and Windows, called over JNA), about 1.6 times as
 * fast as this project's Java ladder on the machines measured, or {@link Ladder25519} where the library does
 * not load. Both are RFC 7748's X25519 with the same bytes for every input (clamped scalar, bit 255 of
 * {@code u} ignored, a non-canonical {@code u} read as it is); for an input of small order libsodium reports
 * an error instead of a product, which is read as the all-zero product the ladder gives, so the wire protocol
 * and the refusal of low-order values do not depend on the choice.
 *
 * <p>The choice is made once a JVM, on first use, and logged. The system property {@value #PROPERTY} sets it:
 * {@code auto} (the default: libsodium if it loads and passes a self-test of RFC 7748's vectors, else the
 * Java ladder with a warning), {@code java} (the ladder always) or {@code libsodium} (libsodium, and an error
 * if it cannot be used).
 */
final class X25519Multipliers {

    /** The system property that chooses the implementation. */
    static final String PROPERTY = "concord.psi.x25519";

    private static final Logger LOG = LoggerFactory.getLogger(X25519Multipliers.class);
    private static final HexFormat HEX = HexFormat.of();

    /** X25519 on each of many u-coordinates with one scalar; the product of a small-order input is all zero. */
    interface Multiplier {
        /** Which implementation: {@code java} or {@code libsodium}. */
        String name();

        /** {@code X25519(k, u)} for each {@code u}, in order: 32 bytes each. */
        byte[][] scalarMultAll(byte[] k, byte[][] us);

        /** {@code X25519(k, u)}. */
        default byte[] scalarMult(byte[] k, byte[] u) {
            return scalarMultAll(k, new byte[][] {u})[0];
        }
    }

    /** This project's ladder ({@link Ladder25519#scalarMultAll}: one field inversion a batch). */
    static final Multiplier JAVA = new Multiplier() {
        @Override
        public String name() {
            return "java";
        }

        @Override
        public byte[][] scalarMultAll(byte[] k, byte[][] us) {
            return Ladder25519.scalarMultAll(k, us);
        }
    };

    private X25519Multipliers() {
    }

    /** The implementation of this JVM, chosen on first use by {@value #PROPERTY}. */
    static Multiplier chosen() {
        return Chosen.INSTANCE;
    }

    private static final class Chosen {
        static final Multiplier INSTANCE = choose(System.getProperty(PROPERTY), X25519Multipliers::bundledSodium);
    }

    /**
     * libsodium as shipped inside lazysodium-java's jar (not a system copy: the version tested is the one used),
     * copied to a file of a fresh private temporary directory and loaded from there. (lazysodium's own loader
     * cannot read it from inside the application's jar, where lazysodium's jar is nested; a resource stream can.)
     *
     * @throws IllegalStateException if lazysodium ships no binary for this platform, or it cannot be copied
     */
    static Sodium bundledSodium() {
        String resource = LibraryLoader.getSodiumPathInResources();
        try (InputStream in = SodiumJava.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("lazysodium-java has no libsodium binary at " + resource + " for this platform");
            }
            Path dir = Files.createTempDirectory("concord-libsodium");
            dir.toFile().deleteOnExit(); // deleted in the reverse order: the file, then the directory
            Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            file.toFile().deleteOnExit();
            Files.copy(in, file);
            return new SodiumJava(file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new IllegalStateException("libsodium could not be copied out of lazysodium-java's jar: " + e.getMessage(), e);
        }
    }

    /**
     * The implementation named by {@code setting} ({@code null} or blank is {@code auto}), libsodium loaded by
     * {@code loader}.
     *
     * @throws IllegalArgumentException if the setting is none of {@code auto}, {@code java}, {@code libsodium}
     * @throws IllegalStateException if it is {@code libsodium} and libsodium cannot be loaded or fails its self-test
     */
    static Multiplier choose(String setting, Supplier<? extends Sodium> loader) {
        String value = setting == null || setting.isBlank() ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "java":
                LOG.info("PSI: X25519 by this project's Java ladder ({}=java)", PROPERTY);
                return JAVA;
            case "auto":
            case "libsodium":
                break;
            default:
                throw new IllegalArgumentException(PROPERTY + " must be auto, java or libsodium, not '" + setting + "'");
        }
        Multiplier sodium;
        try {
            sodium = selfTested(new SodiumMultiplier(loader.get()));
        } catch (RuntimeException | LinkageError e) {
            if (value.equals("libsodium")) {
                throw new IllegalStateException(PROPERTY + "=libsodium, but libsodium cannot be used here: " + e, e);
            }
            LOG.warn("PSI: libsodium's X25519 cannot be used on this platform ({} {}: {}); using this project's Java ladder, "
                    + "about 1.6 times slower", System.getProperty("os.name"), System.getProperty("os.arch"), e.toString());
            return JAVA;
        }
        LOG.info("PSI: X25519 by libsodium (bundled with lazysodium-java, {} {})", System.getProperty("os.name"),
                System.getProperty("os.arch"));
        return sodium;
    }

    /**
     * {@code candidate} if it gives RFC 7748's vectors (section 5.2; the second has bit 255 of {@code u} set),
     * the all-zero product for a point of small order, and the ladder's bytes for a non-canonical {@code u}.
     *
     * @throws IllegalStateException naming the first input it got wrong
     */
    static Multiplier selfTested(Multiplier candidate) {
        String[][] cases = {
            {"a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
                "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"},
            {"4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
                "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"},
            {"a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800", // order 8
                "0000000000000000000000000000000000000000000000000000000000000000"},
            {"a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                "f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p + 3, not canonical
                null},
        };
        for (String[] c : cases) {
            byte[] k = HEX.parseHex(c[0]);
            byte[] u = HEX.parseHex(c[1]);
            byte[] expected = c[2] != null ? HEX.parseHex(c[2]) : JAVA.scalarMult(k, u);
            byte[] got = candidate.scalarMult(k, u);
            if (!Arrays.equals(got, expected)) {
                throw new IllegalStateException(candidate.name() + " gives " + HEX.formatHex(got) + " for u = " + c[1]
                        + ", not " + HEX.formatHex(expected));
            }
        }
        return candidate;
    }

    /** libsodium's {@code crypto_scalarmult} (X25519); thread-safe, it keeps no state. */
    static final class SodiumMultiplier implements Multiplier {
        private final Sodium sodium;

        SodiumMultiplier(Sodium sodium) {
            if (sodium.sodium_init() < 0) {
                throw new IllegalStateException("sodium_init failed");
            }
            this.sodium = sodium;
        }

        @Override
        public String name() {
            return "libsodium";
        }

        @Override
        public byte[][] scalarMultAll(byte[] k, byte[][] us) {
            if (k.length != Ladder25519.SIZE) { // native code reads 32 bytes whatever the array holds
                throw new IllegalArgumentException("a scalar is " + Ladder25519.SIZE + " bytes, not " + k.length);
            }
            byte[][] out = new byte[us.length][];
            for (int i = 0; i < us.length; i++) {
                byte[] r = new byte[Ladder25519.SIZE];
                if (us[i].length != Ladder25519.SIZE) {
                    throw new IllegalArgumentException("a u-coordinate is " + Ladder25519.SIZE + " bytes, not " + us[i].length);
                }
                // -1: an input of small order (libsodium refuses it, or its product is zero): the ladder's zero
                if (sodium.crypto_scalarmult(r, k, us[i]) != 0) {
                    Arrays.fill(r, (byte) 0);
                }
                out[i] = r;
            }
            return out;
        }
    }
}
