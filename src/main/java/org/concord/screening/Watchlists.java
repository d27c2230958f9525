package org.concord.screening;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.concord.node.InvalidInput;
import org.concord.screening.names.Band;
import org.concord.screening.names.InvalidName;
import org.concord.screening.names.NameForms;
import org.concord.screening.names.NameIndex;
import org.concord.screening.names.NameMatcher;
import org.concord.screening.names.Particulars;
import org.concord.screening.names.Thresholds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node's watchlists: imported into the database, all or nothing, and searched through an
 * in-memory name index built from the database (on the first search after start, and again after
 * each import). A search while an import runs answers from the previous index; the new one replaces
 * it in one step.
 */
@Service
public class Watchlists {

    /** What an import changed. */
    public record Imported(String source, String generated, int entries, int added, int changed, int delisted, int relisted) {
    }

    /** One match of a search. */
    public record Match(String source, String reference, String kind, String name, String matchedName, double score, String band,
            List<String> why) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final NameMatcher matcher = new NameMatcher(Thresholds.DEFAULT);
    private final AtomicReference<NameIndex<String>> index = new AtomicReference<>();

    Watchlists(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Imports a UN consolidated list as {@code source} (e.g. "un-sc"): entries new to the source are
     * added, changed ones replaced, ones no longer on it delisted (kept, but they stop matching). The
     * whole list is read before anything is written, and written in one transaction: an unreadable
     * list, or a failure part way, leaves the previous list as it was.
     *
     * @throws WatchlistFormatError if the list is malformed (nothing is changed)
     */
    public Imported importUnList(String source, InputStream in) {
        if (source == null || !source.matches("[a-z0-9][a-z0-9-]{0,59}")) {
            throw new InvalidInput("source", "pattern", "a source is 1 to 60 lower-case letters, digits and hyphens, not " + source);
        }
        UnConsolidatedList.Contents contents = UnConsolidatedList.read(in);
        Imported imported = transaction.execute(status -> store(source, contents));
        rebuild();
        return imported;
    }

    private Imported store(String source, UnConsolidatedList.Contents contents) {
        Timestamp now = Timestamp.from(clock.instant());
        Map<String, Boolean> listed = new java.util.HashMap<>();
        Map<String, String> fingerprints = new java.util.HashMap<>();
        jdbc.sql("select reference, fingerprint, listed from screening_entry where source = ?").param(source).query(rs -> {
            fingerprints.put(rs.getString(1), rs.getString(2));
            listed.put(rs.getString(1), rs.getBoolean(3));
        });
        int added = 0;
        int changed = 0;
        int relisted = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (WatchlistEntry entry : contents.entries()) {
            if (!seen.add(entry.reference())) {
                throw new InvalidInput("reference", "unique", "the list names " + entry.reference() + " twice; nothing was imported");
            }
            String fingerprint = fingerprint(entry);
            String previous = fingerprints.get(entry.reference());
            if (previous == null) {
                added++;
                jdbc.sql("""
                        insert into screening_entry (source, reference, kind, list_version, fingerprint, listed, listed_on, dates_of_birth,
                            places_of_birth, nationalities, documents, first_imported, last_changed)
                        values (?, ?, ?, ?, ?, true, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(source, entry.reference(), entry.kind().name(), entry.version(), fingerprint, entry.listedOn(),
                                lines(entry.datesOfBirth()), lines(entry.placesOfBirth()), lines(entry.nationalities()),
                                lines(entry.documents()), now, now)
                        .update();
                insertNames(source, entry);
            } else if (!previous.equals(fingerprint) || !listed.get(entry.reference())) {
                if (!previous.equals(fingerprint)) {
                    changed++;
                }
                if (!listed.get(entry.reference())) {
                    relisted++;
                }
                jdbc.sql("""
                        update screening_entry set kind = ?, list_version = ?, fingerprint = ?, listed = true, listed_on = ?, dates_of_birth = ?,
                            places_of_birth = ?, nationalities = ?, documents = ?, last_changed = ?, delisted_at = null
                        where source = ? and reference = ?""")
                        .params(entry.kind().name(), entry.version(), fingerprint, entry.listedOn(), lines(entry.datesOfBirth()),
                                lines(entry.placesOfBirth()), lines(entry.nationalities()), lines(entry.documents()), now, source,
                                entry.reference())
                        .update();
                jdbc.sql("delete from screening_name where source = ? and reference = ?").params(source, entry.reference()).update();
                insertNames(source, entry);
            }
        }
        int delisted = 0;
        for (var known : listed.entrySet()) {
            if (known.getValue() && !seen.contains(known.getKey())) {
                delisted++;
                jdbc.sql("update screening_entry set listed = false, delisted_at = ?, last_changed = ? where source = ? and reference = ?")
                        .params(now, now, source, known.getKey()).update();
            }
        }
        jdbc.sql("""
                insert into screening_import (source, generated, imported_at, entries, added, changed, delisted, relisted)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(source, contents.generated(), now, contents.entries().size(), added, changed, delisted, relisted).update();
        return new Imported(source, contents.generated(), contents.entries().size(), added, changed, delisted, relisted);
    }

    private void insertNames(String source, WatchlistEntry entry) {
        int position = 0;
        for (WatchlistEntry.Alias alias : entry.names()) {
            jdbc.sql("insert into screening_name (source, reference, position, name, name_type, quality) values (?, ?, ?, ?, ?, ?)")
                    .params(source, entry.reference(), position++, alias.name().length() > 2000 ? alias.name().substring(0, 2000) : alias.name(),
                            alias.type(), alias.quality())
                    .update();
        }
    }

    /**
     * The listed entries whose names match {@code name}, best first, MATCH and REVIEW bands only.
     *
     * @throws InvalidInput (field {@code name}) for an empty name or one longer than {@link NameForms#MAX_LENGTH}
     */
    public List<Match> search(String name, int limit) {
        return search(name, null, null, limit);
    }

    /** The most matches a search answers. */
    public static final int MAX_LIMIT = 100;

    /**
     * The listed entries whose names match {@code name}, best first, MATCH and REVIEW bands only; a
     * date of birth ({@code 1964-07-17}, {@code 1964} or {@code 1960-1962}) and a nationality (a
     * country's name or ISO code), when given and when the entry has them, raise the score if they
     * agree and lower it if they conflict (the explanation says which).
     *
     * @throws InvalidInput naming the field ({@code name}, {@code dob}, {@code nationality}, {@code limit}) and its rule
     */
    public List<Match> search(String name, String dob, String nationality, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "range", "must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        if (dob != null && !dob.isBlank() && !Particulars.readableDate(dob)) {
            throw new InvalidInput("dob", "date", "a date of birth is a date (1964-07-17), a year (1964) or a range of years (1960-1962)");
        }
        if (nationality != null && !nationality.isBlank()
                && (nationality.length() > 100 || !nationality.strip().matches("[\\p{L} .,'()-]+"))) {
            throw new InvalidInput("nationality", "country",
                    "a nationality is a country's name or ISO code, in letters, at most 100 characters");
        }
        Particulars given = new Particulars(dob == null ? List.of() : List.of(dob), nationality == null ? List.of() : List.of(nationality));
        NameForms.Name query;
        try {
            query = NameForms.of(name);
        } catch (InvalidName e) {
            throw new InvalidInput("name", e.rule(), e.getMessage());
        }
        NameIndex<String> current = index.get();
        if (current == null) {
            current = rebuild();
        }
        List<Match> matches = new ArrayList<>();
        boolean particulars = !given.datesOfBirth().isEmpty() || !given.nationalities().isEmpty();
        // with particulars, more name matches are read, as a conflicting date of birth may push some below others
        for (var hit : current.search(query, particulars ? Math.max(limit, 50) : limit)) {
            String[] owner = hit.owner().split("\n", 3);
            NameMatcher.Comparison comparison = particulars ? given.adjust(hit.comparison(), particularsOf(owner[0], owner[1]), matcher.thresholds())
                    : hit.comparison();
            if (comparison.band() == Band.NO_MATCH) {
                continue;
            }
            matches.add(new Match(owner[0], owner[1], owner[2], primaryName(owner[0], owner[1]), hit.entry().name().written(),
                    Math.round(comparison.score() * 1000) / 1000.0, comparison.band().name(), comparison.why()));
        }
        matches.sort(java.util.Comparator.comparingDouble(Match::score).reversed());
        return matches.size() > limit ? List.copyOf(matches.subList(0, limit)) : matches;
    }

    /** Whether a score of a match is a MATCH (for callers that want only those). */
    public static boolean isMatch(Match match) {
        return Band.MATCH.name().equals(match.band());
    }

    private Particulars particularsOf(String source, String reference) {
        return jdbc.sql("select dates_of_birth, nationalities from screening_entry where source = ? and reference = ?").params(source, reference)
                .query((rs, row) -> new Particulars(split(rs.getString(1)), split(rs.getString(2)))).optional().orElse(Particulars.NONE);
    }

    private static List<String> split(String lines) {
        return lines == null || lines.isEmpty() ? List.of() : List.of(lines.split("\n"));
    }

    private String primaryName(String source, String reference) {
        return jdbc.sql("select name from screening_name where source = ? and reference = ? and position = 0").params(source, reference)
                .query(String.class).optional().orElse(reference);
    }

    /** Builds the index from the listed entries in the database and swaps it in. */
    synchronized NameIndex<String> rebuild() {
        List<NameIndex.Entry<String>> entries = new ArrayList<>();
        jdbc.sql("""
                select n.source, n.reference, e.kind, n.name, n.name_type from screening_name n
                join screening_entry e on e.source = n.source and e.reference = n.reference
                where e.listed = true order by n.source, n.reference, n.position""").query(rs -> {
                    try {
                        entries.add(new NameIndex.Entry<>(rs.getString(1) + "\n" + rs.getString(2) + "\n" + rs.getString(3), rs.getString(5),
                                NameForms.of(rs.getString(4))));
                    } catch (InvalidName e) {
                        // a name that cannot be matched (no letters, too long) is stored but not indexed
                    }
                });
        NameIndex<String> built = NameIndex.build(entries, matcher);
        index.set(built);
        return built;
    }

    private static String lines(List<String> values) {
        return values.stream().map(v -> v.replace('\n', ' ')).collect(Collectors.joining("\n"));
    }

    private static String fingerprint(WatchlistEntry entry) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(entry.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
