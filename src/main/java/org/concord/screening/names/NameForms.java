package org.concord.screening.names;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.codec.language.DoubleMetaphone;

import com.ibm.icu.text.Transliterator;

/**
 * Turns a name as written, in any script, into the forms that matching compares: folded Latin tokens,
 * consonant skeletons and phonetic keys. The steps, in order: Unicode NFKC; Arabic-script folding
 * (Persian and Urdu yeh and kaf, heh/teh marbuta/heh goal, alef variants, tatweel and harakat); the
 * Arabic article split off its word; transliteration to Latin (ICU4J, {@code Russian-Latin/BGN; Any-Latin; Latin-ASCII}: Cyrillic
 * the way English spellings write it, then any other script);
 * Latin folding (lower case, no diacritics, apostrophes dropped, other punctuation a space); then the
 * name particles: articles (al, el, ul) and bin/ibn/bint are set aside, {@code abd}/{@code abdul}/...
 * is joined to the next word and {@code -ullah}/{@code -allah} is one spelling.
 *
 * <p>Thread-safe: the ICU transliterator is used under a lock-free copy per thread.
 */
public final class NameForms {

    /** Names longer than this are refused: no real name is, and the cost of matching grows with it. */
    public static final int MAX_LENGTH = 400;

    private static final ThreadLocal<Transliterator> TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Russian-Latin/BGN; Any-Latin; Latin-ASCII"));
    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    /** Articles, dropped from the compared tokens. */
    static final Set<String> ARTICLES = Set.of("al", "el", "ul", "il", "ol");
    /** Din, the second word of Salah al-Din, and the articles written before it. */
    static final Set<String> DIN = Set.of("din", "deen", "dine", "ddin", "dyn", "ldyn", "ddine", "eddine", "eddin", "uddin", "uddine",
            "addin", "ouddine", "iddin");
    static final Set<String> DIN_ARTICLES = Set.of("ud", "ad", "ed");
    /** Son of / daughter of, dropped from the compared tokens. */
    static final Set<String> FILIATION = Set.of("bin", "ibn", "ben", "bn", "ebn", "bint", "binti");
    /** Servant of: joined to the next word, all spelled "abd". */
    static final Set<String> ABD = Set.of("abd", "abdu", "abdul", "abdel", "abdal", "abdol", "abdil", "abdoul", "abdur",
            "abdus", "abdor", "abdar", "abdi", "abde");
    private static final String[] ABD_PREFIXES = {"abdoul", "abdul", "abdel", "abdal", "abdol", "abdil", "abdur", "abdus",
        "abdar", "abdor", "abdu", "abd"};
    /**
     * Titles and honorifics, set aside like the articles: "Mullah Jabbar" is Jabbar, "Dr. Alim Ghair" is
     * Alim Ghair. Checked before -ullah is folded (Mullah is not Mu-allah).
     */
    static final Set<String> TITLES = Set.of("mullah", "mulla", "mullo", "molah", "mollah", "molla", "mulah", "mawlawi", "mawlavi", "maulavi", "maulvi", "moulavi", "molavi",
            "mowlavi", "molawi", "moulvi",
            "molvi", "maulana", "mawlana", "haji", "hajji", "hajj", "alhaji", "alhajji", "qari", "sheikh", "shaikh", "shaykh", "sheik",
            "shaik", "dr", "doctor", "colonel", "col", "general", "gen", "commander", "mufti");
    /** The same written in Arabic script, as they read once transliterated (from Arabic script "mr" is Omar, not Mr). */
    static final Set<String> ABJAD_TITLES = Set.of("mla", "hajy", "haji", "mwlwy", "mwlwi", "qary", "shykh", "dktr", "dktwr",
            "mwlana", "mfty");
    /**
     * Words that join the words of an organisation's name (of, the, and, for, in; wa and fi in Arabic),
     * and the Persian izafe (Tehrik-i-Taliban, Tehrik-e Taliban): set aside, as they differ between
     * two writings of one name more often than they tell two names apart.
     */
    static final Set<String> JOINERS = Set.of("of", "the", "and", "for", "in", "wa", "wal", "fi", "fy", "yi", "ye");
    /** Abbreviations of the words of organisations' names, written out. */
    static final java.util.Map<String, String> ABBREVIATIONS = java.util.Map.of("co", "company", "corp", "corporation",
            "ltd", "limited", "intl", "international", "inc", "incorporated", "assn", "association", "dept", "department");
    /** The one place the table of {@link #BODY_WORDS} reads in English. */
    private static final String PLACE_LEVANT = "levant";
    /**
     * The words that say what kind of body an organisation is, and a few others its names are made of, in the
     * languages the lists write them in (Arabic, Persian, Pashto, Urdu, French and Russian, as they read in Latin
     * letters), read as the English word: "Jaysh Khalid Ibn al Waleed" is the "Khalid ibn al-Walid Army", شبكة محمد جمال the
     * "Muhammad Jamal Network", "Roshan Sarafi" the "Roshan Money Exchange". A list gives an organisation's name in
     * its own language and in translation, each as another alias, and the matcher cannot translate; these words can
     * be looked up. Only words that are rarely a person's name are here (Jama, a Somali given name, is not).
     */
    static final java.util.Map<String, String> BODY_WORDS = bodyWords(new String[][] {
        {"network", "shabaka", "shabakah", "shabakat", "shabakeh", "shabake", "reseau"},
        {"group", "jamaa", "jamaah", "jamaat", "jamaatu", "jammah", "jamah", "jemaah", "groupe", "gruppa"},
        {"society", "jamiyat", "jamiat", "jamiya", "jamiyah", "jamiyya", "jamiyyah", "jamyah"},
        {"office", "maktab", "bureau"},
        {"exchange", "sarafi", "sarrafi", "sarafa", "sarafah", "sarrafa", "sarrafah", "sirafa", "sirafah", "exchanger"},
        {"company", "sharika", "sharikah", "sharikat", "sherkat", "shirkat", "shirkate", "kampani", "kompani", "compagnie",
            "kompaniya"},
        {"organization", "tanzim", "tanzeem", "organisation", "organizatsiya"},
        {"movement", "haraka", "harakah", "harakat", "harkat", "mouvement", "dvizheniye"},
        {"armed", "musallaha", "musallahah", "musallah", "arme"},
        {"fighting", "muqatila", "muqatilah", "combattant", "combattante", "combatant"},
        {"state", "dawla", "dawlah", "etat"},
        {"army", "jaysh", "jaish", "jeish", "jeysh", "dzheysh", "dzhaysh", "dzheish", "armee"},
        {"emigrants", "muhajirin", "muhajireen", "muhajirun", "muhajiroun"},
        {"front", "jabhat", "jabha", "jabhah", "jebhe"},
        {"cooperation", "taawun", "taawon", "cooperative"},
        {"bank", "banque"},
        // not a kind of body but a region that bodies' names take, in the Arabic name and the English one: the Islamic
        // State in Iraq and al-Sham is the Islamic State in Iraq and the Levant (QDe.115, QDe.165, QDe.166, QDe.137)
        {PLACE_LEVANT, "sham", "shaam"},
    });
    /** The same, as Arabic script reads in Latin letters: no short vowels, ta marbuta an h, li- and the article joined. */
    static final java.util.Map<String, String> ABJAD_BODY_WORDS = bodyWords(new String[][] {
        {"network", "shbkh"},
        {"group", "jmah", "jmat", "jmaat"},
        {"society", "jmyh", "jmyt"},
        {"office", "mktb"},
        {"exchange", "srafh", "lsrafh", "llsrafh", "srafy"},
        {"company", "shrkh", "shrkt", "kmpny"},
        {"organization", "tnzym"},
        {"movement", "hrkh", "hrkt"},
        {"armed", "mslhh"},
        {"fighting", "mqatlh"},
        {"state", "dwlh"},
        {"army", "jysh"},
        {"emigrants", "mhajryn"},
        {"front", "jbhh"},
        {"bank", "bnk"},
    });
    /** Words that say what is exchanged, set aside before "exchange": a money exchange, a currency exchange. */
    static final Set<String> EXCHANGED = Set.of("money", "currency");

    /**
     * What an explanation says of the words of a body read in English ({@link #BODY_WORDS}), for a name read in Latin
     * letters as {@code latin}: "'sarafi' as 'exchange'"; null if it has none.
     */
    static String bodyWordsIn(String latin) {
        // [0] a body's words, [1] the region's
        StringBuilder[] said = new StringBuilder[2];
        for (String word : latin.strip().split(" +")) {
            String english = bodyWord(word);
            if (english != null && !english.equals(word)) {
                int k = english.equals(PLACE_LEVANT) ? 1 : 0;
                said[k] = said[k] == null ? new StringBuilder() : said[k].append(", ");
                said[k].append('\'').append(word).append("' as '").append(english).append('\'');
            }
        }
        String body = said[0] == null ? null : "a body's words in English: " + said[0];
        String region = said[1] == null ? null : "a region in English: " + said[1];
        return body == null ? region : region == null ? body : body + ", " + region;
    }

    /**
     * A word of a body in English, whichever script the name is mostly in: a name may mix scripts (Jaishالعدل), and the
     * two tables share no spelling.
     */
    static String bodyWord(String token) {
        String english = BODY_WORDS.get(token);
        if (english == null) {
            english = ABJAD_BODY_WORDS.get(token);
        }
        return english != null ? english : nearBodyWord(token);
    }

    /** The Latin spellings of {@link #BODY_WORDS} by their consonant skeleton. */
    private static final java.util.Map<String, List<String>> BODY_WORDS_BY_SKELETON = BODY_WORDS.keySet().stream()
            .collect(java.util.stream.Collectors.groupingBy(word -> skeleton(word, false)));

    /**
     * A spelling the table does not hold but that differs from one it holds inside the word, by a letter doubled or
     * added, or a vowel changed (Jaishh, Harakaat, Makhtab: the same consonants, the same first and last letter, no
     * shorter, and Jaro-Winkler at least {@link #NEAR_BODY_WORD}) is read as that one is: without this a misspelled word
     * of a body would no longer meet its correct spelling, which is read in English. A family name can be a body word's
     * consonants with a vowel left out or another ending: Al-Sharikh is neither sharikah nor sharika, a company. The
     * token itself if none is that near.
     */
    private static String nearBodyWord(String token) {
        if (token.length() < 4) {
            return token;
        }
        List<String> alike = BODY_WORDS_BY_SKELETON.get(skeleton(token, false));
        if (alike == null) {
            return token;
        }
        // the nearest of them, and of two as near the first in the alphabet: the table's own order is not an order
        // (a Map.copyOf's differs from one JVM to the next), and the first near enough in it made a name read as a
        // group in one process and as a society in another, so that two nodes folded it differently
        String nearest = null;
        double best = 0;
        for (String word : alike) {
            if (token.length() >= word.length() && token.charAt(0) == word.charAt(0)
                    && token.charAt(token.length() - 1) == word.charAt(word.length() - 1)) {
                double similarity = JaroWinkler.similarity(token, word);
                if (similarity >= NEAR_BODY_WORD && (nearest == null || similarity > best || (similarity == best && word.compareTo(nearest) < 0))) {
                    nearest = word;
                    best = similarity;
                }
            }
        }
        return nearest == null ? token : BODY_WORDS.get(nearest);
    }

    static final double NEAR_BODY_WORD = 0.90;

    /**
     * The words, as {@link #particles} leaves them (in English), that say a name is an organisation's: a kind of body
     * ({@link #BODY_WORDS}' words less those that also describe one: armed, fighting, state, emigrants) and the
     * corporate words of the lists (Ltd and Co written out). A listed person's name has none of them.
     */
    static final Set<String> KINDS_OF_BODY = Set.of("network", "group", "society", "office", "exchange", "company", "organization",
            "movement", "army", "front", "bank", "corporation", "limited", "incorporated", "association", "establishment", "enterprise");

    /** The first word of {@code name} that says it is an organisation's ({@link #KINDS_OF_BODY}); null if none does. */
    public static String kindOfBody(Name name) {
        for (String token : name.tokens()) {
            if (KINDS_OF_BODY.contains(token)) {
                return token;
            }
        }
        return null;
    }

    private static java.util.Map<String, String> bodyWords(String[][] rows) {
        java.util.Map<String, String> words = new java.util.HashMap<>();
        for (String[] row : rows) {
            for (String word : row) {
                words.put(word, row[0]);
            }
        }
        return java.util.Map.copyOf(words);
    }

    /** The same, as Arabic script reads in Latin letters once the ayn is dropped. */
    static final Set<String> ABJAD_ABD = Set.of("bd", "bdl", "bdal", "bdul");
    private static final String[] ABJAD_ABD_PREFIXES = {"bdal", "bdl", "bd"};

    private NameForms() {
    }

    /**
     * The forms of one name.
     *
     * @param abjad whether it was written mostly in Arabic script, where short vowels are not written
     * @param script the script most of its letters are written in
     */
    public record Name(String written, String latin, List<String> tokens, List<String> skeletons, List<String> phonetic,
            boolean abjad, Character.UnicodeScript script) {

        /** The folded tokens, sorted, joined by a space: word order no longer counts. */
        public String sortedTokens() {
            return tokens.stream().sorted().reduce((a, b) -> a + " " + b).orElse("");
        }

        /** The consonant skeletons joined without spaces, in written order. */
        public String skeleton() {
            return String.join("", skeletons);
        }

        /** The consonant skeletons, sorted, joined without spaces. */
        public String sortedSkeleton() {
            return skeletons.stream().sorted().reduce("", String::concat);
        }
    }

    /**
     * The forms of a name.
     *
     * @throws InvalidName if the name is empty, has no letters, or is longer than {@link #MAX_LENGTH}
     */
    public static Name of(String written) {
        if (written == null || written.isBlank()) {
            throw new InvalidName("empty", "a name is needed");
        }
        if (written.length() > MAX_LENGTH) {
            throw new InvalidName("max-length", "a name is at most " + MAX_LENGTH + " characters; this one has "
                    + written.length());
        }
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            // line breaks and tabs are spaces in a name a list wraps; any other control character is no part of a name,
            // and was searched, then echoed back to the officer as if it were
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new InvalidName("no-control-characters", String.format("a name has no control characters; this one has U+%04X at"
                        + " position %d", (int) c, i + 1));
            }
        }
        String text = Normalizer.normalize(written, Normalizer.Form.NFKC);
        text = KoreanNames.splitHangulSurname(splitArabicArticle(foldArabic(text)));
        String latin = foldLatin(toLatin(text));
        List<String> raw = new ArrayList<>(List.of(latin.trim().split(" +")));
        raw.removeIf(String::isEmpty);
        long arabicLetters = text.chars().filter(c -> isArabicLetter((char) c)).count();
        long letters = text.chars().filter(Character::isLetter).count();
        if (letters == 0) {
            // digits alone (a passport number pasted into the name, ۱۲۳۴) would be searched and answered "no match"
            throw new InvalidName("letters", "a name needs at least one letter");
        }
        boolean abjad = arabicLetters * 2 > letters;
        List<String> tokens = abjad ? null : KoreanNames.read(raw);
        if (tokens == null) {
            tokens = particles(raw, abjad);
        }
        if (tokens.isEmpty()) {
            // a name of particles only ("Al", "Bin"): compare what there is
            tokens = raw;
        }
        if (tokens.isEmpty()) {
            throw new InvalidName("letters", "a name needs at least one letter");
        }
        List<String> skeletons = tokens.stream().map(token -> skeleton(token, abjad)).toList();
        List<String> phonetic = tokens.stream().map(NameForms::phonetic).toList();
        return new Name(written, String.join(" ", raw), List.copyOf(tokens), skeletons, phonetic, abjad, mainScript(text));
    }

    /** Words already transliterated: names repeat their words, and ICU takes tens of microseconds a word. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> LATIN_WORDS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int LATIN_WORDS_KEPT = 500_000;

    /**
     * The text in Latin letters: ASCII as it is; every other word (split at white space, so that
     * the rules that look at the start or end of a word still see it) through ICU, once.
     */
    static String toLatin(String text) {
        boolean ascii = true;
        for (int i = 0; i < text.length() && ascii; i++) {
            ascii = text.charAt(i) < 128;
        }
        if (ascii) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            boolean space = Character.isWhitespace(text.charAt(i));
            while (i < n && Character.isWhitespace(text.charAt(i)) == space) {
                i++;
            }
            String chunk = text.substring(start, i);
            if (space || chunk.chars().allMatch(c -> c < 128)) {
                out.append(chunk);
                continue;
            }
            String latin = LATIN_WORDS.get(chunk);
            if (latin == null) {
                latin = TO_LATIN.get().transliterate(chunk);
                if (LATIN_WORDS.size() < LATIN_WORDS_KEPT) {
                    LATIN_WORDS.put(chunk, latin);
                }
            }
            out.append(latin);
        }
        return out.toString();
    }

    private static Character.UnicodeScript mainScript(String text) {
        java.util.Map<Character.UnicodeScript, Integer> counts = new java.util.EnumMap<>(Character.UnicodeScript.class);
        text.codePoints().filter(Character::isLetter).forEach(c -> counts.merge(Character.UnicodeScript.of(c), 1, Integer::sum));
        return counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey)
                .orElse(Character.UnicodeScript.LATIN);
    }

    /** Arabic-script variants folded to one Arabic form; tatweel and harakat removed. */
    static String foldArabic(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\u06CC', '\u06D0', '\u06D2', '\u06D3', '\u0649', '\u0626' -> out.append('\u064A'); // yeh variants, alef maksura
                case '\u06A9', '\u06AA' -> out.append('\u0643'); // keheh (Persian/Urdu kaf)
                case '\u0629', '\u06C0', '\u06C1', '\u06C2', '\u06C3', '\u06BE', '\u06D5' -> out.append('\u0647'); // teh marbuta, heh goal, ...
                case '\u0623', '\u0625', '\u0622', '\u0671', '\u0672', '\u0673' -> out.append('\u0627'); // alef variants
                case '\u0624' -> out.append('\u0648'); // waw with hamza
                case '\u062B' -> out.append('\u0633'); // tha read as seen, as Persian and Urdu say it (Usman, Wasiq)
                case '\u0681' -> out.append('\u0632'); // Pashto dze (ځدران, Zadran) as zain
                case '\u069A' -> out.append('\u0634'); // Pashto xin as sheen
                case '\u067C', '\u0679' -> out.append('\u062A'); // Pashto and Urdu retroflex te
                case '\u0689', '\u0688' -> out.append('\u062F'); // Pashto and Urdu retroflex dal
                case '\u0693', '\u0691' -> out.append('\u0631'); // Pashto and Urdu retroflex reh
                case '\u06BC', '\u06BA' -> out.append('\u0646'); // Pashto retroflex noon, Urdu noon ghunna
                case '\u0640', '\u200C', '\u200D', '\u200F', '\u200E' -> {
                    // tatweel, zero-width (non-)joiners, direction marks
                }
                default -> {
                    if ((c >= '\u064B' && c <= '\u065F') || c == '\u0670' || (c >= '\u06D6' && c <= '\u06ED')
                            || c == '\u0621') {
                        // harakat, superscript alef, Quranic marks, lone hamza
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * The Arabic article written into its word (العدل) as a word of its own (ال عدل); and a word that
     * changes between Arabic script and another (Jaishالعدل) as two words.
     */
    static String splitArabicArticle(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && Character.isLetter(text.charAt(i)) && Character.isLetter(text.charAt(i - 1))
                    && isArabicLetter(text.charAt(i)) != isArabicLetter(text.charAt(i - 1))) {
                out.append(' ');
            }
            boolean wordStart = i == 0 || !Character.isLetter(text.charAt(i - 1)) || !isArabicLetter(text.charAt(i - 1));
            if (wordStart && i + 4 < n && text.charAt(i) == '\u0648' && text.charAt(i + 1) == '\u0627' && text.charAt(i + 2) == '\u0644'
                    && isArabicLetter(text.charAt(i + 3)) && isArabicLetter(text.charAt(i + 4))
                    && (i + 5 < n && isArabicLetter(text.charAt(i + 5)))) {
                // "and the" written into its word (والجهاد, wal-Jihad): the conjunction, the article, the word
                out.append("\u0648 \u0627\u0644 ");
                i += 2;
                continue;
            }
            if (wordStart && i + 3 < n && text.charAt(i) == '\u0627' && text.charAt(i + 1) == '\u0644'
                    && isArabicLetter(text.charAt(i + 2)) && isArabicLetter(text.charAt(i + 3)) && !isAllah(text, i)) {
                out.append("\u0627\u0644 ");
                i++;
                continue;
            }
            out.append(text.charAt(i));
        }
        return out.toString();
    }

    /** الله, Allah: its first letters are not the article. */
    private static boolean isAllah(String text, int i) {
        return text.startsWith("\u0627\u0644\u0644\u0647", i) && (i + 4 == text.length() || !Character.isLetter(text.charAt(i + 4)));
    }

    private static boolean isArabicLetter(char c) {
        return c >= '\u0620' && c <= '\u06FF' && Character.isLetter(c);
    }

    /** Lower case ASCII letters and digits, words separated by one space; apostrophes and ayn marks dropped. */
    static String foldLatin(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            } else if (c == '\u01DD' || c == '\u0259' || c == '\u018E' || c == '\u018F') {
                // the schwa, which Latin-ASCII leaves alone: ICU writes the Ethiopic sixth order with it (ፍትዊ,
                // 'fǝtǝwi', is Fitiwi), Azerbaijani its own vowel (Əliyev, Aliyev); a vowel, so out of the consonants
                out.append('e');
            } else if (c == '\'' || c == '\u2019' || c == '\u2018' || c == '\u02BC' || c == '\u02BE' || c == '\u02BF'
                    || c == '`' || c == '\u00B4' || Character.getType(c) == Character.NON_SPACING_MARK) {
                // apostrophes, ayn and hamza marks, combining marks: dropped
            } else if (Character.isLetterOrDigit(c)) {
                // a letter that transliteration left alone (a script ICU does not know): keep it
                out.append(Character.toLowerCase(c));
            } else {
                out.append(' ');
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Articles and filiation set aside; abd joined to the next word; -ullah/-allah one spelling. */
    static List<String> particles(List<String> raw, boolean abjad) {
        // from Arabic script, abd is "bd" (the ayn is dropped): "abd" there is Abid (عابد), another name
        Set<String> abd = abjad ? ABJAD_ABD : ABD;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String token = raw.get(i);
            if (DIN.contains(token) && !out.isEmpty()) {
                // Salah al-Din, Salah-ud-Din, صلاح الدين: one word, as Salahuddin is written
                out.set(out.size() - 1, out.get(out.size() - 1) + "uddin");
                continue;
            }
            if (i + 1 < raw.size() && DIN.contains(raw.get(i + 1)) && (ARTICLES.contains(token) || DIN_ARTICLES.contains(token))) {
                continue;
            }
            if (ARTICLES.contains(token) || FILIATION.contains(token) || (abjad ? ABJAD_TITLES : TITLES).contains(token) || JOINERS.contains(token)
                    || (token.length() == 1 && raw.size() > 1)) {
                // an initial (M., S.M.) or the izafe (-i-, -e-) says too little to compare
                continue;
            }
            token = ABBREVIATIONS.getOrDefault(token, token);
            token = bodyWord(token);
            if (token.equals("exchange") && !out.isEmpty() && EXCHANGED.contains(out.get(out.size() - 1))) {
                out.remove(out.size() - 1);
            }
            token = din(token);
            if (abd.contains(token)) {
                int next = i + 1;
                while (next < raw.size() && ARTICLES.contains(raw.get(next))) {
                    next++;
                }
                if (next < raw.size()) {
                    String following = allah(raw.get(next));
                    out.add(following.equals("allah") ? "abdallah" : allah("abd" + stripArticle(following)));
                    i = next;
                    continue;
                }
                out.add("abd");
                continue;
            }
            String withAllah = allah(token);
            if (withAllah.equals("allah") && !out.isEmpty()) {
                // Nasr Allah, Hizb Allah: one word, as Nasrallah and Hizbullah are written
                out.set(out.size() - 1, out.get(out.size() - 1) + "allah");
                continue;
            }
            if (withAllah.endsWith("allah") && abd.contains(withAllah.substring(0, withAllah.length() - 5))) {
                out.add("abdallah");
                continue;
            }
            out.add(allah(joinedAbd(token, abjad)));
        }
        return out;
    }

    /** "abdulrahman", "abdurrahman", "bdalrhmn": abd + the rest, the article in between dropped. */
    private static String joinedAbd(String token, boolean abjad) {
        if (abjad && token.startsWith("bdal") && token.length() == 6 && token.charAt(4) != 'l') {
            // abd, the article and a name of two letters in Arabic script (عبدالحی, bdalhy: Abdul Hai); not عبدالله
            return "abd" + token.substring(4);
        }
        for (String prefix : abjad ? ABJAD_ABD_PREFIXES : ABD_PREFIXES) {
            if (token.startsWith(prefix) && token.length() >= prefix.length() + 3) {
                String rest = token.substring(prefix.length());
                if (prefix.endsWith("r") || prefix.endsWith("s")) {
                    // abdur-rahman, abdus-salam: the assimilated article
                    rest = rest.charAt(0) == prefix.charAt(prefix.length() - 1) ? rest : prefix.charAt(prefix.length() - 1) + rest;
                }
                return "abd" + stripArticle(rest);
            }
        }
        return token;
    }

    private static String stripArticle(String token) {
        for (String article : new String[] {"al", "ul", "el"}) {
            if (token.startsWith(article) && token.length() >= article.length() + 3) {
                return token.substring(article.length());
            }
        }
        return token;
    }

    /** Salahuddin, Salaheddine, Salahaldin: one spelling, "salahuddin". */
    private static String din(String token) {
        for (String suffix : new String[] {"uddin", "uddine", "uddeen", "eddine", "eddin", "oddin", "addin", "aldin", "aldeen", "eldin",
            "uldin", "udin", "edine", "ldyn"}) {
            if (token.endsWith(suffix) && token.length() >= suffix.length() + 3) {
                return token.substring(0, token.length() - suffix.length()) + "uddin";
            }
        }
        return token;
    }

    /** -ullah, -ollah, -allah, -illah, -alla, -ulla: one spelling, "allah". */
    private static String allah(String token) {
        for (String suffix : new String[] {"ullah", "ollah", "allah", "illah", "ullh", "allh", "ulla", "alla", "lah", "llh"}) {
            if (token.endsWith(suffix) && (token.length() > suffix.length() || suffix.length() >= 4)) {
                if (suffix.equals("lah") && !token.endsWith("llah")) {
                    continue;
                }
                return token.substring(0, token.length() - suffix.length()) + "allah";
            }
        }
        return token;
    }

    /**
     * The consonants of a folded token, the way they survive transliteration from Arabic script:
     * vowels, y, w and v dropped (Arabic script writes short vowels not at all, long ones as consonants; its waw is w to
     * Arabic speakers and v to Persian ones, Vahid and وحید), z read as d (dad, dhal and zah are z to Persian and Urdu
     * speakers, d or dh in Latin spellings of Arabic),
     * digraphs and letters that spell one sound made one, doubled letters made single.
     */
    public static String skeleton(String token) {
        return skeleton(token, false);
    }

    /**
     * The same, for a token read from Arabic script ({@code abjad}) or not. From Arabic script a "th" is
     * te and heh (طه, Taha): two letters, kept; tha (ث) was already read as s (Usman, Wasiq), the way
     * Persian and Urdu say it. In a Latin spelling "th" is tha (Uthman, Thabit), so it is s too.
     */
    public static String skeleton(String token, boolean abjad) {
        String t = token;
        if (t.startsWith("abd")) {
            t = "bd" + t.substring(3);
        }
        if (!abjad) {
            t = t.replace("th", "s");
        }
        t = foldLetters(t);
        String out = consonants(t, abjad, null);
        return out.isEmpty() ? t.substring(0, Math.min(1, t.length())) : out;
    }

    /**
     * The consonants of a word whose letters are folded ({@link #foldLetters}), in order: its vowels (a e i o u, and y, w
     * and v, and the marks of long vowels {@link #vowelGaps} writes) left out, a final h dropped (ta marbuta, or a
     * spelling: often written, often not), a letter repeated with only vowels between written once. When {@code gaps} is
     * given, the kinds of vowel ({@link #vowelKind}) of each gap are put into it: element k before the k-th consonant,
     * the last after the last.
     */
    private static String consonants(String t, boolean abjad, int[] gaps) {
        StringBuilder out = new StringBuilder(t.length());
        int current = 0;
        char previous = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            int kind = vowelKind(c, abjad);
            if (kind != 0) {
                current |= kind;
                continue;
            }
            if (c == 'h' && i == t.length() - 1 && i > 0) {
                continue;
            }
            if (c != previous) {
                if (gaps != null) {
                    gaps[out.length()] = current;
                }
                out.append(c);
                current = 0;
            }
            previous = c;
        }
        if (gaps != null) {
            gaps[out.length()] = current;
        }
        return out.toString();
    }

    /** A vowel of the u kind in a gap between consonants ({@link #vowelGaps}): u, o, w, v. */
    static final int U = 1;
    /** A vowel of the i kind: i, e, y. */
    static final int I = 2;
    /** An a. */
    static final int A = 4;
    /** A long u as the spelling writes it: و from Arabic script, oo or uu in Latin letters. */
    static final int LONG_U = 8;
    /** A long i as the spelling writes it: ي from Arabic script, ee or ii in Latin letters. */
    static final int LONG_I = 16;
    /** A vowel gliding into i in Latin letters (ai ay ei ey): a long i, or an a and an i apart (al-Qaida, القاعدة). */
    static final int GLIDE = 32;

    /**
     * The vowels around the consonants of a word's skeleton ({@link #skeleton(String, boolean)}), as a mask of kinds
     * ({@link #U}, {@link #I}, {@link #A}, {@link #LONG_U}, {@link #LONG_I}, {@link #GLIDE}) per gap: element k holds what
     * stands before the skeleton's k-th consonant, the last what follows the last; null when the walk does not give the
     * skeleton's consonants. Arabic script writes its long vowels (و ي, read w and y) and no short ones, so where it
     * writes one a Latin spelling of the same name writes a vowel of that kind: Muhammad is not محمود, nor Hasan حسين.
     * Latin letters write a long vowel plainly only as ee, ii, oo or uu (ou is any u in French spellings: Moussa,
     * Mouhamed), and a glide (ai ay ei ey) for a long i or for two vowels apart.
     */
    static int[] vowelGaps(String token, boolean abjad) {
        // read once per word: a search reads the same words' gaps for candidate after candidate
        java.util.concurrent.ConcurrentHashMap<String, int[]> kept = abjad ? ABJAD_GAPS : LATIN_GAPS;
        int[] gaps = kept.get(token);
        if (gaps == null) {
            gaps = readVowelGaps(token, abjad);
            if (kept.size() < GAPS_KEPT) {
                kept.put(token, gaps);
            }
        }
        return gaps.length == 0 ? null : gaps;
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, int[]> ABJAD_GAPS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.ConcurrentHashMap<String, int[]> LATIN_GAPS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int GAPS_KEPT = 200_000;

    /** {@link #vowelGaps}, read afresh; an empty array for none. */
    private static int[] readVowelGaps(String token, boolean abjad) {
        String t = token;
        if (t.startsWith("abd")) {
            t = "bd" + t.substring(3);
        }
        if (!abjad) {
            t = t.replace("th", "s").replace("ee", "I").replace("ii", "I").replace("oo", "U").replace("uu", "U")
                    .replace("ai", "G").replace("ay", "G").replace("ei", "G").replace("ey", "G");
        }
        t = foldLetters(t);
        int[] gaps = new int[t.length() + 1];
        String walked = consonants(t, abjad, gaps);
        // the marks of long vowels must not have changed what the skeleton reads as consonants
        return walked.equals(skeleton(token, abjad)) ? java.util.Arrays.copyOf(gaps, walked.length() + 1) : new int[0];
    }

    private static int vowelKind(char c, boolean abjad) {
        return switch (c) {
            case 'w' -> abjad ? U | LONG_U : U;
            case 'y' -> abjad ? I | LONG_I : I;
            case 'u', 'o', 'v' -> U;
            case 'i', 'e' -> I;
            case 'a' -> A;
            case 'U' -> U | LONG_U;
            case 'I' -> I | LONG_I;
            case 'G' -> I | GLIDE;
            default -> 0;
        };
    }

    /**
     * The consonant skeleton of a word read from Arabic script with its qaf (ق, q in the word as read) read as gh, the way
     * Iran's Latin spellings write it (Ghalibaf, Bagheri, Araghchi for قالیباف, باقری, عراقچی), where Arabic, Urdu and
     * Pashto spellings write q or k (Haqqani, Qasim, Ishakzai): {@link #skeleton(String, boolean)} reads it as k, which
     * the Latin gh (g) does not meet. Null when the word has no qaf. One skeleton cannot be both, and reading a Latin gh as
     * q or every k q g gh as one lost more than it found (docs/screening.md), so the matcher tries this reading beside
     * the other, for a name written in Arabic script only.
     */
    public static String persianQafSkeleton(String token) {
        return token.indexOf('q') < 0 ? null : skeleton(token.replace("q", "gh"), true);
    }

    /**
     * The skeleton's foldings of letters that spell one sound ({@link #skeleton(String, boolean)}), which
     * {@link #vowelGaps} walks the same way.
     */
    private static String foldLetters(String t) {
        // ck before ch and sh: the c that sh or ch leaves before a k (shkwry, Bachkir) is a sound of its own, not the c of "ck"
        return t.replace("ck", "k").replace("tion", "shn").replace("dzh", "j").replace("kh", "k").replace("gh", "g").replace("dh", "d")
                .replace("ph", "f").replace("dj", "j").replace("ch", "c").replace("sh", "c").replace("q", "k")
                .replace("x", "ks").replace("ou", "u").replace("ee", "i").replace("oo", "u").replace('z', 'd');
    }

    /** The primary Double Metaphone key of a folded token (the token itself if it has no Latin letters). */
    public static String phonetic(String token) {
        String key = METAPHONE.doubleMetaphone(token);
        return key == null || key.isEmpty() ? token : key;
    }
}
