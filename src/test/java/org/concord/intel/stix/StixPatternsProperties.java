package org.concord.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.networknt.schema.regex.JDKRegularExpressionFactory;
import com.networknt.schema.regex.RegularExpression;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;

/**
 * {@link StixPatterns} reads the schemas' hot patterns by hand (issue 13); the JDK engine, as the schema
 * library runs it ({@code find()}, {@code $} as the end of input), is the reference. Every pattern of the
 * schemas that is read by hand must give the engine's answer on: the examples that match it, every one
 * of them with each character replaced, removed or doubled and with characters from a small alphabet
 * inserted anywhere, lengths around the limits, and arbitrary text.
 */
class StixPatternsProperties {

    /** Every pattern (and pattern-property name) of the schemas this node compiles: the OASIS ones and Concord's extensions. */
    static final List<String> SCHEMA_PATTERNS = schemaPatterns();

    /** The patterns of the schemas that {@link StixPatterns} reads by hand. */
    static final List<String> BY_HAND = SCHEMA_PATTERNS.stream().filter(p -> StixPatterns.byHand(p) != null).toList();

    private static final String UUID_V4 = "6f2a9d4e-5b1c-4c43-9d2e-1a7c3e0b8f01";

    /** Values that match the patterns read by hand, and values just beside them. */
    private static final List<String> SEEDS = seeds();

    private static final String ALPHABET = "az09_-.:TZ AZ/\n\r\u2028é";

    @Example
    void theHotPatternsAreReadByHand() {
        // The ones every object meets: if a schema file changed its spelling, the hand reader would quietly go unused.
        assertThat(BY_HAND).containsAll(StixPatterns.BY_HAND.keySet());
        assertThat(BY_HAND).contains("^indicator--", "^relationship--", "^marking-definition--", "^SHA-256$");
    }

    @Example
    void everySeedAndEverySingleEditOfItIsAnsweredAsTheEngineAnswers() {
        long compared = 0;
        for (String pattern : BY_HAND) {
            Predicate<String> byHand = StixPatterns.byHand(pattern);
            RegularExpression engine = JDKRegularExpressionFactory.getInstance().getRegularExpression(pattern);
            List<String> seeds = new ArrayList<>(SEEDS);
            seeds.add(pattern.replace("^", "").replace("$", ""));
            for (String seed : seeds) {
                for (String text : edits(seed)) {
                    assertThat(byHand.test(text)).as("%s on %s", pattern, show(text)).isEqualTo(engine.matches(text));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(100_000);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> near = Arbitraries.of(SEEDS).flatMap(seed -> Arbitraries.integers().between(0, 3).flatMap(n ->
                mutated(seed, n)));
        Arbitrary<String> anyText = Arbitraries.strings().ofMaxLength(300);
        Arbitrary<String> ofTheAlphabet = Arbitraries.strings().withChars(ALPHABET + "bcdefhinx123456789[]")
                .ofMinLength(0).ofMaxLength(260);
        return Arbitraries.oneOf(near, near, anyText, ofTheAlphabet);
    }

    private static Arbitrary<String> mutated(String seed, int edits) {
        Arbitrary<String> text = Arbitraries.just(seed);
        for (int e = 0; e < edits; e++) {
            text = text.flatMap(t -> Combinators.combine(Arbitraries.integers().between(0, t.length()),
                    Arbitraries.chars().with(ALPHABET.toCharArray()), Arbitraries.integers().between(0, 2))
                    .as((at, c, kind) -> switch (kind) {
                        case 0 -> t.substring(0, at) + c + t.substring(at);
                        case 1 -> at < t.length() ? t.substring(0, at) + c + t.substring(at + 1) : t + c;
                        default -> at < t.length() ? t.substring(0, at) + t.substring(at + 1) : t;
                    }));
        }
        return text;
    }

    @Property(tries = 3000)
    void anyTextIsAnsweredAsTheEngineAnswersForEveryPatternReadByHand(@ForAll("texts") String text) {
        for (String pattern : BY_HAND) {
            boolean engine = JDKRegularExpressionFactory.getInstance().getRegularExpression(pattern).matches(text);
            assertThat(StixPatterns.byHand(pattern).test(text)).as("%s on %s", pattern, show(text)).isEqualTo(engine);
        }
    }

    @Example
    void theLengthLimitsAreTheEngines() {
        for (String pattern : BY_HAND) {
            Predicate<String> byHand = StixPatterns.byHand(pattern);
            RegularExpression engine = JDKRegularExpressionFactory.getInstance().getRegularExpression(pattern);
            for (int n = 0; n <= 260; n++) {
                for (String text : List.of("a".repeat(n), "a".repeat(n) + "_bin", "a".repeat(n) + "_hex", "a_".repeat(n / 2) + "x",
                        "A".repeat(n), "a-".repeat(n / 2) + "ext", "2024-01-16T18:00:00." + "1".repeat(n) + "Z")) {
                    assertThat(byHand.test(text)).as("%s on %s", pattern, text).isEqualTo(engine.matches(text));
                }
            }
        }
    }

    /** A pattern that is not read by hand is the engine's, as before. */
    @Example
    void theOtherPatternsAreLeftToTheEngine() {
        assertThat(StixPatterns.byHand("^[A-Z]{2}$")).isNull();
        assertThat(StixPatterns.byHand("^(statement)|(tlp)$")).isNull();
        assertThat(StixPatterns.byHand("^.*$")).isNull();
        assertThat(StixPatterns.INSTANCE.getRegularExpression("^[A-Z]{2}$").matches("PK")).isTrue();
        assertThat(StixPatterns.INSTANCE.getRegularExpression("^[A-Z]{2}$").matches("PK\n")).isFalse();
        assertThat(SCHEMA_PATTERNS.size()).isGreaterThan(BY_HAND.size());
    }

    /** The seed itself, each character replaced by each of the alphabet, removed, doubled; the alphabet inserted everywhere. */
    private static List<String> edits(String seed) {
        List<String> out = new ArrayList<>();
        out.add(seed);
        out.add(seed + "\n");
        out.add(seed.toUpperCase(java.util.Locale.ROOT));
        for (int at = 0; at <= seed.length(); at++) {
            String before = seed.substring(0, at);
            String after = seed.substring(at);
            for (int k = 0; k < ALPHABET.length(); k++) {
                out.add(before + ALPHABET.charAt(k) + after);
                if (at < seed.length()) {
                    out.add(before + ALPHABET.charAt(k) + seed.substring(at + 1));
                }
            }
            if (at < seed.length()) {
                out.add(before + seed.substring(at + 1));
                out.add(before + seed.charAt(at) + after);
            }
        }
        return out;
    }

    private static List<String> seeds() {
        List<String> seeds = new ArrayList<>(List.of(
                "", "a", "id", "xid", "ab", "abc", "name", "x_mitre_id", "x_acme_payload_bin", "a_bin", "_bin", "ab_hex", "x_key_hex",
                "intrusion-set", "x-mitre-tactic", "a-", "a--b", "ab1", "x-acme-ext", "a-ext", "-ext", "archive-ext", "x--ext",
                "indicator--" + UUID_V4, "x-mitre-tactic--" + UUID_V4, "extension-definition--" + UUID_V4,
                "extension-definition--" + UUID_V4.toUpperCase(java.util.Locale.ROOT), "ab--" + UUID_V4,
                "2024-01-16T18:00:00.000Z", "2024-01-16T18:00:00Z", "2016-12-31T23:59:60.5Z", "1999-10-09T09:09:09.0Z",
                "relationship--x", "sighting--" + UUID_V4, "bundle--a", "language-content--b", "marking-definition--c",
                "uses", "related-to", "key_1-A", "MD5", "SHA-256", "cve", "tlp", "statement"));
        return List.copyOf(seeds);
    }

    private static String show(String text) {
        return text.replace("\n", "\\n").replace("\r", "\\r").replace("\u2028", "\\u2028");
    }

    private static List<String> schemaPatterns() {
        TreeSet<String> patterns = new TreeSet<>();
        for (Path root : List.of(Path.of("src/main/resources/stix"), Path.of("docs/extensions"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    collect(StixFixtures.JSON.readTree(Files.readString(file)), patterns);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(patterns).as("the schemas' patterns").hasSizeGreaterThan(50);
        return List.copyOf(patterns);
    }

    private static void collect(JsonNode node, TreeSet<String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (property.getKey().equals("pattern") && property.getValue().isString()) {
                    into.add(property.getValue().stringValue());
                } else if (property.getKey().equals("patternProperties") && property.getValue().isObject()) {
                    property.getValue().propertyNames().forEach(into::add);
                }
                collect(property.getValue(), into);
            }
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, into));
        }
    }
}
