package org.concord.screening.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What else is known of a person besides the name: dates of birth (a date {@code 1964-07-17}, a year
 * {@code 1964}, or a range of years {@code 1960-1962}) and nationalities (a country's name, or its ISO
 * code). When both sides give one, agreeing raises a name's score and conflicting lowers it; when
 * either side gives none, the score stays as it was. Two people with the same common name ("Abdul
 * Samad") are told apart this way; a name alone cannot.
 *
 * @param datesOfBirth as written
 * @param nationalities as written
 */
public record Particulars(List<String> datesOfBirth, List<String> nationalities) {

    public static final Particulars NONE = new Particulars(List.of(), List.of());

    /** Added when a date of birth agrees (the same date, or a year within the other side's). */
    static final double DOB_AGREES = 0.04;
    /**
     * Added when both sides give the same whole date (day, month and year): far rarer by chance than a
     * shared year, so it weighs what a conflicting date takes away.
     */
    static final double EXACT_DOB_AGREES = 0.12;
    /** Taken away when the dates of birth given conflict (no year in common, or different exact dates). */
    static final double DOB_CONFLICTS = 0.12;
    static final double NATIONALITY_AGREES = 0.02;
    static final double NATIONALITY_CONFLICTS = 0.06;

    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern RANGE = Pattern.compile("(\\d{4})\\s*-\\s*(\\d{4})");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    public Particulars {
        datesOfBirth = datesOfBirth == null ? List.of() : datesOfBirth.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        nationalities = nationalities == null ? List.of() : nationalities.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether nothing is given besides the name: no date of birth and no nationality. */
    public boolean isEmpty() {
        return datesOfBirth.isEmpty() && nationalities.isEmpty();
    }

    /**
     * Whether a date of birth is one this can read: a day of the calendar yyyy-mm-dd, a year, or a range of years running
     * forwards; none of it after today (UTC), as nobody is born in the future: a year 3000 would count as a conflict against
     * every listed person.
     */
    public static boolean readableDate(String value) {
        int[] span = value == null ? null : span(value);
        if (span == null) {
            return false;
        }
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        if (span[1] != today.getYear()) {
            return span[1] < today.getYear();
        }
        return span[2] == 0 || span[2] <= today.getMonthValue() * 100 + today.getDayOfMonth();
    }

    /** Whether a nationality names a country ({@link Nationalities#code}): its ISO code, its name or its people's word. */
    public static boolean readableNationality(String value) {
        return Nationalities.code(value) != null;
    }

    /** The comparison with date of birth and nationality counted in, when both sides give them; its score, band and why. */
    public NameMatcher.Comparison adjust(NameMatcher.Comparison comparison, Particulars candidate, Thresholds thresholds) {
        double change = 0;
        List<String> why = new ArrayList<>(comparison.why());
        why.remove(why.size() - 1);
        Boolean dob = datesAgree(datesOfBirth, candidate.datesOfBirth);
        if (dob == null) {
            why.add("date of birth not counted (" + (datesOfBirth.isEmpty() ? "none given" : "the list gives none") + ")");
        } else {
            double counted = !dob ? -DOB_CONFLICTS : sameDay(datesOfBirth, candidate.datesOfBirth) ? EXACT_DOB_AGREES : DOB_AGREES;
            change += counted;
            why.add(String.format(Locale.ROOT, "date of birth %s: %s ~ %s %+.2f", !dob ? "conflicts" : counted == EXACT_DOB_AGREES
                    ? "agrees to the day" : "agrees", String.join("/", datesOfBirth), String.join("/", candidate.datesOfBirth), counted));
        }
        Boolean nationality = nationalitiesAgree(nationalities, candidate.nationalities);
        if (nationality == null) {
            why.add("nationality not counted (" + (nationalities.isEmpty() ? "none given" : "the list gives none") + ")");
        } else {
            change += nationality ? NATIONALITY_AGREES : -NATIONALITY_CONFLICTS;
            why.add(String.format(Locale.ROOT, "nationality %s: %s ~ %s %+.2f", nationality ? "agrees" : "conflicts",
                    String.join("/", nationalities), String.join("/", candidate.nationalities),
                    nationality ? NATIONALITY_AGREES : -NATIONALITY_CONFLICTS));
        }
        double score = Math.max(0, Math.min(1, comparison.score() + change));
        why.add(String.format(Locale.ROOT, "score %.3f (the name's %.3f, %+.2f for date of birth and nationality)", score,
                comparison.score(), change));
        return new NameMatcher.Comparison(score, thresholds.band(score), List.copyOf(why));
    }

    /** True if some date of one side agrees with some of the other, false if none does, null if a side has none readable. */
    static Boolean datesAgree(List<String> a, List<String> b) {
        List<int[]> x = a.stream().map(Particulars::span).filter(s -> s != null).toList();
        List<int[]> y = b.stream().map(Particulars::span).filter(s -> s != null).toList();
        if (x.isEmpty() || y.isEmpty()) {
            return null;
        }
        for (int[] p : x) {
            for (int[] q : y) {
                boolean yearsOverlap = p[0] <= q[1] && q[0] <= p[1];
                boolean bothExact = p[2] != 0 && q[2] != 0;
                if (yearsOverlap && (!bothExact || p[2] == q[2])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether some whole date (yyyy-mm-dd) of one side is a whole date of the other. */
    static boolean sameDay(List<String> a, List<String> b) {
        for (String p : a) {
            int[] x = span(p);
            if (x == null || x[2] == 0) {
                continue;
            }
            for (String q : b) {
                int[] y = span(q);
                if (y != null && y[2] != 0 && x[0] == y[0] && x[2] == y[2]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** From year, to year, and month*100+day of an exact date (0 if not exact). */
    private static int[] span(String value) {
        String v = value.strip();
        Matcher m = DATE.matcher(v);
        if (m.matches()) {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            int day = Integer.parseInt(m.group(3));
            try {
                java.time.LocalDate.of(year, month, day);
            } catch (java.time.DateTimeException e) {
                // 1968-13-45, 1967-02-29: no day of the calendar, neither for nor against
                return null;
            }
            return new int[] {year, year, month * 100 + day};
        }
        m = RANGE.matcher(v);
        if (m.matches()) {
            int from = Integer.parseInt(m.group(1));
            int to = Integer.parseInt(m.group(2));
            return from <= to ? new int[] {from, to, 0} : null;
        }
        if (YEAR.matcher(v).matches()) {
            int year = Integer.parseInt(v);
            return new int[] {year, year, 0};
        }
        return null;
    }

    /**
     * True if some country one side names is one the other names ({@link Nationalities}: "UK" and "United Kingdom of Great
     * Britain and Northern Ireland" are one), false if none is, null if a side names none (nothing given, or only words
     * that name no country, which are not counted against a name).
     */
    static Boolean nationalitiesAgree(List<String> a, List<String> b) {
        Set<String> x = a.stream().flatMap(v -> Nationalities.codesIn(v).stream()).collect(Collectors.toSet());
        Set<String> y = b.stream().flatMap(v -> Nationalities.codesIn(v).stream()).collect(Collectors.toSet());
        if (x.isEmpty() || y.isEmpty()) {
            return null;
        }
        return x.stream().anyMatch(y::contains);
    }
}
