package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link CopyText}: the same text as escaping one character at a time, which it replaced. */
class CopyTextTest {

    /** The former per-character loop, the reference. */
    private static String reference(String value) {
        if (value == null) {
            return "\\N";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return text.toString();
    }

    private static String field(String value) {
        return CopyText.field(new StringBuilder("x\t"), value).substring(2);
    }

    @Test
    void nullAndTheEscapedCharactersAtEveryPlace() {
        assertThat(field(null)).isEqualTo("\\N");
        assertThat(field("")).isEmpty();
        assertThat(field("plain")).isEqualTo("plain");
        assertThat(field("\\")).isEqualTo("\\\\");
        assertThat(field("a\tb\nc\rd\\e")).isEqualTo("a\\tb\\nc\\rd\\\\e");
        assertThat(field("\t\t")).isEqualTo("\\t\\t");
        assertThat(field("{\"d\":\"a \\\"quote\\\"\"}")).isEqualTo("{\"d\":\"a \\\\\"quote\\\\\"\"}");
        assertThat(field("ünïcödé\n€")).isEqualTo("ünïcödé\\n€");
    }

    @Test
    void randomTextIsEscapedAsOneCharacterAtATime() {
        Random random = new Random(13);
        char[] alphabet = {'a', 'Z', '0', ' ', '"', '\\', '\t', '\n', '\r', 'N', 'é', '€', '\u0000'};
        for (int n = 0; n < 5_000; n++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                value.append(random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (char) ('a' + random.nextInt(26)));
            }
            assertThat(field(value.toString())).isEqualTo(reference(value.toString()));
        }
    }
}
