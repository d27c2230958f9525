package org.concord.screening.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Korean names in Latin letters, read as one spelling whichever romanisation wrote them. The UN's list
 * writes North Korean names in a McCune-Reischauer without its marks ({@code CHU HYO'K}, {@code RI JE-SON}),
 * aliases and the press in other forms of it or in the Revised Romanization ({@code Ju Hyok}, {@code Ri
 * Che-son}, {@code Gim Jeong-eun}): the same syllable is ch or j, k or g, t or d, p or b, o or eo, u or eu,
 * and a given name is one word, two or hyphenated.
 *
 * <p>A name is read this way only when it looks Korean: two to four words, the first a Korean surname in one
 * of its spellings, every other word a run of Korean syllables (an initial consonant, a vowel, a final
 * consonant of those Korean syllables end in, and no l between vowels, which both romanisations write r).
 * Arabic, Persian and other names do not pass (Mohammad has a final d, Kabir and Tahir a final r, Ali and
 * Salim an l before a vowel), so for them t and d, k and g stay two letters. A name that passes
 * is read as the surname and the given name's syllables, each folded to one letter per pair of
 * romanisations (ch and j as j, k as g, t as d, p as b, r as l, eo as o, eu as u, doubled letters single),
 * the given name cut into syllables the same way however it was split (Yongwon, Yong-won, Yong Won). Two
 * names that differ by a syllable (Chun Yong, Yon Chun) or a surname (Choe, Cho) stay apart.
 */
final class KoreanNames {

    /** A surname's spellings, each read as one: Lee, Rhee, Yi and Li are the UN's Ri. */
    private static final Map<String, String> SURNAMES = surnames();

    /** A Korean syllable in Latin letters, with the apostrophes and breves already dropped. */
    private static final Pattern SYLLABLES = Pattern.compile(
            "(?:(?:kk|k|g|n|tt|t|d|r|l|m|pp|p|b|ss|sh|s|jj|j|tch|ch|h)?"
                    + "(?:yae|yeo|ya|yo|yu|ye|wae|weo|wa|wo|we|wi|ae|eo|eu|oe|oi|ui|oo|a|e|i|o|u)(?:ng|k|n|t|l|m|p)?)+");

    private KoreanNames() {
    }

    private static Map<String, String> surnames() {
        Map<String, String> names = new java.util.HashMap<>();
        // each surname as one spelling, the usual one in South Korea, chosen so that two surnames that romanise
        // alike (Cho and Choe, Ri and Rim, Chu and Cho) do not look alike once read
        String[][] spellings = {
            {"kim", "kim", "gim"}, {"lee", "ri", "rhee", "lee", "yi", "li", "rie"}, {"park", "pak", "park", "bak", "pack"},
            {"choi", "choe", "choi", "choy", "chwe"}, {"jo", "cho", "jo", "joh"}, {"ju", "chu", "ju", "joo", "choo"},
            {"gu", "ku", "koo", "gu", "goo"}, {"ko", "ko", "go", "koh"}, {"kang", "kang", "gang"}, {"jang", "chang", "jang"},
            {"son", "son", "sohn"}, {"han", "han"}, {"jeong", "jong", "chong", "jeong", "chung", "jung", "cheong"},
            {"yoon", "yun", "yoon"}, {"oh", "o", "oh"}, {"hwang", "hwang"}, {"ryu", "ryu", "yu", "yoo"}, {"eom", "om", "eom", "um"},
            {"baek", "paek", "baek", "paik", "baik"}, {"shin", "sin", "shin"}, {"yeom", "ryom", "yom", "yeom"},
            {"hyun", "hyon", "hyun", "hyeon"}, {"moon", "mun", "moon"}, {"kwon", "kwon", "gwon"}, {"song", "song"},
            {"jeon", "jon", "chon", "jeon", "chun", "jun"}, {"na", "ra", "na"}, {"ha", "ha"}, {"heo", "ho", "heo", "hur", "huh"},
            {"nam", "nam"}, {"byun", "pyon", "byon", "byun", "byeon"}, {"ji", "ji", "chi"}, {"ahn", "an", "ahn"}, {"kye", "kye", "gye"},
            {"roh", "ro", "roh", "no"}, {"dong", "tong", "dong"}, {"seo", "so", "seo", "suh"}, {"sung", "sung", "seong"},
            {"yang", "yang"}, {"lim", "rim", "im", "lim", "yim"}, {"cha", "cha"}, {"min", "min"}, {"hong", "hong"},
            {"gil", "kil", "gil"}, {"shim", "sim", "shim"}, {"chae", "chae"}, {"kwak", "kwak"}, {"woo", "u", "woo"}, {"wi", "wi"},
            {"myung", "myong", "myung", "myeong"}, {"tak", "tak"}, {"pyo", "pyo"}, {"hyong", "hyong"}};
        for (String[] row : spellings) {
            for (int i = 1; i < row.length; i++) {
                names.put(row[i], row[0]);
            }
        }
        return Map.copyOf(names);
    }

    /**
     * An l that begins a syllable inside a word (Ali, Salim, Halima). Both romanisations write ㄹ as r before a
     * vowel (Ri, Chollima's ll aside: the second l of a doubled one), and as l only where it ends a syllable (Il,
     * Chol); so a name with such an l was not written from Korean, though the syllables could spell it.
     */
    private static final Pattern INITIAL_L = Pattern.compile("(?<=[aeiouwy])l(?=[aeiouwy])");

    /** Words a Korean name has no reason to hold, though Korean syllables can spell them. */
    private static final Set<String> NOT_KOREAN = Set.of("abu", "umm", "abd");

    /**
     * The words of a name as Korean: the surname and the given name's syllables, each folded to one
     * spelling; null if the name does not look Korean (then it is read as any other name).
     *
     * @param raw the folded Latin words of the name, nothing set aside yet
     */
    static List<String> read(List<String> raw) {
        if (raw.size() < 2 || raw.size() > 4) {
            return null;
        }
        String surname = SURNAMES.get(raw.get(0));
        if (surname == null) {
            return null;
        }
        StringBuilder given = new StringBuilder();
        for (String word : raw.subList(1, raw.size())) {
            if (NOT_KOREAN.contains(word) || !SYLLABLES.matcher(word).matches() || INITIAL_L.matcher(word).find()) {
                return null;
            }
            given.append(word);
        }
        List<String> words = new ArrayList<>(4);
        words.add(surname);
        words.addAll(syllables(fold(given.toString())));
        return words;
    }

    /** A folded syllable, followed by another or by the end. */
    private static final Pattern FOLDED_SYLLABLE = Pattern.compile(
            "[gndlmbsjh]?(?:yae|ya|yo|yu|ye|wae|wa|wo|we|wi|ae|oe|oi|ui|a|e|i|o|u)(?:ng|g|n|d|l|m|b)?(?=[gndlmbsjh]?[ywaeiou]|$)");

    /**
     * A folded given name cut into its syllables, the same way whether it was written as one word, two
     * or hyphenated (yongwon: yong won); as one word if it cannot be cut.
     */
    static List<String> syllables(String folded) {
        List<String> out = new ArrayList<>(3);
        java.util.regex.Matcher m = FOLDED_SYLLABLE.matcher(folded);
        int at = 0;
        while (at < folded.length() && m.find(at) && m.start() == at) {
            out.add(m.group());
            at = m.end();
        }
        return at == folded.length() && !out.isEmpty() ? out : List.of(folded);
    }

    /**
     * One letter for each pair of romanisations, the Revised Romanization's where it has one, so that a folded
     * name still reads as a name (Cho Yong-won: jo yong won): ch and j as j, k as g, t as d, p as b, r as l,
     * eo as o, eu as u, oo as u, doubled letters single.
     */
    static String fold(String syllables) {
        String s = syllables.replace("tch", "j").replace("ch", "j").replace("jj", "j").replace("sh", "s").replace("kk", "g")
                .replace("tt", "d").replace("pp", "b").replace("ss", "s").replace("eo", "o").replace("eu", "u").replace("oo", "u");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(switch (c) {
                case 'k' -> 'g';
                case 't' -> 'd';
                case 'p' -> 'b';
                case 'r' -> 'l';
                default -> c;
            });
        }
        return out.toString();
    }

    /**
     * A name written in Hangul with its surname joined to the given name, as Korean writes it (김정은): the
     * first syllable apart (김 정은), so that once in Latin letters it reads as the surname and the given name.
     * A word of two to four Hangul syllables only; other text as it is.
     */
    static String splitHangulSurname(String text) {
        String stripped = text.strip();
        int n = stripped.length();
        if (n < 2 || n > 4) {
            return text;
        }
        for (int i = 0; i < n; i++) {
            char c = stripped.charAt(i);
            if (c < '\uAC00' || c > '\uD7A3') {
                return text;
            }
        }
        return stripped.charAt(0) + " " + stripped.substring(1);
    }
}
