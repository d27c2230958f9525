package org.concord.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link StixRules#instantOfText(String)} reads STIX timestamps by hand (issue 13: the pattern and
 * {@code Instant.parse} were a twelfth of the node's CPU in TAXII ingest); the pattern followed by
 * {@code Instant.parse}, as before, is the reference: the same instant, or null for both, on timestamps
 * with every field in and out of range, fractions of 0 to 12 digits, and the text around them spoiled.
 */
class StixTimestampsProperties {

    @Provide
    Arbitrary<String> timestamps() {
        Arbitrary<String> two = Arbitraries.integers().between(0, 99).map(i -> String.format("%02d", i));
        Arbitrary<String> year = Arbitraries.oneOf(Arbitraries.integers().between(0, 9999).map(i -> String.format("%04d", i)),
                Arbitraries.of("2024", "2023", "2000", "1900", "0000", "9999"));
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(12).map(d -> d.isEmpty() ? "" : "." + d);
        Arbitrary<String> wellShaped = Combinators.combine(year, two, two, two, two, two, fraction)
                .as((y, mo, d, h, mi, s, f) -> y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + s + f + "Z");
        Arbitrary<String> plausible = Combinators.combine(year, Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 31),
                Arbitraries.integers().between(0, 24), Arbitraries.integers().between(0, 59), Arbitraries.integers().between(0, 60), fraction)
                .as((y, mo, d, h, mi, s, f) -> String.format("%s-%02d-%02dT%02d:%02d:%02d%sZ", y, mo, d, h, mi, s, f));
        Arbitrary<String> spoiled = plausible.flatMap(t -> Combinators.combine(Arbitraries.integers().between(0, t.length()),
                Arbitraries.chars().with("0123456789-:.TZtz+ \n".toCharArray()), Arbitraries.integers().between(0, 2))
                .as((at, c, kind) -> switch (kind) {
                    case 0 -> t.substring(0, at) + c + t.substring(at);
                    case 1 -> at < t.length() ? t.substring(0, at) + c + t.substring(at + 1) : t + c;
                    default -> at < t.length() ? t.substring(0, at) + t.substring(at + 1) : t;
                }));
        return Arbitraries.oneOf(wellShaped, plausible, plausible, spoiled, Arbitraries.strings().ofMaxLength(40));
    }

    @Property(tries = 20000)
    void aTimestampIsReadAsThePatternAndInstantParseReadIt(@ForAll("timestamps") String text) {
        assertThat(StixRules.instantOfText(text)).as(text).isEqualTo(StixRules.instantOrNullByParse(text));
    }

    @Example
    void theEdges() {
        for (String text : List.of("2024-01-16T18:00:00Z", "2024-01-16T18:00:00.000Z", "2024-01-16T24:00:00Z", "2024-01-16T24:00:00.000Z",
                "2024-01-16T24:00:00.001Z", "2024-12-31T24:00:00Z", "2016-12-31T23:59:60Z", "2016-12-31T23:59:60.5Z", "2016-12-31T23:58:60Z",
                "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "0000-02-29T00:00:00Z",
                "2024-02-31T18:00:00.000Z", "2024-00-10T00:00:00Z", "2024-13-10T00:00:00Z", "2024-01-00T00:00:00Z",
                "2024-01-16T18:00:00.123456789Z", "2024-01-16T18:00:00.1234567890Z", "2024-01-16T18:00:00.Z", "2024-01-16T18:00:00.000Z\n",
                "2024-01-16t18:00:00Z", "2024-01-16T18:00:00z", "2024-01-16T18:00:00+00:00", "9999-12-31T24:00:00Z", "")) {
            assertThat(StixRules.instantOfText(text)).as(text).isEqualTo(StixRules.instantOrNullByParse(text));
        }
        assertThat(StixRules.instantOfText("2024-01-16T24:00:00Z")).hasToString("2024-01-17T00:00:00Z");
        assertThat(StixRules.instantOfText("2016-12-31T23:59:60.5Z")).hasToString("2016-12-31T23:59:59.500Z");
    }
}
