package org.concord.screening.names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An in-memory index of names for candidate retrieval, built for a million names and more. Names
 * are kept as ids of the words they are made of (each distinct folded word once, with its consonant
 * skeleton, phonetic key and rarity), with postings from each word to the names that have it. A
 * query finds, word by word, the words of the index that are spelled like it (Jaro-Winkler over the
 * words that share enough character trigrams with it) or whose consonant skeleton is like its own
 * (another script), then:
 * <ol>
 * <li>gathers the names holding those words, starting with the query's rarest word; a word that many
 * names share (more than {@value #COMMON}: "Mohammad", "Khan") brings no names of its own once a
 * rarer word has brought some, it only counts towards the names found;</li>
 * <li>ranks those names by what the query's words found in them, weighed by rarity, and keeps the
 * best {@value #SHORTLIST};</li>
 * <li>estimates each of those from the similarities already computed (no string is compared: both
 * directions of the word-by-word measure, from arrays), and scores only the best {@value #SCORED}
 * in full with {@link NameMatcher}, returning each owner once with its best-matching name;</li>
 * <li>if none matched and the name is two short words, does the same for them joined as one word,
 * scoring what that finds against the name as asked ({@link #joined}).</li>
 * </ol>
 * The work per query is bounded by the rarest words of the query, not by the size of the index; the
 * arrays a query needs are reused across queries (a pool, one per concurrent search). Immutable
 * once built: build a new one beside it and swap.
 *
 * @param <R> what a name belongs to (a watchlist entry)
 */
public final class NameIndex<R> {

    /** How similar (Jaro-Winkler) a word of the index must be to a word of the query to be looked at. */
    static final double WORD_CUT = 0.80;
    /** The same for consonant skeletons (names in another script). */
    static final double SKELETON_CUT = 0.85;
    /** A query word found in more names than this brings no candidates of its own once a rarer one has. */
    static final int COMMON = 25_000;
    /** How many names, ranked by their shared words, are estimated. */
    static final int SHORTLIST = Integer.getInteger("concord.screening.shortlist", 300);
    /** How many words of the index, the most similar, a query word gathers names from. */
    static final int SIMILAR = Integer.getInteger("concord.screening.similar", 40);
    /** How many names, ranked by the estimate, are scored in full. */
    static final int SCORED = Integer.getInteger("concord.screening.scored", 64);
    /** The most query words used to find candidates (all count in the score). */
    static final int QUERY_WORDS = 12;

    private static final Character.UnicodeScript[] SCRIPTS = Character.UnicodeScript.values();

    /** One indexed name and what it belongs to. */
    public record Entry<R>(R owner, String kind, NameForms.Name name) {
    }

    /** A match: the owner, the name of it that matched best, and the comparison. */
    public record Hit<R>(R owner, Entry<R> entry, NameMatcher.Comparison comparison) {
    }

    // the names
    private final Object[] owners;
    private final String[] kinds;
    private final String[] written;
    private final int[][] words;
    private final byte[] scripts;
    /**
     * How each name reads in Latin letters ({@link NameForms.Name#latin}), kept without a string for
     * most names: {@link #LATIN_WORDS} when it is its words joined by spaces, {@link #LATIN_WRITTEN}
     * when it is the name as written in lower case (both may hold); else the text is in
     * {@link #latinText}, at the name's place in {@link #latinOf}. And {@link #ABJAD} when the name was
     * written mostly in Arabic script.
     */
    private final byte[] forms;
    private final int[] latinOf;
    private final String[] latinText;
    static final byte LATIN_WORDS = 1;
    static final byte LATIN_WRITTEN = 2;
    static final byte ABJAD = 4;
    /**
     * The names whose words' consonant skeletons are not the ones the index keeps for those words (a
     * word keeps the skeleton of the first name it came in, and "th" has one skeleton in a name read
     * from Arabic script and another in a Latin one: Fath is "ft" in الفاتح and "fs" in Fath), with
     * their own: the index scores with its words', a hit shows and scores the name's own, as
     * {@link NameForms#of} gives them. Few names have them.
     */
    private final int[] ownSkeletonsOf;
    private final String[][] ownSkeletons;
    // the distinct words
    private final String[] wordText;
    private final String[] wordPhonetic;
    private final int[] wordSkeleton;
    private final float[] wordRarity;
    /** The matcher's weight of each word and of each skeleton, computed once. */
    private final double[] wordWeight;
    private final double[] skeletonWeight;
    private final String[] wordRest;
    private final String[] skeletonRest;
    /**
     * The words' and the skeletons' letters, each in one array, with what the search reads of each
     * before it compares it (its letter set, its particle): see {@link Letters}.
     */
    private final Letters wordLetters;
    private final Letters skeletonLetters;
    private final int[][] wordNames;
    private final Map<String, int[]> wordTrigrams;
    // the distinct skeletons
    private final String[] skeletonText;
    private final int[][] skeletonWords;
    private final Map<String, int[]> skeletonTrigrams;

    private final NameMatcher matcher;
    /** How hits of equal score are ordered ({@link Builder#tiesBy}); null: by the order the names were added. */
    private final Comparator<Object> ties;
    private final ConcurrentLinkedQueue<Scratch> scratches = new ConcurrentLinkedQueue<>();
    /** The most (word, similarity) pairs kept for query words seen before (8 bytes each). */
    static final long KEPT_PAIRS = Long.getLong("concord.screening.similar-kept", 4_000_000);
    private final java.util.concurrent.ConcurrentHashMap<String, Similar> kept = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong keptPairs = new java.util.concurrent.atomic.AtomicLong();

    private NameIndex(Builder<R> b, NameMatcher matcher) {
        int n = b.size;
        this.ties = b.ties;
        this.owners = Arrays.copyOf(b.owners, n);
        this.kinds = Arrays.copyOf(b.kinds, n);
        this.written = Arrays.copyOf(b.written, n);
        // the words numbered in the order of their skeletons, then of their letters: the words of one
        // skeleton (all of which a query that finds the skeleton takes), and words spelled alike, are then
        // side by side in each array indexed by word, and a query reads them from memory together rather
        // than one cache miss each (numbered as first met, they were scattered over the whole vocabulary)
        int v = b.wordText.size();
        Integer[] byForm = new Integer[v];
        for (int w = 0; w < v; w++) {
            byForm[w] = w;
        }
        Arrays.sort(byForm, Comparator.comparing((Integer w) -> b.skeletonText.get(b.wordSkeleton.values[w])).thenComparing(w -> b.wordText.get(w)));
        int[] renumbered = new int[v];
        for (int w = 0; w < v; w++) {
            renumbered[byForm[w]] = w;
        }
        this.words = new int[n][];
        for (int i = 0; i < n; i++) {
            int[] ws = b.words[i].clone();
            for (int j = 0; j < ws.length; j++) {
                ws[j] = renumbered[ws[j]];
            }
            words[i] = ws;
        }
        this.scripts = Arrays.copyOf(b.scripts, n);
        this.forms = Arrays.copyOf(b.forms, n);
        this.latinOf = b.latinOf.toArray();
        this.latinText = b.latinText.toArray(String[]::new);
        this.ownSkeletonsOf = b.ownSkeletonsOf.toArray();
        this.ownSkeletons = b.ownSkeletons.toArray(String[][]::new);
        this.wordText = new String[v];
        this.wordPhonetic = new String[v];
        this.wordSkeleton = new int[v];
        for (int w = 0; w < v; w++) {
            wordText[renumbered[w]] = b.wordText.get(w);
            wordPhonetic[renumbered[w]] = b.wordPhonetic.get(w);
            wordSkeleton[renumbered[w]] = b.wordSkeleton.values[w];
        }
        this.skeletonText = b.skeletonText.toArray(String[]::new);
        // postings: each word to the names that hold it, in name order, each name once
        int[] df = new int[v];
        for (int i = 0; i < n; i++) {
            int[] ws = words[i];
            for (int j = 0; j < ws.length; j++) {
                if (!seenBefore(ws, j)) {
                    df[ws[j]]++;
                }
            }
        }
        this.wordNames = new int[v][];
        for (int w = 0; w < v; w++) {
            wordNames[w] = new int[df[w]];
        }
        int[] fill = new int[v];
        for (int i = 0; i < n; i++) {
            int[] ws = words[i];
            for (int j = 0; j < ws.length; j++) {
                if (!seenBefore(ws, j)) {
                    wordNames[ws[j]][fill[ws[j]]++] = i;
                }
            }
        }
        // rarity, as the matcher weighs it: in how many names each word and each skeleton occurs
        Map<String, Integer> frequency = new HashMap<>(v * 2);
        for (int w = 0; w < v; w++) {
            frequency.merge(wordText[w], df[w], Integer::sum);
        }
        int[] skeletonDf = new int[skeletonText.length];
        int[] lastName = new int[skeletonText.length];
        Arrays.fill(lastName, -1);
        for (int i = 0; i < n; i++) {
            for (int w : words[i]) {
                int s = wordSkeleton[w];
                if (lastName[s] != i) {
                    lastName[s] = i;
                    skeletonDf[s]++;
                }
            }
        }
        for (int s = 0; s < skeletonText.length; s++) {
            frequency.merge(skeletonText[s], skeletonDf[s], Integer::sum);
        }
        this.matcher = matcher.weighingRarity(frequency, n);
        this.wordRarity = new float[v];
        this.wordWeight = new double[v];
        for (int w = 0; w < v; w++) {
            wordWeight[w] = this.matcher.rarity(wordText[w]);
            wordRarity[w] = (float) wordWeight[w];
        }
        this.skeletonWeight = new double[skeletonText.length];
        for (int k = 0; k < skeletonText.length; k++) {
            skeletonWeight[k] = this.matcher.rarity(skeletonText[k]);
        }
        this.wordLetters = new Letters(wordText);
        this.skeletonLetters = new Letters(skeletonText);
        this.wordRest = new String[v];
        for (int w = 0; w < v; w++) {
            wordRest[w] = wordText[w].substring(wordLetters.particle(w));
        }
        this.skeletonRest = new String[skeletonText.length];
        for (int k = 0; k < skeletonText.length; k++) {
            skeletonRest[k] = skeletonText[k].substring(skeletonLetters.particle(k));
        }
        this.wordTrigrams = postings(wordText);
        this.skeletonTrigrams = postings(skeletonText);
        int[] skeletonSize = new int[skeletonText.length];
        for (int w = 0; w < v; w++) {
            skeletonSize[wordSkeleton[w]]++;
        }
        this.skeletonWords = new int[skeletonText.length][];
        for (int s = 0; s < skeletonText.length; s++) {
            skeletonWords[s] = new int[skeletonSize[s]];
        }
        int[] at = new int[skeletonText.length];
        for (int w = 0; w < v; w++) {
            skeletonWords[wordSkeleton[w]][at[wordSkeleton[w]]++] = w;
        }
    }

    /**
     * A word's letters as a set (bits 0-47, a letter's code modulo 48) and, above them, its length and
     * how many of its letters repeat one before it: enough for {@link #mayReach} to bound Jaro-Winkler.
     */
    static long letters(String word) {
        return letters(word.toCharArray(), 0, word.length());
    }

    /** {@link #letters(String)} of the word in {@code chars} from {@code from} up to, not including, {@code to}. */
    static long letters(char[] chars, int from, int to) {
        long set = 0;
        int repeats = 0;
        for (int i = from; i < to; i++) {
            long bit = 1L << (chars[i] % 48);
            if ((set & bit) != 0) {
                repeats++;
            }
            set |= bit;
        }
        return set | ((long) Math.min(to - from, 255) << 48) | ((long) Math.min(repeats, 255) << 56);
    }

    /**
     * The letters of many texts (the index's words, or its skeletons) one after another in one array,
     * and of each text, side by side in one other array, what the search reads of it before it compares
     * it: its letter set ({@link #letters}), where its letters are, how many and its particle
     * ({@link NameMatcher#particle}). A text the search compares costs two reads from memory (its
     * shape, its letters) instead of five (its particle, its letter set, the reference to its string,
     * the string, its bytes): at a million names most of those are cache misses.
     */
    static final class Letters {
        /** Every text's letters, in text order. */
        final char[] chars;
        /** Of text k: at 2k its {@link #letters}; at 2k + 1 where its letters start (bits 24 and up), how many (bits 8-23) and its particle (bits 0-7). */
        final long[] shape;

        Letters(String[] texts) {
            long total = 0;
            for (String text : texts) {
                if (text.length() > 0xFFFF) {
                    throw new IllegalArgumentException("an indexed word has at most 65535 letters; one has " + text.length());
                }
                total += text.length();
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("the words of an index have at most " + (Integer.MAX_VALUE - 16) + " letters in all; these have " + total);
            }
            chars = new char[(int) total];
            shape = new long[2 * texts.length];
            int at = 0;
            for (int k = 0; k < texts.length; k++) {
                String text = texts[k];
                text.getChars(0, text.length(), chars, at);
                shape[2 * k] = letters(chars, at, at + text.length());
                shape[2 * k + 1] = ((long) at << 24) | ((long) text.length() << 8) | NameMatcher.particle(text);
                at += text.length();
            }
        }

        int particle(int k) {
            return (int) (shape[2 * k + 1] & 0xFF);
        }

        /** Where a query word with {@code queryParticle} and a text of this {@code shape} are compared from: past the particle both have, else 0. */
        static int from(int queryParticle, long shape) {
            return queryParticle > 0 && queryParticle == (int) (shape & 0xFF) ? queryParticle : 0;
        }

        /**
         * The similarity of {@code query} (of {@code queryParticle}) and text {@code k}, as the search
         * computes it: the same figure as {@link NameMatcher#similarity(String, int, String, String, int, String, long[])}.
         */
        double similarity(char[] query, int queryParticle, int k, long[] positions) {
            long at = shape[2 * k + 1];
            int start = (int) (at >>> 24);
            int length = (int) ((at >>> 8) & 0xFFFF);
            int from = from(queryParticle, at);
            return JaroWinkler.similarity(query, from, query.length - from, chars, start + from, length - from, positions);
        }

        /** The letter set of text {@code k} as the search bounds it against a query word of {@code queryParticle}: without the particle both have. */
        long lettersOf(int queryParticle, int k) {
            long at = shape[2 * k + 1];
            int start = (int) (at >>> 24);
            int from = from(queryParticle, at);
            return from > 0 ? NameIndex.letters(chars, start + from, start + (int) ((at >>> 8) & 0xFFFF)) : shape[2 * k];
        }

        /** {@link NameIndex#prefix} of {@code query} and text {@code k} as the search bounds them. */
        int prefixOf(char[] query, int queryParticle, int k) {
            long at = shape[2 * k + 1];
            int start = (int) (at >>> 24);
            int from = from(queryParticle, at);
            return NameIndex.prefix(query, from, query.length, chars, start + from, start + (int) ((at >>> 8) & 0xFFFF));
        }
    }

    /**
     * Whether two words may be {@code cut} alike by Jaro-Winkler: it matches at most the letters they
     * share (the letters of both, plus the fewer repeats), so its Jaro figure is at most
     * {@code (m/a + m/b + 1) / 3}, and its prefix bonus is 0.1 of the rest for each of the first
     * {@code prefix} letters they share (at most four: {@link #prefix}). Never false for a pair that
     * reaches the cut; false for most pairs that do not, at the cost of a few instructions.
     */
    static boolean mayReach(long x, long y, int prefix, double cut) {
        int a = (int) ((x >>> 48) & 0xFF);
        int b = (int) ((y >>> 48) & 0xFF);
        if (a == 0 || b == 0) {
            return true;
        }
        int shared = Long.bitCount(x & y & 0xFFFF_FFFF_FFFFL) + (int) Math.min((x >>> 56) & 0xFF, (y >>> 56) & 0xFF);
        int m = Math.min(shared, Math.min(a, b));
        double jaro = ((double) m / a + (double) m / b + 1) / 3;
        double best = jaro < 0.7 ? jaro : jaro + 0.1 * prefix * (1 - jaro);
        return best >= cut - 1e-9;
    }

    private static boolean seenBefore(int[] ws, int j) {
        for (int k = 0; k < j; k++) {
            if (ws[k] == ws[j]) {
                return true;
            }
        }
        return false;
    }

    /** Character trigrams of each text, with its start and end marked ({@code ^ab}, {@code ab$}), to the texts that have them. */
    static Map<String, int[]> postings(String[] texts) {
        Map<String, IntList> lists = new HashMap<>();
        for (int t = 0; t < texts.length; t++) {
            for (String trigram : trigrams(texts[t])) {
                lists.computeIfAbsent(trigram, k -> new IntList(4)).addUnlessLast(t);
            }
        }
        Map<String, int[]> postings = new HashMap<>(lists.size() * 2);
        lists.forEach((k, list) -> postings.put(k, list.toArray()));
        return postings;
    }

    static List<String> trigrams(String text) {
        String marked = "^" + text + "$";
        List<String> out = new ArrayList<>(marked.length());
        if (marked.length() < 3) {
            out.add(marked);
            return out;
        }
        for (int i = 0; i + 3 <= marked.length(); i++) {
            String trigram = marked.substring(i, i + 3);
            if (!out.contains(trigram)) {
                out.add(trigram);
            }
        }
        return out;
    }

    /** Builds an index of these names. */
    public static <R> NameIndex<R> build(List<Entry<R>> entries, NameMatcher matcher) {
        Builder<R> builder = builder(matcher);
        entries.forEach(e -> builder.add(e.owner(), e.kind(), e.name()));
        return builder.build();
    }

    /** A builder that keeps only the compact form of each name added, so that a million names need not be held twice. */
    public static <R> Builder<R> builder(NameMatcher matcher) {
        return new Builder<>(matcher);
    }

    /** Adds names one at a time (one thread); {@link #build()} makes the index. */
    public static final class Builder<R> {
        private final NameMatcher matcher;
        private Object[] owners = new Object[1024];
        private String[] kinds = new String[1024];
        private String[] written = new String[1024];
        private int[][] words = new int[1024][];
        private byte[] scripts = new byte[1024];
        private byte[] forms = new byte[1024];
        private final IntList latinOf = new IntList(1024);
        private final List<String> latinText = new ArrayList<>();
        private final IntList ownSkeletonsOf = new IntList(16);
        private final List<String[]> ownSkeletons = new ArrayList<>();
        private int size;
        private final Map<String, Integer> wordIds = new HashMap<>();
        private final List<String> wordText = new ArrayList<>();
        private final List<String> wordPhonetic = new ArrayList<>();
        private final IntList wordSkeleton = new IntList(1024);
        private final Map<String, Integer> skeletonIds = new HashMap<>();
        private final List<String> skeletonText = new ArrayList<>();
        private final Map<String, String> kindsSeen = new HashMap<>();
        private Comparator<Object> ties;

        private Builder(NameMatcher matcher) {
            this.matcher = matcher;
        }

        /**
         * Orders hits of equal score by their owners, so that which of them a search answers first, and which a limit
         * keeps, does not depend on the order the names were added in (a list imported before or after another, the
         * order a database gives rows back in). Without it, equal scores keep the order added.
         */
        @SuppressWarnings("unchecked")
        public Builder<R> tiesBy(Comparator<? super R> order) {
            this.ties = (Comparator<Object>) order;
            return this;
        }

        public Builder<R> add(R owner, String kind, NameForms.Name name) {
            if (size == owners.length) {
                int grown = size * 2;
                owners = Arrays.copyOf(owners, grown);
                kinds = Arrays.copyOf(kinds, grown);
                written = Arrays.copyOf(written, grown);
                words = Arrays.copyOf(words, grown);
                scripts = Arrays.copyOf(scripts, grown);
                forms = Arrays.copyOf(forms, grown);
            }
            List<String> tokens = name.tokens();
            int[] ids = new int[tokens.size()];
            for (int j = 0; j < ids.length; j++) {
                String token = tokens.get(j);
                Integer id = wordIds.get(token);
                if (id == null) {
                    id = wordText.size();
                    wordIds.put(token, id);
                    wordText.add(token);
                    wordPhonetic.add(name.phonetic().get(j));
                    String skeleton = name.skeletons().get(j);
                    Integer s = skeletonIds.get(skeleton);
                    if (s == null) {
                        s = skeletonText.size();
                        skeletonIds.put(skeleton, s);
                        skeletonText.add(skeleton);
                    }
                    wordSkeleton.add(s);
                }
                ids[j] = id;
            }
            owners[size] = owner;
            kinds[size] = kindsSeen.computeIfAbsent(kind, k -> k);
            written[size] = name.written();
            words[size] = ids;
            scripts[size] = (byte) name.script().ordinal();
            byte how = name.abjad() ? ABJAD : 0;
            if (isJoined(name.latin(), tokens)) {
                how |= LATIN_WORDS;
            }
            if (name.latin().equals(name.written().toLowerCase(Locale.ROOT).strip())) {
                how |= LATIN_WRITTEN;
            }
            if ((how & (LATIN_WORDS | LATIN_WRITTEN)) == 0) {
                latinOf.add(size);
                latinText.add(name.latin());
            }
            forms[size] = how;
            for (int j = 0; j < ids.length; j++) {
                if (!name.skeletons().get(j).equals(skeletonText.get(wordSkeleton.values[ids[j]]))) {
                    ownSkeletonsOf.add(size);
                    ownSkeletons.add(name.skeletons().toArray(String[]::new));
                    break;
                }
            }
            size++;
            return this;
        }

        public NameIndex<R> build() {
            return new NameIndex<>(this, matcher);
        }

        /** Whether {@code text} is {@code words} joined by single spaces. */
        private static boolean isJoined(String text, List<String> words) {
            int at = 0;
            for (int j = 0; j < words.size(); j++) {
                String word = words.get(j);
                if (j > 0) {
                    if (at >= text.length() || text.charAt(at) != ' ') {
                        return false;
                    }
                    at++;
                }
                if (!text.startsWith(word, at)) {
                    return false;
                }
                at += word.length();
            }
            return at == text.length();
        }
    }

    public int size() {
        return owners.length;
    }

    /** Each name as the matcher sees it (its words from the index), in index order: for baselines and checks. */
    public void forEachName(java.util.function.Consumer<NameForms.Name> action) {
        for (int i = 0; i < owners.length; i++) {
            action.accept(nameAt(i));
        }
    }

    /** The number of distinct words of the names indexed. */
    public int words() {
        return wordText.length;
    }

    /** The matcher, weighing words by their rarity in this index. */
    public NameMatcher matcher() {
        return matcher;
    }

    /** What the name at position {@code i} (0 to {@link #size()} - 1) belongs to. */
    @SuppressWarnings("unchecked")
    public R owner(int i) {
        return (R) owners[i];
    }

    /** The name at position {@code i} as it was written. */
    public String written(int i) {
        return written[i];
    }

    /** The kind of the name at position {@code i}, as it was added. */
    public String kind(int i) {
        return kinds[i];
    }

    /**
     * The name at position {@code i} as the matcher sees it (its words from the index): what
     * {@link NameForms#of} made of it, as far as the index keeps it, so that a new index can take it
     * without reading the name again.
     */
    public NameForms.Name name(int i) {
        return nameAt(i);
    }

    /** The name at position {@code i} as {@link NameForms#of} made it (its words from the index). */
    private NameForms.Name nameAt(int i) {
        int[] ws = words[i];
        String[] tokens = new String[ws.length];
        String[] skeletons = new String[ws.length];
        String[] phonetic = new String[ws.length];
        for (int j = 0; j < ws.length; j++) {
            int w = ws[j];
            tokens[j] = wordText[w];
            skeletons[j] = skeletonText[wordSkeleton[w]];
            phonetic[j] = wordPhonetic[w];
        }
        int own = Arrays.binarySearch(ownSkeletonsOf, i);
        return new NameForms.Name(written[i], latin(i), List.of(tokens), List.of(own >= 0 ? ownSkeletons[own] : skeletons), List.of(phonetic),
                (forms[i] & ABJAD) != 0, SCRIPTS[scripts[i]]);
    }

    /** How the name at position {@code i} reads in Latin letters. */
    private String latin(int i) {
        if ((forms[i] & LATIN_WORDS) != 0) {
            int[] ws = words[i];
            StringBuilder out = new StringBuilder();
            for (int j = 0; j < ws.length; j++) {
                out.append(j == 0 ? "" : " ").append(wordText[ws[j]]);
            }
            return out.toString();
        }
        if ((forms[i] & LATIN_WRITTEN) != 0) {
            return written[i].toLowerCase(Locale.ROOT).strip();
        }
        return latinText[Arrays.binarySearch(latinOf, i)];
    }

    /** The line of a hit's explanation that says how the name at position {@code i} was read ({@link NameMatcher#readAs(NameForms.Name)}). */
    private String readAs(int i) {
        return NameMatcher.readAs(written[i], latin(i), (forms[i] & LATIN_WRITTEN) != 0, (forms[i] & ABJAD) != 0);
    }

    /** The name at position {@code i}, prepared for a full score from what the index keeps of each word. */
    private NameMatcher.Prepared preparedAt(int i) {
        int[] ws = words[i];
        int k = ws.length;
        String[] tokens = new String[k];
        String[] skeletons = new String[k];
        String[] phonetic = new String[k];
        int[] tokenParticle = new int[k];
        String[] tokenRest = new String[k];
        int[] skeletonParticle = new int[k];
        String[] skeletonRest = new String[k];
        double[] tokenWeight = new double[k];
        double[] skeletonWeights = new double[k];
        for (int j = 0; j < k; j++) {
            int w = ws[j];
            int sk = wordSkeleton[w];
            tokens[j] = wordText[w];
            skeletons[j] = skeletonText[sk];
            phonetic[j] = wordPhonetic[w];
            tokenParticle[j] = wordLetters.particle(w);
            tokenRest[j] = wordRest[w];
            skeletonParticle[j] = skeletonLetters.particle(sk);
            skeletonRest[j] = this.skeletonRest[sk];
            tokenWeight[j] = wordWeight[w];
            skeletonWeights[j] = skeletonWeight[sk];
        }
        return new NameMatcher.Prepared(tokens, skeletons, phonetic, tokenParticle, tokenRest, skeletonParticle, skeletonRest, tokenWeight,
                skeletonWeights, SCRIPTS[scripts[i]]);
    }

    /**
     * The owners whose names score at least the review threshold against the query, best first, each
     * once, with its best-matching name.
     */
    public List<Hit<R>> search(NameForms.Name query, int limit) {
        return search(query, limit, null);
    }

    /**
     * {@link #search(NameForms.Name, int)} among the owners {@code admits} lets in (all when null): the others are
     * left out before the candidates are shortlisted, so that they take no place of one that is let in.
     */
    public List<Hit<R>> search(NameForms.Name query, int limit, java.util.function.Predicate<? super R> admits) {
        Scratch scratch = scratches.poll();
        if (scratch == null) {
            scratch = new Scratch(owners.length, wordText.length, skeletonText.length);
        }
        try {
            return search(query, limit, admits, scratch);
        } finally {
            scratches.offer(scratch);
        }
    }

    /**
     * Every name scored in full, no index: what {@link #search} would answer if it scored every name.
     * For tests and the benchmark's check of what the index misses; far too slow for a query.
     */
    public List<Hit<R>> searchEverything(NameForms.Name query, int limit) {
        NameMatcher.Prepared q = matcher.prepare(query);
        Map<Object, double[]> best = new LinkedHashMap<>();
        double[] parts = new double[4];
        for (int i = 0; i < owners.length; i++) {
            NameMatcher.scoreParts(q, preparedAt(i), parts, 0);
            keepBest(best, i, parts);
        }
        return hits(query, q, best, limit);
    }

    /** Keeps the name at {@code i} as its owner's best if it is: its score and the parts of it ({@link NameMatcher#scoreParts}). */
    private void keepBest(Map<Object, double[]> best, int i, double[] parts) {
        double score = parts[0];
        if (score < matcher.thresholds().review()) {
            return;
        }
        double[] previous = best.get(owners[i]);
        // of two names that score the same, the first by position (the first added), whichever was scored first
        if (previous == null || previous[0] < score || previous[0] == score && i < previous[1]) {
            best.put(owners[i], new double[] {score, i, parts[1], parts[2], parts[3]});
        }
    }

    /**
     * The best {@code limit} of the owners found, each with its name and the explanation of its score
     * (from the parts kept when it was scored: only the hits answered are explained).
     */
    @SuppressWarnings("unchecked")
    private List<Hit<R>> hits(NameForms.Name query, NameMatcher.Prepared q, Map<Object, double[]> best, int limit) {
        List<double[]> ranked = new ArrayList<>(best.values());
        Comparator<double[]> byScore = Comparator.comparingDouble((double[] d) -> -d[0]);
        if (ties != null) {
            byScore = byScore.thenComparing((double[] d) -> owners[(int) d[1]], ties);
        }
        ranked.sort(byScore.thenComparingDouble(d -> d[1]));
        List<Hit<R>> hits = new ArrayList<>();
        String queryReadAs = NameMatcher.readAs(query);
        for (double[] found : ranked.subList(0, Math.min(limit, ranked.size()))) {
            int i = (int) found[1];
            double score = found[0];
            NameForms.Name name = nameAt(i);
            NameMatcher.Comparison comparison;
            if (Arrays.binarySearch(ownSkeletonsOf, i) >= 0) {
                // its skeletons are not its words' in the index: scored again with its own
                comparison = matcher.compare(query, name);
            } else {
                List<String> why = NameMatcher.explain(q, preparedAt(i), queryReadAs, readAs(i), found[2], found[3], found[4], score);
                comparison = new NameMatcher.Comparison(score, matcher.thresholds().band(score), why);
            }
            hits.add(new Hit<>((R) owners[i], new Entry<>((R) owners[i], kinds[i], name), comparison));
        }
        return hits;
    }

    private List<Hit<R>> search(NameForms.Name query, int limit, java.util.function.Predicate<? super R> admits, Scratch s) {
        NameMatcher.Prepared prepared = matcher.prepare(query);
        Map<Object, double[]> found = new LinkedHashMap<>();
        scoreCandidates(query, prepared, prepared, admits, s, found);
        NameForms.Name joined = found.values().stream().anyMatch(f -> f[0] >= matcher.thresholds().match()) ? null : joined(query);
        if (joined != null) {
            // found by its words joined (Wali Jan, ولی جان: WALIJAN), scored as the name asked
            scoreCandidates(joined, matcher.prepare(joined), prepared, admits, s, found);
        }
        return hits(query, prepared, found, limit);
    }

    /** The longest joined name {@link #joined} looks for: a short compound given name, not an organisation's. */
    static final int JOINED_LETTERS = 12;

    /**
     * A name of two short words as one word, to look for in the names written without the space (the
     * same letters split differently: Wali Jan and WALIJAN, Allah Dad and Allahdad); null for any other
     * name. The index looks names up word by word, so without it neither word of the one finds the
     * other. Asked only when the name as written matched nothing.
     */
    static NameForms.Name joined(NameForms.Name query) {
        List<String> tokens = query.tokens();
        if (tokens.size() != 2 || tokens.get(0).length() + tokens.get(1).length() > JOINED_LETTERS) {
            return null;
        }
        String word = tokens.get(0) + tokens.get(1);
        return new NameForms.Name(query.written(), query.latin(), List.of(word), List.of(NameForms.skeleton(word, query.abjad())),
                List.of(NameForms.phonetic(word)), query.abjad(), query.script());
    }

    /**
     * Gathers the names {@code probe}'s words find, shortlists them by what was gathered and the estimate,
     * and scores the best {@link #SCORED} in full against {@code scoredAs} (the name asked, which {@code query}
     * is or stands for), keeping each owner's best in {@code found}.
     */
    @SuppressWarnings("unchecked")
    private void scoreCandidates(NameForms.Name query, NameMatcher.Prepared prepared, NameMatcher.Prepared scoredAs,
            java.util.function.Predicate<? super R> admits, Scratch s, Map<Object, double[]> found) {
        s.newQuery();
        List<String> tokens = query.tokens();
        int m = Math.min(tokens.size(), QUERY_WORDS);
        IntList[] similar = new IntList[m];
        long[] estimate = new long[m];
        s.startTable(m);
        for (int i = 0; i < m; i++) {
            similar[i] = mostSimilar(similarWordsKept(tokens.get(i), query.skeletons().get(i), otherQafSkeleton(tokens.get(i), query.abjad()),
                    i, s), i, s);
            for (int k = 0; k < similar[i].size; k++) {
                estimate[i] += wordNames[similar[i].values[k]].length;
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> estimate[i]).thenComparingInt(i -> i));
        // gather candidates, rarest word first
        int first = -1;
        for (int k = 0; k < m; k++) {
            int i = order[k];
            if (estimate[i] == 0) {
                continue;
            }
            boolean gathers = first < 0 || estimate[i] <= COMMON || (k == first + 1 && estimate[order[first]] > COMMON);
            if (first < 0) {
                first = k;
            }
            if (!gathers) {
                continue;
            }
            float weight = (float) Math.max(0.05, Math.log((owners.length + 1.0) / (estimate[i] + 1.0)));
            gather(similar[i], i, weight, s);
        }
        // the best by what was gathered, then the estimate, then the full score
        if (admits != null) {
            // a name left out gathers nothing, so it is shortlisted only when too few others were gathered, then dropped
            for (int c = 0; c < s.count; c++) {
                if (!admits.test((R) owners[s.gathered[c << 2]])) {
                    s.gathered[(c << 2) + ACC] = Float.floatToRawIntBits(0f);
                }
            }
        }
        int[] shortlist = s.shortlist(SHORTLIST);
        if (admits != null) {
            shortlist = Arrays.stream(shortlist).filter(n -> admits.test((R) owners[n])).toArray();
        }

        double[] queryWeights = prepared.tokenRarity;
        int scored = Math.min(SCORED, shortlist.length);
        float[] estimates = new float[shortlist.length];
        double queryWeight = 0;
        for (int i = 0; i < m; i++) {
            queryWeight += queryWeights[i];
        }
        for (int c = 0; c < shortlist.length; c++) {
            estimates[c] = estimate(shortlist[c], m, queryWeights, queryWeight, s);
        }
        int[] best = topByValue(shortlist, estimates, scored);
        double[] parts = new double[4];
        for (int i : best) {
            NameMatcher.scoreParts(scoredAs, preparedAt(i), parts, 0);
            keepBest(found, i, parts);
        }
    }

    /**
     * What {@link #similarWords} found for a query word, in the order it found them: a word of the
     * index and its similarity, or (a negative id, {@code ~k}) skeleton {@code k} and the similarity
     * each word with that skeleton takes; a skeleton stands for all its words, so one kept is one pair.
     */
    private record Similar(int[] found, float[] similarity) {
    }

    /**
     * {@link #similarWords}, kept for the next query with the same word: words repeat from query to
     * query (given names, common family names), and finding the words spelled like one (trigram counts,
     * then Jaro-Winkler) is a third of a query. At most {@link #KEPT_PAIRS} pairs are kept over all
     * query words; past it, nothing more is kept (the words met first are mostly the common ones; a
     * cache emptied whenever it filled could be emptied over and over at a million names, each query
     * paying to keep what the next one drops). What is kept is replayed in the order it was found, so
     * the table and the list of words it makes are the ones the search made.
     */
    private IntList similarWordsKept(String token, String skeleton, String otherSkeleton, int i, Scratch s) {
        String key = token + '\u0000' + skeleton + '\u0000' + otherSkeleton;
        Similar known = kept.get(key);
        IntList out = new IntList(known != null ? known.found().length : 512);
        if (known != null) {
            replay(known.found(), known.similarity(), known.found().length, i, s, out);
            return out;
        }
        s.found.size = 0;
        s.foundSimilarity.size = 0;
        similarWords(token, skeleton, s);
        if (otherSkeleton != null) {
            similarSkeletons(otherSkeleton, s);
        }
        replay(s.found.values, s.foundSimilarity.values, s.found.size, i, s, out);
        int pairs = s.found.size;
        if (keptPairs.addAndGet(pairs + 8) <= KEPT_PAIRS) {
            kept.put(key, new Similar(s.found.toArray(), Arrays.copyOf(s.foundSimilarity.values, pairs)));
        } else {
            keptPairs.addAndGet(-(pairs + 8));
        }
        return out;
    }

    /** Records what was found for query word {@code i}: each word (a skeleton's, each of its words) with its similarity, in order. */
    private void replay(int[] found, float[] similarity, int n, int i, Scratch s, IntList out) {
        for (int k = 0; k < n; k++) {
            int f = found[k];
            if (f >= 0) {
                s.put(f, i, similarity[k], out);
            } else {
                for (int w : skeletonWords[~f]) {
                    s.put(w, i, similarity[k], out);
                }
            }
        }
    }

    /**
     * The words of the index spelled like {@code token}, and the skeletons like {@code skeleton}, with
     * their similarity, into {@link Scratch#found} and {@link Scratch#foundSimilarity}, in the order found.
     */
    private void similarWords(String token, String skeleton, Scratch s) {
        // spelling: the words that share enough trigrams, then Jaro-Winkler
        List<String> trigrams = trigrams(token);
        // two spellings this alike share about half their trigrams; the consonants below catch the rest
        int need = Math.max(1, trigrams.size() / 2);
        s.count(trigrams, wordTrigrams, s.wordCounts, need);
        compareReached(wordLetters, token, WORD_CUT, false, s);
        similarSkeletons(skeleton, s);
    }

    /**
     * The skeleton of a query word read with ق the other way ({@link NameForms#persianQafSkeleton}), to look up beside its
     * own: from Arabic script, its qaf read as gh (finds Ghalibaf for قالیباف); in Latin letters, its gh read as qaf, which
     * a skeleton reads as k (finds قالیباف for Ghalibaf); null when the word has neither. The matcher scores what this
     * finds ({@link NameMatcher}'s Persian reading); only the finding is the index's.
     */
    static String otherQafSkeleton(String token, boolean abjad) {
        if (abjad) {
            return NameForms.persianQafSkeleton(token);
        }
        return token.contains("gh") ? NameForms.skeleton(token.replace("gh", "q"), false) : null;
    }

    /** The skeletons of the index like {@code skeleton}, with their similarity, into {@link Scratch#found}: see {@link #similarWords}. */
    private void similarSkeletons(String skeleton, Scratch s) {
        // consonants: the words whose skeleton is like this one's (the same name in another script, or spelled with other vowels)
        List<String> skeletonTrigrams = trigrams(skeleton);
        int needSkeleton = Math.max(1, skeletonTrigrams.size() / 2);
        s.count(skeletonTrigrams, this.skeletonTrigrams, s.skeletonCounts, needSkeleton);
        compareReached(skeletonLetters, skeleton, SKELETON_CUT, true, s);
    }

    /**
     * Of the texts just counted with enough of the query text's trigrams ({@link Scratch#reached}: words,
     * or skeletons), those whose letters may reach {@code cut} ({@link #mayReach}) and do by
     * Jaro-Winkler, the "abd" particle set aside when both have it (what
     * {@link NameMatcher#similarity(String, int, String, String, int, String)} computes), into
     * {@link Scratch#found} in the order counted: a word as its id, a skeleton as {@code ~k} with 0.96 of
     * its similarity. Each text compared is read from {@link Letters}: its shape, then its letters.
     */
    private static void compareReached(Letters texts, String text, double cut, boolean skeletons, Scratch s) {
        char[] query = text.toCharArray();
        int queryLength = query.length;
        int queryParticle = NameMatcher.particle(text);
        long queryRestLetters = letters(query, queryParticle, queryLength);
        long queryLetters = letters(query, 0, queryLength);
        char[] chars = texts.chars;
        long[] shape = texts.shape;
        long[] positions = s.positions;
        int[] reached = s.reached.values;
        for (int c = 0, n = s.reached.size; c < n; c++) {
            int k = reached[c];
            long at = shape[2 * k + 1];
            int start = (int) (at >>> 24);
            int length = (int) ((at >>> 8) & 0xFFFF);
            // both have the particle: compared without it (the same letters, so the same length, on both sides)
            int from = Letters.from(queryParticle, at);
            long theirs = from > 0 ? letters(chars, start + from, start + length) : shape[2 * k];
            if (mayReach(from > 0 ? queryRestLetters : queryLetters, theirs, prefix(query, from, queryLength, chars, start + from, start + length), cut)) {
                double sim = JaroWinkler.similarity(query, from, queryLength - from, chars, start + from, length - from, positions);
                if (sim >= cut) {
                    s.found.add(skeletons ? ~k : k);
                    s.foundSimilarity.add((float) (skeletons ? 0.96 * sim : sim));
                }
            }
        }
    }

    /** {@link #prefix(String, String)} of the words in {@code a} from {@code aFrom} to {@code aTo} and in {@code b} from {@code bFrom} to {@code bTo} (ends excluded). */
    static int prefix(char[] a, int aFrom, int aTo, char[] b, int bFrom, int bTo) {
        int n = Math.min(4, Math.min(aTo - aFrom, bTo - bFrom));
        int l = 0;
        while (l < n && a[aFrom + l] == b[bFrom + l]) {
            l++;
        }
        return l;
    }

    /** How many of the first four letters two words share, as Jaro-Winkler counts its prefix. */
    static int prefix(String a, String b) {
        int n = Math.min(4, Math.min(a.length(), b.length()));
        int l = 0;
        while (l < n && a.charAt(l) == b.charAt(l)) {
            l++;
        }
        return l;
    }

    /**
     * The {@value #SIMILAR} words most like query word {@code i}: a word spelled like many others
     * (names built of the same syllables) gathers names only through its closest spellings; the others
     * still count in the estimate.
     */
    private static IntList mostSimilar(IntList words, int i, Scratch s) {
        if (words.size <= SIMILAR) {
            return words;
        }
        // the SIMILAR highest keys (similarity, then word: all distinct) in a heap whose root is the lowest of them
        long[] heap = s.heap;
        int size = 0;
        for (int k = 0; k < words.size; k++) {
            long key = ((long) Float.floatToIntBits(s.sim(words.values[k], i)) << 32) | words.values[k];
            if (size < SIMILAR) {
                int at = size++;
                while (at > 0 && heap[(at - 1) >> 1] > key) {
                    heap[at] = heap[(at - 1) >> 1];
                    at = (at - 1) >> 1;
                }
                heap[at] = key;
            } else if (key > heap[0]) {
                int at = 0;
                while (true) {
                    int child = 2 * at + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && heap[child + 1] < heap[child]) {
                        child++;
                    }
                    if (heap[child] >= key) {
                        break;
                    }
                    heap[at] = heap[child];
                    at = child;
                }
                heap[at] = key;
            }
        }
        Arrays.sort(heap, 0, size);
        IntList best = new IntList(SIMILAR);
        for (int k = size - 1; k >= 0; k--) {
            best.add((int) heap[k]);
        }
        return best;
    }

    /** Adds what query word {@code i} found to each name holding one of its similar words (the best of them, once per name). */
    private void gather(IntList similar, int i, float weight, Scratch s) {
        int[] slotOf = s.slotOf;
        for (int k = 0; k < similar.size; k++) {
            int w = similar.values[k];
            float sim = s.sim(w, i);
            int[] names = wordNames[w];
            int[] gathered = s.room(names.length);
            int count = s.count;
            for (int n : names) {
                // gathered this query if its slot is one of this query's and holds it (a slot left from before holds another or is past the count)
                int slot = slotOf[n];
                int at = slot << 2;
                if (slot >= count || gathered[at] != n) {
                    slotOf[n] = count;
                    at = count << 2;
                    count++;
                    gathered[at] = n;
                    gathered[at + ACC] = Float.floatToRawIntBits(weight * sim);
                    gathered[at + LAST_WORD] = i;
                    gathered[at + LAST_SIM] = Float.floatToRawIntBits(sim);
                } else if (gathered[at + LAST_WORD] == i) {
                    float lastSim = Float.intBitsToFloat(gathered[at + LAST_SIM]);
                    if (sim > lastSim) {
                        float acc = Float.intBitsToFloat(gathered[at + ACC]);
                        acc += weight * (sim - lastSim);
                        gathered[at + ACC] = Float.floatToRawIntBits(acc);
                        gathered[at + LAST_SIM] = Float.floatToRawIntBits(sim);
                    }
                } else {
                    gathered[at + LAST_WORD] = i;
                    gathered[at + LAST_SIM] = Float.floatToRawIntBits(sim);
                    float acc = Float.intBitsToFloat(gathered[at + ACC]);
                    acc += weight * sim;
                    gathered[at + ACC] = Float.floatToRawIntBits(acc);
                }
            }
            s.count = count;
        }
    }

    /**
     * The word-by-word measure both ways from the similarities already found (a pair not found counts
     * 0), averaged, or 0.9 x the shorter name's side when all its words are in the longer one: what
     * {@link NameMatcher} computes, without comparing strings.
     */
    private float estimate(int n, int m, double[] queryWeights, double queryWeight, Scratch s) {
        int[] ws = words[n];
        // one pass over the name's words: each word's best query word, and each query word's best word of the name
        float[] bestOfQuery = s.bestOfQuery;
        for (int i = 0; i < m; i++) {
            bestOfQuery[i] = 0f;
        }
        double nameSide = 0;
        double nameWeight = 0;
        for (int w : ws) {
            float best = 0;
            if (s.local[w << 1] == s.query) {
                int row = s.local[(w << 1) + 1] * s.columns;
                for (int i = 0; i < m; i++) {
                    float sim = s.table[row + i];
                    best = Math.max(best, sim);
                    bestOfQuery[i] = Math.max(bestOfQuery[i], sim);
                }
            }
            nameSide += wordRarity[w] * best;
            nameWeight += wordRarity[w];
        }
        double querySide = 0;
        for (int i = 0; i < m; i++) {
            querySide += queryWeights[i] * bestOfQuery[i];
        }
        double q = queryWeight == 0 ? 0 : querySide / queryWeight;
        double c = nameWeight == 0 ? 0 : nameSide / nameWeight;
        double both = (q + c) / 2;
        if (m >= 2 && m < ws.length) {
            both = Math.max(both, 0.9 * q);
        } else if (ws.length >= 2 && ws.length < m) {
            both = Math.max(both, 0.9 * c);
        }
        return (float) both;
    }

    /** The {@code k} items of {@code items} with the highest values (values are not negative), in no particular order. */
    private static int[] topByValue(int[] items, float[] values, int k) {
        if (items.length <= k) {
            return items;
        }
        long[] keyed = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            keyed[i] = ((long) Float.floatToIntBits(Math.max(0f, values[i])) << 32) | i;
        }
        Arrays.sort(keyed);
        int[] top = new int[k];
        for (int i = 0; i < k; i++) {
            top[i] = items[(int) keyed[keyed.length - 1 - i]];
        }
        return top;
    }

    /** Where in {@link Scratch#gathered} a gathered name's sum, last query word and its similarity are, from its slot's first (the name). */
    private static final int ACC = 1;
    private static final int LAST_WORD = 2;
    private static final int LAST_SIM = 3;
    /**
     * The bits of a trigram count in {@link Scratch#wordCounts}, and of the place of the first of the
     * query word's trigrams a text holds: a query word of {@link NameForms#MAX_LENGTH} letters has fewer
     * than 512 distinct trigrams (a longer one, read from another script, is counted in arrays of its
     * own). The round takes the bits above both.
     */
    private static final int COUNT_BITS = 9;
    private static final int ROUND_SHIFT = 2 * COUNT_BITS;
    private static final int ROUND_BITS = -1 << ROUND_SHIFT;
    /** How many bins the shortlist's histogram of sums has. */
    private static final int HISTOGRAM = 4096;
    private static final int COUNT_MASK = (1 << COUNT_BITS) - 1;
    private static final int MAX_ROUND = (1 << (31 - ROUND_SHIFT)) - 1;

    /** A growable list of ints. */
    static final class IntList {
        int[] values;
        int size;

        IntList(int capacity) {
            values = new int[Math.max(4, capacity)];
        }

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addUnlessLast(int value) {
            if (size == 0 || values[size - 1] != value) {
                add(value);
            }
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** A growable list of floats. */
    static final class FloatList {
        float[] values;
        int size;

        FloatList(int capacity) {
            values = new float[Math.max(4, capacity)];
        }

        void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }

    /** The arrays of one search, reused by the next: stamps instead of clearing. */
    static final class Scratch {
        int query;
        int round;
        /**
         * Of each word, and of each skeleton, how many of the query word's trigrams it has (the low
         * {@value #COUNT_BITS} bits), the place among them of the first it has (the next
         * {@value #COUNT_BITS}) and the round they were counted in (the bits above): one array read per
         * posting instead of three.
         */
        final int[] wordCounts;
        final int[] skeletonCounts;
        /** The texts counted that have enough of the query word's trigrams, in the order first met ({@link #count}). */
        final IntList reached = new IntList(1024);
        /** What {@link NameIndex#similarWords} found: words, and skeletons as {@code ~k}, with their similarity. */
        final IntList found = new IntList(1024);
        final FloatList foundSimilarity = new FloatList(1024);
        /** The keys {@link NameIndex#mostSimilar} keeps. */
        final long[] heap = new long[SIMILAR];
        /** Of the names gathered, their sums in the order gathered; and the histogram of them ({@link #shortlist}). */
        float[] sums = new float[4096];
        final int[] histogram = new int[HISTOGRAM];
        // the similarity of each word found to each query word: a row per word found
        /** Of each word, side by side (one read from memory, not two): the query it was last found for, and its row in {@link #table}. */
        final int[] local;
        int columns;
        int rows;
        float[] table = new float[1024];
        // the names gathered
        /**
         * Of each name, its slot in {@link #gathered} if it was gathered this query: a slot below
         * {@link #count} that holds the name; anything else (left from an earlier query) means not
         * gathered. One int a name (4 MB at a million names, not the 16 MB of a stamped entry a name),
         * never cleared: the one read from memory for each name a query touches.
         */
        final int[] slotOf;
        /**
         * The names gathered this query, in the order gathered, a slot each, side by side: the name,
         * the sum so far (a float's bits), the query word it last counted and that word's similarity
         * (a float's bits). Small, so that a name met again and the shortlist's reading of the sums
         * find it in the cache.
         */
        int[] gathered = new int[4 * 4096];
        int count;
        /** Of the name being estimated, the best similarity of each query word. */
        final float[] bestOfQuery = new float[QUERY_WORDS];
        /** Where each ASCII letter is in a word, for {@link JaroWinkler#similarity(CharSequence, CharSequence, long[])}: all zero between calls. */
        final long[] positions = new long[128];

        Scratch(int names, int words, int skeletons) {
            wordCounts = new int[words];
            skeletonCounts = new int[skeletons];
            local = new int[2 * words];
            slotOf = new int[names];
        }

        /** {@link #gathered}, with room for {@code more} names beyond those gathered. */
        int[] room(int more) {
            long needed = 4L * ((long) count + more);
            if (needed > gathered.length) {
                gathered = Arrays.copyOf(gathered, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * gathered.length)));
            }
            return gathered;
        }

        void newQuery() {
            if (query == Integer.MAX_VALUE) {
                Arrays.fill(local, 0);
                query = 0;
            }
            query++;
            count = 0;
        }

        void newCount() {
            if (++round > MAX_ROUND) {
                Arrays.fill(wordCounts, 0);
                Arrays.fill(skeletonCounts, 0);
                round = 1;
            }
            reached.size = 0;
        }

        /**
         * Counts the postings of the query word's {@code trigrams}: how many of them each text has, listing
         * in {@link #reached} each text the moment it has {@code need} of them (most texts counted have
         * too few, and are never read again), then putting that list in the order counting meets the
         * texts first: by the first of the query's trigrams each has, then by text (a posting is in text
         * order).
         */
        void count(List<String> trigrams, Map<String, int[]> postings, int[] counts, int need) {
            newCount();
            if (trigrams.size() > COUNT_MASK) {
                countMany(trigrams, postings, counts.length, need);
                return;
            }
            for (int t = 0; t < trigrams.size(); t++) {
                int[] posting = postings.get(trigrams.get(t));
                if (posting != null) {
                    count(posting, counts, t, need);
                }
            }
            inFirstOrder(k -> (counts[k] >>> COUNT_BITS) & COUNT_MASK);
        }

        /** Puts {@link #reached} in the order counting met its texts first: by the first of the query's trigrams each holds ({@code firstHeld}), then by text. */
        private void inFirstOrder(java.util.function.IntUnaryOperator firstHeld) {
            int n = reached.size;
            if (n < 2) {
                return;
            }
            if (order.length < n) {
                order = new long[Math.max(n, 2 * order.length)];
            }
            int[] values = reached.values;
            for (int c = 0; c < n; c++) {
                int k = values[c];
                order[c] = ((long) firstHeld.applyAsInt(k) << 32) | k;
            }
            Arrays.sort(order, 0, n);
            for (int c = 0; c < n; c++) {
                values[c] = (int) order[c];
            }
        }

        /** Counts a trigram's posting, the query word's {@code t}-th: each text in it has one more of the query word's trigrams. */
        void count(int[] posting, int[] counts, int t, int need) {
            int stamp = round << ROUND_SHIFT;
            int first = stamp | (t << COUNT_BITS) | 1;
            for (int x : posting) {
                int c = counts[x];
                c = (c & ROUND_BITS) != stamp ? first : c + 1;
                counts[x] = c;
                if ((c & COUNT_MASK) == need) {
                    reached.add(x);
                }
            }
        }

        /**
         * {@link #count} for a query word of more trigrams than the count's bits hold (a long word read
         * from another script: its 400 letters may be twice as many in Latin), in arrays of its own.
         */
        private void countMany(List<String> trigrams, Map<String, int[]> postings, int texts, int need) {
            int[] own = new int[texts];
            int[] firstHeld = new int[texts];
            for (int t = 0; t < trigrams.size(); t++) {
                int[] posting = postings.get(trigrams.get(t));
                if (posting != null) {
                    for (int x : posting) {
                        if (own[x] == 0) {
                            firstHeld[x] = t;
                        }
                        if (++own[x] == need) {
                            reached.add(x);
                        }
                    }
                }
            }
            inFirstOrder(k -> firstHeld[k]);
        }

        /** The texts of {@link #reached} keyed for ordering. */
        long[] order = new long[1024];

        void startTable(int m) {
            columns = Math.max(1, m);
            rows = 0;
        }

        /** Records that word {@code w} is {@code sim} like query word {@code i} (keeping the better), listing it once in {@code out}. */
        void put(int w, int i, float sim, IntList out) {
            int row;
            int of = w << 1;
            if (local[of] != query) {
                local[of] = query;
                row = rows++;
                local[of + 1] = row;
                if ((row + 1) * columns > table.length) {
                    table = Arrays.copyOf(table, Math.max(table.length * 2, (row + 1) * columns));
                }
                for (int at = row * columns, end = at + columns; at < end; at++) {
                    table[at] = 0f;
                }
            } else {
                row = local[of + 1];
            }
            int at = row * columns + i;
            if (table[at] == 0f) {
                out.add(w);
            }
            if (sim > table[at]) {
                table[at] = sim;
            }
        }

        float sim(int w, int i) {
            int at = w << 1;
            return local[at] == query ? table[local[at + 1] * columns + i] : 0f;
        }

        /** The gathered names with the highest sums, about {@code k} of them (all those tied at the cut). */
        int[] shortlist(int k) {
            int n = count;
            int[] gathered = this.gathered;
            if (n <= k) {
                int[] all = new int[n];
                for (int c = 0; c < n; c++) {
                    all[c] = gathered[c << 2];
                }
                return all;
            }
            // the sums of the gathered names, in the order gathered
            if (sums.length < n) {
                sums = new float[Math.max(n, sums.length * 2)];
            }
            float[] sums = this.sums;
            float max = 0;
            for (int c = 0; c < n; c++) {
                sums[c] = Float.intBitsToFloat(gathered[(c << 2) + ACC]);
                max = Math.max(max, sums[c]);
            }
            int bins = HISTOGRAM;
            int[] histogram = this.histogram;
            Arrays.fill(histogram, 0);
            float scale = max <= 0 ? 0 : (bins - 1) / max;
            for (int c = 0; c < n; c++) {
                histogram[(int) (sums[c] * scale)]++;
            }
            int cut = bins - 1;
            int above = histogram[cut];
            while (cut > 0 && above < k) {
                cut--;
                above += histogram[cut];
            }
            // all above the cut; of those at the cut, as many as make up 2 x k (ties there are told apart by the estimate)
            IntList out = new IntList(Math.min(above, 2 * k));
            for (int c = 0; c < n; c++) {
                if ((int) (sums[c] * scale) > cut) {
                    out.add(gathered[c << 2]);
                }
            }
            for (int c = 0; c < n && out.size < 2 * k; c++) {
                if ((int) (sums[c] * scale) == cut) {
                    out.add(gathered[c << 2]);
                }
            }
            return out.toArray();
        }
    }
}
