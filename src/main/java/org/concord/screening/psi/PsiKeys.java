package org.concord.screening.psi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.concord.screening.names.InvalidName;
import org.concord.screening.names.NameForms;

/**
 * The keys of a name that a private set intersection compares, several per name so that spellings
 * that differ still meet (docs/screening.md, "Private set intersection"):
 *
 * <ul>
 * <li>{@code latin:} the folded Latin tokens, particles set aside, sorted ({@code adl jaish});</li>
 * <li>{@code skeleton:} the consonant skeleton of each token, sorted ({@code dl jc}): what Arabic
 * script writes, so it is the key that meets across scripts;</li>
 * <li>{@code sound:} the Double Metaphone key of each token, sorted.</li>
 * </ul>
 *
 * Each key is prefixed with its kind, so that keys of different kinds never collide. A name whose consonant
 * skeleton has fewer than {@value #MIN_SKELETON} consonants in all (BLA, Bilal and Belaoua are all {@code bl})
 * gives its {@code latin} key only: so short a skeleton, and the sound key that goes with it, meets too many
 * other names, the rule the search applies to a part of a name in consonants of one or two letters.
 */
public final class PsiKeys {

    /** The kinds of key, in the order they are listed. */
    public static final java.util.List<String> KINDS = java.util.List.of("latin", "skeleton", "sound");

    /** The fewest consonants a name's skeleton needs for its {@code skeleton} and {@code sound} keys. */
    public static final int MIN_SKELETON = 3;

    private PsiKeys() {
    }

    /**
     * The keys of a written name, kind first ({@code skeleton:dl jc}); empty if the name has none
     * (an empty name, one without letters, one too long: see {@link NameForms#of}); only the {@code latin} key
     * when its skeleton has fewer than {@value #MIN_SKELETON} consonants.
     */
    public static Map<String, String> of(String written) {
        NameForms.Name name;
        try {
            name = NameForms.of(written);
        } catch (InvalidName e) {
            return Map.of();
        }
        Map<String, String> keys = new LinkedHashMap<>();
        put(keys, "latin", name.tokens().stream().sorted().collect(Collectors.joining(" ")));
        int consonants = name.skeletons().stream().mapToInt(String::length).sum();
        if (consonants < MIN_SKELETON) {
            return keys;
        }
        put(keys, "skeleton", name.skeletons().stream().filter(s -> !s.isEmpty()).sorted().collect(Collectors.joining(" ")));
        put(keys, "sound", name.phonetic().stream().filter(s -> !s.isEmpty()).sorted().collect(Collectors.joining(" ")));
        return keys;
    }

    private static void put(Map<String, String> keys, String kind, String value) {
        if (!value.isBlank()) {
            keys.put(kind + ":" + value, kind);
        }
    }

    /** The kind of a key ({@code skeleton} of {@code skeleton:dl jc}). */
    public static String kind(String key) {
        return key.substring(0, key.indexOf(':'));
    }
}
