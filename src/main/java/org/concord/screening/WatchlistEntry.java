package org.concord.screening;

import java.util.List;

/**
 * One person or organisation on a watchlist, as the list gives it.
 *
 * @param reference the list's own identifier (the UN's reference number, e.g. {@code QDe.001}; else its data id)
 * @param version the list's version number of this entry, if it has one
 * @param kind INDIVIDUAL or ENTITY
 * @param names the primary name first, then aliases and original-script names
 * @param datesOfBirth as written (a date, a year, or a range "1960-1962")
 * @param placesOfBirth city, province, country as written, joined by ", "
 * @param nationalities as written
 * @param documents type, number and issuer, joined by ", "
 * @param listedOn the date it was listed, as written
 * @param origin where the entry comes from beyond the list itself: the CSV's {@code source} column, or the partner a
 *        shared STIX object came from ({@code ""}: the list itself, or this node)
 * @param marking the markings the entry is held under: a STIX object's TLP label and other marking references ({@code ""}: none)
 */
public record WatchlistEntry(String reference, String version, Kind kind, List<Alias> names, List<String> datesOfBirth,
        List<String> placesOfBirth, List<String> nationalities, List<String> documents, String listedOn, String origin, String marking) {

    /** An entry with no origin beyond its list and no markings (the UN list's). */
    public WatchlistEntry(String reference, String version, Kind kind, List<Alias> names, List<String> datesOfBirth,
            List<String> placesOfBirth, List<String> nationalities, List<String> documents, String listedOn) {
        this(reference, version, kind, names, datesOfBirth, placesOfBirth, nationalities, documents, listedOn, "", "");
    }

    public enum Kind {
        INDIVIDUAL, ENTITY
    }

    /**
     * One name of an entry.
     *
     * @param name as written
     * @param type PRIMARY, ALIAS (a.k.a.), FORMER (f.k.a.) or ORIGINAL_SCRIPT
     * @param quality the list's quality of an alias (Good, Low) or empty
     */
    public record Alias(String name, String type, String quality) {
    }

    public WatchlistEntry {
        names = List.copyOf(names);
        datesOfBirth = List.copyOf(datesOfBirth);
        placesOfBirth = List.copyOf(placesOfBirth);
        nationalities = List.copyOf(nationalities);
        documents = List.copyOf(documents);
        origin = origin == null ? "" : origin;
        marking = marking == null ? "" : marking;
    }

    /** The primary name. */
    public String name() {
        return names.get(0).name();
    }
}
