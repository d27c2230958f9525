package org.concord.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link StixIds#typeOf} reads identifiers by hand (issue 13: the regular expression was an eighth of
 * ingest's CPU); the OASIS identifier pattern it replaced is the reference, and both must give the same
 * answer on well-formed ids, ids with one character changed, cut or added, and on arbitrary text.
 */
class StixIdsProperties {

    private static final String ALPHABET = "abcdefz0189-ABFGxX_ .\n";

    @Provide
    Arbitrary<String> nearIds() {
        Arbitrary<String> types = Arbitraries.strings().withChars("abz09-").ofMinLength(0).ofMaxLength(12)
                .map(t -> "intrusion-set".substring(0, Math.min(13, t.length())) + t);
        Arbitrary<String> wellFormed = types.map(t -> t + "--" + UUID.randomUUID());
        return wellFormed.flatMap(id -> Arbitraries.integers().between(0, id.length() - 1).flatMap(at ->
                Arbitraries.of(ALPHABET.chars().mapToObj(c -> String.valueOf((char) c)).toList()).flatMap(c ->
                        Arbitraries.of(id, id.substring(0, at) + c + id.substring(at + 1), id.substring(0, at) + id.substring(at + 1),
                                id.substring(0, at) + c + id.substring(at), id + c, c + id, id.toUpperCase()))));
    }

    @Property(tries = 5000)
    void aNearIdHasTheTypeThePatternGives(@ForAll("nearIds") String id) {
        assertThat(StixIds.typeOf(id)).as(id).isEqualTo(StixIds.typeOfByPattern(id));
    }

    @Property(tries = 2000)
    void anyTextHasTheTypeThePatternGives(@ForAll String text) {
        assertThat(StixIds.typeOf(text)).isEqualTo(StixIds.typeOfByPattern(text));
    }

    @Example
    void theEdgesOfTheGrammar() {
        String uuid = "6f2a9d4e-5b1c-4c43-9d2e-1a7c3e0b8f01";
        for (String id : new String[] {"ab--" + uuid, "abc--" + uuid, "a-c--" + uuid, "ab---" + uuid, "a--b--" + uuid, "abc-" + uuid,
            "abc--" + uuid.replace("-4c43-", "-6c43-"), "abc--" + uuid.replace("-9d2e-", "-cd2e-"), "abc--" + uuid + "\n",
            "Abc--" + uuid, "ab1--" + uuid, "abc--" + uuid.toUpperCase(), "x-mitre-tactic--" + uuid, "", "--", uuid}) {
            assertThat(StixIds.typeOf(id)).as(id).isEqualTo(StixIds.typeOfByPattern(id));
        }
        assertThat(StixIds.typeOf("a--b--" + uuid)).isEqualTo("a--b");
        assertThat(StixIds.typeOf("x-mitre-tactic--" + uuid)).isEqualTo("x-mitre-tactic");
    }
}
