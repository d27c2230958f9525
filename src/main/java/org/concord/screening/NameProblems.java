package org.concord.screening;

import java.util.EnumSet;
import java.util.Set;

import org.concord.screening.names.NameForms;

/**
 * What is wrong with a name a list gives, if anything, in one sentence: empty, longer than
 * {@link NameForms#MAX_LENGTH} characters, without a letter, or one word written in two scripts
 * ({@code Jaishالعدل}). The matcher would read a mixed word as two words; a list that holds one is
 * more likely garbled (two columns run together, a copy and paste gone wrong) than right, so an
 * import refuses it and says where.
 */
final class NameProblems {

    private NameProblems() {
    }

    static String of(String name) {
        if (name == null || name.isBlank()) {
            return "a name is needed";
        }
        if (name.length() > NameForms.MAX_LENGTH) {
            return "a name is at most " + NameForms.MAX_LENGTH + " characters; this one has " + name.length();
        }
        if (name.codePoints().noneMatch(Character::isLetter)) {
            return "a name needs at least one letter: '" + name + "'";
        }
        int start = 0;
        while (start < name.length()) {
            int end = start;
            Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
            while (end < name.length()) {
                int c = name.codePointAt(end);
                if (!Character.isLetter(c) && Character.getType(c) != Character.NON_SPACING_MARK) {
                    break;
                }
                Character.UnicodeScript script = Character.UnicodeScript.of(c);
                if (script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED) {
                    scripts.add(script);
                }
                end += Character.charCount(c);
            }
            if (scripts.size() > 1) {
                return "the word '" + name.substring(start, end) + "' mixes scripts (" + String.join(" and ",
                        scripts.stream().map(s -> s.name().charAt(0) + s.name().substring(1).toLowerCase(java.util.Locale.ROOT)).toList())
                        + "); give each script's spelling as an alias of its own";
            }
            start = end == start ? start + Character.charCount(name.codePointAt(start)) : end;
        }
        return null;
    }
}
