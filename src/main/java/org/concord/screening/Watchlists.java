package org.concord.screening;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.screening.names.Band;
import org.concord.screening.names.InvalidName;
import org.concord.screening.names.NameForms;
import org.concord.screening.names.NameIndex;
import org.concord.screening.names.NameMatcher;
import org.concord.screening.names.Particulars;
import org.concord.screening.names.Thresholds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node's watchlists: imported into the database, all or nothing, and searched through an
 * in-memory name index built from the database (in the background when the node starts, and again
 * after each import). Three sources: the UN Security Council Consolidated List (XML), a CSV file
 * ({@link CsvWatchlist}) and the intel store's STIX objects ({@link IntelWatchlist}). A search while
 * an import or a rebuild runs answers from the previous index; the new one, built beside it, replaces
 * it in one step.
 */
@Service
public class Watchlists {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Watchlists.class);
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** What an import changed; {@code skipped} lists what it set aside (names the matcher cannot take), when anything. */
    public record Imported(String source, String generated, int entries, int added, int changed, int delisted, int relisted,
            List<String> skipped) {

        public Imported {
            skipped = skipped == null ? List.of() : List.copyOf(skipped);
        }

        public Imported(String source, String generated, int entries, int added, int changed, int delisted, int relisted) {
            this(source, generated, entries, added, changed, delisted, relisted, List.of());
        }
    }

    /**
     * One match of a search; {@code origin} is where the entry comes from beyond its list (a partner that
     * shared the STIX object, a CSV row's source) and {@code marking} the markings it is held under, both
     * empty when there are none.
     */
    public record Match(String source, String reference, String kind, String name, String matchedName, double score, String band,
            List<String> why, String origin, String marking) {
    }

    /** One listed entry as the index keeps it: what a match shows, without a trip to the database. */
    record Listed(String source, String reference, String kind, String name, Particulars particulars, String origin, String marking) {
    }

    /** The formats a list file may come in. */
    public enum Format {
        /** The UN Security Council Consolidated List's XML. */
        UN,
        /** CSV with a header row (docs/screening.md). */
        CSV;

        /**
         * The format a body's media type names: {@code application/xml} or {@code text/xml} a UN list,
         * {@code text/csv} a CSV list.
         *
         * @throws InvalidInput ({@code Content-Type}, {@code list-format}) for any other
         */
        public static Format ofContentType(String contentType) {
            org.springframework.http.MediaType type;
            try {
                type = contentType == null ? null : org.springframework.http.MediaType.parseMediaType(contentType);
            } catch (IllegalArgumentException e) {
                // InvalidMediaTypeException (not an InvalidMimeTypeException): no media type, or a charset that does not exist
                type = null;
            }
            if (type != null && (type.isCompatibleWith(org.springframework.http.MediaType.APPLICATION_XML)
                    || type.isCompatibleWith(org.springframework.http.MediaType.TEXT_XML))) {
                return UN;
            }
            if (type != null && type.isCompatibleWith(org.springframework.http.MediaType.parseMediaType("text/csv"))) {
                return CSV;
            }
            throw new InvalidInput("Content-Type", "list-format",
                    "a list is application/xml (the UN's consolidated list) or text/csv, not " + contentType);
        }

        /** The rule a body of this format broke when it cannot be read. */
        public String rule() {
            return this == CSV ? "csv" : "un-consolidated-list";
        }
    }

    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final BulkRows rows;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final IntelWatchlist intel;
    private final NameMatcher matcher = new NameMatcher(Thresholds.DEFAULT);
    /** The index in use and the last import it holds; replaced whole, never changed. */
    private final AtomicReference<Indexed> index = new AtomicReference<>();
    /** One import at a time: two at once would each read the other's rows half written. */
    private final ReentrantLock importing = new ReentrantLock();

    /** How often a serving node looks for imports made by another process ({@link #catchUp}); null: never (the CLI's contexts, tests). */
    private final java.time.Duration check;
    private volatile java.util.concurrent.ScheduledExecutorService watcher;

    Watchlists(JdbcClient jdbc, javax.sql.DataSource dataSource, TransactionTemplate transaction, Clock clock, IntelWatchlist intel,
            @org.springframework.beans.factory.annotation.Value("${concord.screening.index-check:PT2S}") java.time.Duration check,
            @org.springframework.beans.factory.annotation.Value("${concord.scheduling.enabled:true}") boolean scheduling) {
        this.check = scheduling ? check : null;
        this.jdbc = jdbc;
        this.batches = new JdbcTemplate(dataSource);
        this.rows = new BulkRows(dataSource);
        this.transaction = transaction;
        this.clock = clock;
        this.intel = intel;
    }

    /**
     * A serving node builds its index from the database when it starts, in the background; searches before it is ready
     * wait for it. Then, every {@code concord.screening.index-check} (2 s), it looks for imports it did not make itself
     * ({@link #catchUp}).
     */
    @org.springframework.context.event.EventListener
    void buildOnStart(org.springframework.boot.context.event.ApplicationReadyEvent ready) {
        if (ready.getApplicationContext() instanceof org.springframework.web.context.WebApplicationContext) {
            java.util.concurrent.ScheduledExecutorService thread = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                Thread builder = new Thread(task, "screening-index");
                builder.setDaemon(true);
                return builder;
            });
            watcher = thread;
            thread.execute(() -> {
                try {
                    current();
                } catch (RuntimeException e) {
                    log.warn("the screening index could not be built at start; the first search builds it", e);
                }
            });
            if (check != null) {
                thread.scheduleWithFixedDelay(this::catchUp, check.toMillis(), check.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
    }

    @jakarta.annotation.PreDestroy
    void stopWatching() {
        java.util.concurrent.ScheduledExecutorService thread = watcher;
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    /**
     * Rebuilds the index from the database when the database holds an import the index does not: one made by another
     * process on the same database ({@code concord screening import} beside a running node, another instance of the node). Such
     * an import is listed at once ({@link #sources}); without this, searches kept answering from the index built at start,
     * without it, until the next restart. An import running in this process is left to finish and swap its own index in.
     */
    void catchUp() {
        Indexed now = index.get();
        if (now == null || importing.isLocked() || System.nanoTime() < retryAfter) {
            return;
        }
        long latest;
        try {
            latest = jdbc.sql("select coalesce(max(id), 0) from screening_import").query(Long.class).single();
        } catch (RuntimeException e) {
            // the database away for a moment: looked at again at the next check
            log.debug("could not look for watchlists imported by another process", e);
            return;
        }
        if (latest > now.through()) {
            log.info("a watchlist was imported by another process (import {}; the index holds imports through {}): rebuilding the index",
                    latest, now.through());
            try {
                rebuild();
            } catch (RuntimeException e) {
                // a rebuild of a million names is not tried again every two seconds: in a minute
                retryAfter = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
                log.warn("the screening index could not be rebuilt to hold import {}; searches answer from the index as it was,"
                        + " and the rebuild is tried again in a minute", latest, e);
            }
        }
    }

    /** When {@link #catchUp} may try a rebuild again after one failed ({@link System#nanoTime}). */
    private volatile long retryAfter = Long.MIN_VALUE;

    /**
     * Imports a UN consolidated list as {@code source} (e.g. "un-sc"): entries new to the source are
     * added, changed ones replaced, ones no longer on it delisted (kept, but they stop matching). The
     * whole list is read before anything is written, and written in one transaction: an unreadable
     * list, or a failure part way, leaves the previous list as it was.
     *
     * @throws WatchlistFormatError if the list is malformed (nothing is changed)
     */
    public Imported importUnList(String source, InputStream in) {
        return importList(source, Format.UN, in);
    }

    /**
     * Imports a list file as {@code source}, as {@link #importUnList} does: the UN's XML, or CSV
     * ({@link CsvWatchlist}: a header row, one entry a row). A malformed file is refused naming the
     * line and the element or column, and nothing changes.
     */
    public Imported importList(String source, Format format, InputStream in) {
        checkSource(source);
        UnConsolidatedList.Contents contents = switch (format) {
            case UN -> UnConsolidatedList.read(in);
            case CSV -> {
                UnConsolidatedList.Contents read = CsvWatchlist.read(in);
                yield new UnConsolidatedList.Contents(generatedNow(), read.entries());
            }
        };
        return importContents(source, format.name(), contents, List.of());
    }

    /**
     * Imports the intel store's {@code identity}, {@code threat-actor} and {@code intrusion-set}
     * objects as {@code source} ({@link IntelWatchlist}): {@code from} {@code all}, {@code own}, or a
     * paired partner's code. Importing again records what was added, changed, revoked or deleted.
     */
    public Imported importIntel(String source, String from) {
        checkSource(source);
        IntelWatchlist.Read read = intel.read(from, generatedNow());
        return importContents(source, INTEL_FORMAT, read.contents(), read.skipped());
    }

    private String generatedNow() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static void checkSource(String source) {
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw new InvalidInput("source", "pattern", "a source is 1 to 60 lower-case letters, digits and hyphens, not " + source);
        }
    }

    /**
     * Writes the list in one transaction and builds the index that holds it. The new index is made
     * from the parsed list, not read back from the database: the list's names are turned into their
     * forms on the other cores while the database is written (a name the index in use already holds
     * keeps the forms it has there), and the other lists' names are taken from the index in use when
     * no other import came between (else read from the database). It is swapped in once the
     * transaction has committed; an import that fails leaves the database and the index as they were.
     */
    /** The format recorded for an import from the intel store (the files' are {@link Format}'s names). */
    static final String INTEL_FORMAT = "INTEL";

    private Imported importContents(String source, String format, UnConsolidatedList.Contents contents, List<String> skipped) {
        importing.lock();
        try {
            long started = System.nanoTime();
            long cpu = CPU.getCurrentThreadCpuTime();
            Indexed before = index.get();
            AtomicBoolean abandoned = new AtomicBoolean();
            CompletableFuture<ListNames> names = CompletableFuture.supplyAsync(() -> ListNames.of(source, contents, before, abandoned),
                    task -> {
                        Thread thread = new Thread(task, "screening-import-names");
                        thread.setDaemon(true);
                        thread.start();
                    });
            Stored stored;
            try {
                stored = transaction.execute(status -> store(source, format, contents, skipped));
            } catch (RuntimeException e) {
                abandoned.set(true);
                throw e;
            }
            long written = System.nanoTime();
            long writtenCpu = CPU.getCurrentThreadCpuTime() - cpu;
            try {
                NameIndex<Listed> built = assemble(source, names.join(), before, stored);
                log.info("watchlist {} imported: {} entries ({} added, {} changed, {} delisted, {} relisted), written in {} ms"
                        + " (this thread's CPU {} ms); index of {} names, {} distinct words, ready {} ms later", source,
                        stored.imported().entries(), stored.imported().added(), stored.imported().changed(), stored.imported().delisted(),
                        stored.imported().relisted(), (written - started) / 1_000_000, writtenCpu / 1_000_000, built.size(), built.words(),
                        (System.nanoTime() - written) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn("the index of watchlist {} could not be made from the list imported; it is read from the database", source, e);
                rebuild();
            }
            return stored.imported();
        } finally {
            importing.unlock();
        }
    }

    /**
     * Refuses, as a conflict, a version that would replace a list by mistake, before anything is written: one of another
     * format than the list's last import (a CSV file or the intel store posted under a UN list's name delisted the whole
     * list), a UN list older than the one held (a 2019 file delisted what was listed since 2019), and a file with no entry
     * over a list that lists some (everything delisted). The intel store may be empty for good reasons, and is not held to
     * the last rule. Each names what to do instead.
     */
    private void refuseAReplacementByMistake(String source, String format, UnConsolidatedList.Contents contents) {
        var last = jdbc.sql("select format, generated from screening_import where source = ? order by id desc").param(source)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list().stream().findFirst();
        if (last.isEmpty()) {
            return;
        }
        String heldFormat = last.get()[0];
        String heldGenerated = last.get()[1];
        if (heldFormat != null && !heldFormat.equals(format)) {
            throw new Conflict("source", "same-format", "'" + source + "' holds a " + formatName(heldFormat) + "; this is a "
                    + formatName(format) + ", which would replace the whole list: import it under a name of its own");
        }
        if (Format.UN.name().equals(format) && heldGenerated != null && dateOf(contents.generated()).compareTo(dateOf(heldGenerated)) < 0) {
            throw new Conflict("file", "not-older", "this list was generated on " + dateOf(contents.generated()) + ", before the one '"
                    + source + "' holds (" + dateOf(heldGenerated) + "): it would delist what was listed since; import it under"
                    + " another name to search it");
        }
        if (contents.entries().isEmpty() && !INTEL_FORMAT.equals(format)) {
            int listed = jdbc.sql("select count(*) from screening_entry where source = ? and listed").param(source).query(Integer.class).single();
            if (listed > 0) {
                throw new Conflict("file", "not-empty", "the file lists no entry, and importing it would delist all " + listed + " of '"
                        + source + "'; nothing was changed");
            }
        }
    }

    private static String formatName(String format) {
        return switch (format) {
            case "UN" -> "UN consolidated list";
            case "CSV" -> "CSV list";
            case INTEL_FORMAT -> "list of the intel store's objects";
            default -> format;
        };
    }

    /** The day a list's date names (2020-11-30 of 2020-11-30T10:00:00): lists are compared by day. */
    private static String dateOf(String generated) {
        return generated.length() >= 10 ? generated.substring(0, 10) : generated;
    }

    /** What {@link #store} wrote: the import, the last import before it, and its own id. */
    private record Stored(Imported imported, long lastBefore, long importId) {
    }

    /** An index and the last import it holds ({@code screening_import.id}, 0 for none). */
    private record Indexed(NameIndex<Listed> index, long through, List<Source> lists) {
    }

    /** Puts a newly built index in use, unless one that holds a later import is already in use; with the lists it holds. */
    private void swapIn(NameIndex<Listed> built, long through) {
        List<Source> lists = sources();
        index.accumulateAndGet(new Indexed(built, through, lists), (old, now) -> old == null || now.through() >= old.through() ? now : old);
    }

    /**
     * The lists a search goes through: those the index in use holds, with what each lists and its date. A search that
     * finds nothing means "not on these lists", and none means no name can be found at all; an officer is told which.
     */
    public List<Source> searched() {
        current();
        return index.get().lists();
    }

    /**
     * The index after an import of {@code source}: the other lists' names, taken from the index in
     * use when it holds the import just before this one, else read from the database; then this
     * list's names as imported. It holds what a rebuild from the database would.
     */
    private NameIndex<Listed> assemble(String source, ListNames names, Indexed before, Stored stored) {
        NameIndex.Builder<Listed> builder = NameIndex.<Listed>builder(matcher).tiesBy(LISTED_ORDER);
        if (before != null && before.through() == stored.lastBefore()) {
            NameIndex<Listed> old = before.index();
            for (int i = 0; i < old.size(); i++) {
                Listed owner = old.owner(i);
                if (!owner.source().equals(source)) {
                    builder.add(owner, old.kind(i), old.name(i));
                }
            }
        } else {
            // the other lists, one at a time (by the primary key's first column, not a scan of every list)
            for (String other : jdbc.sql("select distinct source from screening_import where source <> ?").param(source).query(String.class).list()) {
                readListed(builder, other);
            }
        }
        names.addTo(builder);
        NameIndex<Listed> built = builder.build();
        swapIn(built, stored.importId());
        return built;
    }

    /**
     * The names of a list as the index takes them, with their owners as the database gives them back
     * ({@link #readListed}): names cut to what {@code screening_name} holds, particulars as
     * {@code screening_entry} keeps them. Each name's forms are computed on all cores, or taken from
     * the index in use when it holds the same written name.
     */
    private record ListNames(Listed[] owners, String[] kinds, NameForms.Name[] forms) {

        static ListNames of(String source, UnConsolidatedList.Contents contents, Indexed before, AtomicBoolean abandoned) {
            int n = 0;
            for (WatchlistEntry entry : contents.entries()) {
                n += entry.names().size();
            }
            Listed[] owners = new Listed[n];
            String[] kinds = new String[n];
            String[] written = new String[n];
            int at = 0;
            for (WatchlistEntry entry : contents.entries()) {
                Listed owner = new Listed(source, entry.reference(), entry.kind().name(), cut(entry.names().get(0).name()),
                        new Particulars(split(lines(entry.datesOfBirth())), split(lines(entry.nationalities()))), entry.origin(),
                        entry.marking());
                for (WatchlistEntry.Alias alias : entry.names()) {
                    owners[at] = owner;
                    kinds[at] = alias.type();
                    written[at++] = cut(alias.name());
                }
            }
            NameIndex<Listed> old = before == null ? null : before.index();
            Map<String, Integer> known = new HashMap<>();
            for (int i = 0; old != null && i < old.size() && !abandoned.get(); i++) {
                known.putIfAbsent(old.written(i), i);
            }
            NameForms.Name[] forms = new NameForms.Name[n];
            java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                if (abandoned.get()) {
                    return;
                }
                Integer same = known.get(written[i]);
                forms[i] = same != null ? old.name(same) : formsOrNull(written[i]);
            });
            return new ListNames(owners, kinds, forms);
        }

        void addTo(NameIndex.Builder<Listed> builder) {
            for (int i = 0; i < forms.length; i++) {
                if (forms[i] != null) {
                    builder.add(owners[i], kinds[i], forms[i]);
                }
            }
        }
    }

    /** A name's forms, or null for one that cannot be matched (no letters, too long): stored, not indexed. */
    private static NameForms.Name formsOrNull(String name) {
        try {
            return NameForms.of(name);
        } catch (InvalidName e) {
            return null;
        }
    }

    /** A name as {@code screening_name} holds it (at most 2,000 characters). */
    private static String cut(String name) {
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    private static final int MAX_NAME = 2000;

    /** The lists held, with their entries listed and delisted and their last import. */
    public record Source(String source, int listed, int delisted, String lastImported, String generated) {
    }

    /** The watchlists this node holds. */
    public List<Source> sources() {
        Map<String, int[]> counts = new java.util.TreeMap<>();
        jdbc.sql("select source, listed, count(*) from screening_entry group by source, listed").query(rs -> {
            counts.computeIfAbsent(rs.getString(1), k -> new int[2])[rs.getBoolean(2) ? 0 : 1] += rs.getInt(3);
        });
        List<Source> out = new ArrayList<>();
        counts.forEach((source, n) -> {
            var last = jdbc.sql("select imported_at, generated from screening_import where source = ? order by id desc").param(source)
                    .query((rs, row) -> new String[] {rs.getTimestamp(1).toInstant().toString(), rs.getString(2)}).list();
            out.add(new Source(source, n[0], n[1], last.isEmpty() ? "" : last.get(0)[0], last.isEmpty() ? "" : last.get(0)[1]));
        });
        return out;
    }

    private Stored store(String source, String format, UnConsolidatedList.Contents contents, List<String> skipped) {
        Timestamp now = Timestamp.from(clock.instant());
        refuseAReplacementByMistake(source, format, contents);
        long lastBefore = jdbc.sql("select coalesce(max(id), 0) from screening_import").query(Long.class).single();
        Map<String, Boolean> listed = new HashMap<>();
        Map<String, String> fingerprints = new HashMap<>();
        jdbc.sql("select reference, fingerprint, listed from screening_entry where source = ?").param(source).query(rs -> {
            fingerprints.put(rs.getString(1), rs.getString(2));
            listed.put(rs.getString(1), rs.getBoolean(3));
        });
        List<WatchlistEntry> entries = contents.entries();
        String[] fingerprint = new String[entries.size()];
        java.util.stream.IntStream.range(0, entries.size()).parallel().forEach(i -> fingerprint[i] = fingerprint(entries.get(i)));
        int added = 0;
        int changed = 0;
        int relisted = 0;
        Set<String> seen = new HashSet<>();
        List<Object[]> newEntries = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<String> replacedNames = new ArrayList<>();
        List<Object[]> names = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            WatchlistEntry entry = entries.get(i);
            if (!seen.add(entry.reference())) {
                throw new InvalidInput("reference", "unique", "the list names " + entry.reference() + " twice; nothing was imported");
            }
            String previous = fingerprints.get(entry.reference());
            if (previous == null) {
                added++;
                newEntries.add(new Object[] {source, entry.reference(), entry.kind().name(), entry.version(), fingerprint[i], true,
                    entry.listedOn(), lines(entry.datesOfBirth()), lines(entry.placesOfBirth()), lines(entry.nationalities()),
                    lines(entry.documents()), now, now, entry.origin(), entry.marking()});
                names(source, entry, names);
            } else if (!previous.equals(fingerprint[i]) || !listed.get(entry.reference())) {
                if (!previous.equals(fingerprint[i])) {
                    changed++;
                }
                if (!listed.get(entry.reference())) {
                    relisted++;
                }
                updates.add(new Object[] {entry.kind().name(), entry.version(), fingerprint[i], entry.listedOn(), lines(entry.datesOfBirth()),
                    lines(entry.placesOfBirth()), lines(entry.nationalities()), lines(entry.documents()), now, entry.origin(),
                    entry.marking(), source, entry.reference()});
                replacedNames.add(entry.reference());
                names(source, entry, names);
            }
        }
        List<String> delisting = new ArrayList<>();
        for (var known : listed.entrySet()) {
            if (known.getValue() && !seen.contains(known.getKey())) {
                delisting.add(known.getKey());
            }
        }
        rows.insert("screening_entry", "source, reference, kind, list_version, fingerprint, listed, listed_on, dates_of_birth, places_of_birth,"
                + " nationalities, documents, first_imported, last_changed, origin, marking", newEntries);
        batches.batchUpdate("""
                update screening_entry set kind = ?, list_version = ?, fingerprint = ?, listed = true, listed_on = ?, dates_of_birth = ?,
                    places_of_birth = ?, nationalities = ?, documents = ?, last_changed = ?, delisted_at = null, origin = ?, marking = ?
                where source = ? and reference = ?""", updates);
        batches.batchUpdate("delete from screening_name where source = ? and reference = ?",
                replacedNames.stream().map(r -> new Object[] {source, r}).toList());
        rows.insert("screening_name", "source, reference, position, name, name_type, quality", names);
        batches.batchUpdate("update screening_entry set listed = false, delisted_at = ?, last_changed = ? where source = ? and reference = ?",
                delisting.stream().map(r -> new Object[] {now, now, source, r}).toList());
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into screening_import (source, generated, imported_at, entries, added, changed, delisted, relisted, format)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(source, contents.generated(), now, entries.size(), added, changed, delisting.size(), relisted, format)
                .update(key, "id");
        Imported imported = new Imported(source, contents.generated(), entries.size(), added, changed, delisting.size(), relisted, skipped);
        return new Stored(imported, lastBefore, key.getKey().longValue());
    }

    private static void names(String source, WatchlistEntry entry, List<Object[]> into) {
        int position = 0;
        for (WatchlistEntry.Alias alias : entry.names()) {
            into.add(new Object[] {source, entry.reference(), position++, cut(alias.name()), alias.type(), alias.quality()});
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

    /** A value as an error shows it: at most 40 characters, control characters as '?'. */
    private static String quoted(String value) {
        String shown = value.strip().replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 40 ? shown.substring(0, 40) + "..." : shown;
    }

    /**
     * The listed entries whose names match {@code name}, best first, MATCH and REVIEW bands only; a
     * date of birth ({@code 1964-07-17}, {@code 1964} or {@code 1960-1962}) and a nationality (a
     * country's name or ISO code), when given and when the entry has them, raise the score if they
     * agree and lower it if they conflict (the explanation says which).
     *
     * @throws InvalidInput naming the field ({@code name}, {@code dob}, {@code nationality}, {@code limit}) and its rule
     */
    public List<Match> search(String name, String dob, String nationality, int limit) {
        return search(name, dob, nationality, null, limit);
    }

    /**
     * {@link #search(String, String, String, int)} among the entries of one kind when {@code kind} names one
     * ({@code INDIVIDUAL} or {@code ENTITY}, in any case; all when null or blank): the officer who looks for a person is
     * not shown the bodies named after him, nor the one who looks for a group its founder.
     *
     * @throws InvalidInput naming the field ({@code name}, {@code dob}, {@code nationality}, {@code kind}, {@code limit}) and its rule
     */
    public List<Match> search(String name, String dob, String nationality, String kind, int limit) {
        org.concord.node.Limits.range("limit", limit, MAX_LIMIT);
        WatchlistEntry.Kind wanted = kind(kind);
        if (dob != null && !dob.isBlank() && !Particulars.readableDate(dob)) {
            throw new InvalidInput("dob", "date", "a date of birth is a day of the calendar (1964-07-17), a year (1964) or a range"
                    + " of years (1960-1962), none of it in the future, not '" + quoted(dob) + "'");
        }
        if (wanted == WatchlistEntry.Kind.ENTITY && dob != null && !dob.isBlank()) {
            throw new InvalidInput("dob", "person-only", "only a person has a date of birth, and this search is for a body only:"
                    + " leave the date out, or look for a person");
        }
        // a country the officer mistyped would otherwise count against every listed person as another nationality
        if (nationality != null && !nationality.isBlank() && (nationality.length() > 100 || !Particulars.readableNationality(nationality))) {
            throw new InvalidInput("nationality", "country", "a nationality is a country's English name, its ISO 3166 code, its"
                    + " people's word or its name in Arabic, Persian, Urdu, Pashto or Russian (Afghanistan, AF, AFG, Afghan, افغانستان),"
                    + " not '" + quoted(nationality) + "'");
        }
        Particulars given = new Particulars(dob == null ? List.of() : List.of(dob), nationality == null ? List.of() : List.of(nationality));
        NameForms.Name query;
        try {
            query = NameForms.of(name);
        } catch (InvalidName e) {
            throw new InvalidInput("name", e.rule(), e.getMessage());
        }
        NameIndex<Listed> current = current();
        List<Match> matches = new ArrayList<>();
        boolean particulars = !given.isEmpty();
        // with particulars, or a query naming a kind of body (which counts against a listed person), more name matches are
        // read, as a conflicting date of birth or a person's entry may push some below others
        boolean reranked = particulars || NameForms.kindOfBody(query) != null;
        java.util.function.Predicate<Listed> admits = wanted == null ? null : listed -> wanted.name().equals(listed.kind());
        for (var hit : current.search(query, reranked ? Math.max(limit, 50) : limit, admits)) {
            Listed owner = hit.owner();
            NameMatcher.Comparison comparison = matcher.judged(hit.comparison(), query, hit.entry().name(),
                    WatchlistEntry.Kind.INDIVIDUAL.name().equals(owner.kind()), given, owner.particulars());
            if (comparison.band() == Band.NO_MATCH) {
                continue;
            }
            matches.add(new Match(owner.source(), owner.reference(), owner.kind(), owner.name(), hit.entry().name().written(),
                    Math.round(comparison.score() * 1000) / 1000.0, comparison.band().name(), comparison.why(), owner.origin(),
                    owner.marking()));
        }
        matches.sort(java.util.Comparator.comparingDouble(Match::score).reversed());
        return matches.size() > limit ? List.copyOf(matches.subList(0, limit)) : matches;
    }

    /** The kind of entry a search asks for, or null for any. */
    private static WatchlistEntry.Kind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        for (WatchlistEntry.Kind k : WatchlistEntry.Kind.values()) {
            if (k.name().equalsIgnoreCase(kind.strip())) {
                return k;
            }
        }
        throw new InvalidInput("kind", InvalidInput.ONE_OF, "a kind of entry is INDIVIDUAL (a person) or ENTITY (a body), not '"
                + quoted(kind) + "'");
    }

    /** Whether a score of a match is a MATCH (for callers that want only those). */
    public static boolean isMatch(Match match) {
        return Band.MATCH.name().equals(match.band());
    }

    /** The index in use; built from the database first if there is none yet (once, whoever asks first). */
    NameIndex<Listed> current() {
        Indexed current = index.get();
        if (current != null) {
            return current.index();
        }
        synchronized (this) {
            current = index.get();
            return current != null ? current.index() : rebuild();
        }
    }

    private static List<String> split(String lines) {
        return lines == null || lines.isEmpty() ? List.of() : List.of(lines.split("\n"));
    }

    /** The number of names in the index in use (0 before it is built). */
    public int indexed() {
        Indexed current = index.get();
        return current == null ? 0 : current.index().size();
    }

    /**
     * Builds a new index from the listed entries in the database, beside the one in use, and swaps it
     * in (as a node does when it starts). The names are read in pages and turned into their forms on
     * all cores; searches meanwhile answer from the index in use.
     */
    synchronized NameIndex<Listed> rebuild() {
        long started = System.nanoTime();
        long through = jdbc.sql("select coalesce(max(id), 0) from screening_import").query(Long.class).single();
        NameIndex.Builder<Listed> builder = NameIndex.<Listed>builder(matcher).tiesBy(LISTED_ORDER);
        int[] read = readListed(builder, null);
        NameIndex<Listed> built = builder.build();
        swapIn(built, through);
        log.info("screening index built: {} names of {} listed entries, {} distinct words, {} names unusable, in {} ms", built.size(),
                read[0], built.words(), read[1], (System.nanoTime() - started) / 1_000_000);
        return built;
    }

    /**
     * Adds the names of the listed entries in the database to {@code builder}, those of list
     * {@code source} (null: every list); returns how many entries were read and how many of their
     * names could not be matched.
     */
    private int[] readListed(NameIndex.Builder<Listed> builder, String source) {
        Map<String, Listed> owners = new HashMap<>();
        String only = source == null ? "" : " and e.source = ?";
        Object[] params = source == null ? new Object[0] : new Object[] {source};
        jdbc.sql("""
                select e.source, e.reference, e.kind, e.dates_of_birth, e.nationalities, e.origin, e.marking, n.name
                from screening_entry e join screening_name n on n.source = e.source and n.reference = e.reference and n.position = 0
                where e.listed = true""" + only).params(params).query(rs -> {
                    Listed listed = new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(8),
                            new Particulars(split(rs.getString(4)), split(rs.getString(5))), rs.getString(6), rs.getString(7));
                    owners.put(listed.source() + "\n" + listed.reference(), listed);
                });
        List<Object[]> page = new ArrayList<>(PAGE);
        int[] skipped = new int[1];
        jdbc.sql("""
                select n.source, n.reference, n.name, n.name_type from screening_name n
                join screening_entry e on e.source = n.source and e.reference = n.reference
                where e.listed = true""" + only + " order by n.source, n.reference, n.position").params(params).query(rs -> {
                    page.add(new Object[] {owners.get(rs.getString(1) + "\n" + rs.getString(2)), rs.getString(4), rs.getString(3)});
                    if (page.size() == PAGE) {
                        skipped[0] += addAll(builder, page);
                        page.clear();
                    }
                });
        skipped[0] += addAll(builder, page);
        return new int[] {owners.size(), skipped[0]};
    }

    private static final int PAGE = 20_000;

    /**
     * Equal scores in the order of list and reference, and an entry's names by position (the order they are read in),
     * so that a search answers the same after an import as after a restart, whichever list came first.
     */
    private static final java.util.Comparator<Listed> LISTED_ORDER = java.util.Comparator.comparing(Listed::source)
            .thenComparing(Listed::reference);

    /** Adds a page of names, their forms computed on all cores; returns how many could not be matched (no letters, too long). */
    private static int addAll(NameIndex.Builder<Listed> builder, List<Object[]> page) {
        NameForms.Name[] forms = new NameForms.Name[page.size()];
        java.util.stream.IntStream.range(0, page.size()).parallel().forEach(i -> forms[i] = formsOrNull((String) page.get(i)[2]));
        int skipped = 0;
        for (int i = 0; i < forms.length; i++) {
            if (forms[i] == null || page.get(i)[0] == null) {
                skipped++;
                continue;
            }
            builder.add((Listed) page.get(i)[0], (String) page.get(i)[1], forms[i]);
        }
        return skipped;
    }

    private static String lines(List<String> values) {
        return values.stream().map(v -> v.replace('\n', ' ')).collect(Collectors.joining("\n"));
    }

    /**
     * The SHA-256 of the entry's text as its record's {@code toString} writes it ({@link #fingerprintText}),
     * so that fingerprints stored by earlier versions still tell a changed entry from an unchanged one.
     */
    static String fingerprint(WatchlistEntry entry) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(fingerprintText(entry).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code entry.toString()}, written out: the record's own {@code toString} formats each entry
     * through {@code String.format}, a third of an import's time at a million names.
     */
    static String fingerprintText(WatchlistEntry entry) {
        StringBuilder text = new StringBuilder(256);
        text.append("WatchlistEntry[reference=").append(entry.reference()).append(", version=").append(entry.version())
                .append(", kind=").append(entry.kind()).append(", names=[");
        for (int i = 0; i < entry.names().size(); i++) {
            WatchlistEntry.Alias alias = entry.names().get(i);
            text.append(i == 0 ? "" : ", ").append("Alias[name=").append(alias.name()).append(", type=").append(alias.type())
                    .append(", quality=").append(alias.quality()).append(']');
        }
        text.append("], datesOfBirth=");
        list(text, entry.datesOfBirth()).append(", placesOfBirth=");
        list(text, entry.placesOfBirth()).append(", nationalities=");
        list(text, entry.nationalities()).append(", documents=");
        list(text, entry.documents()).append(", listedOn=").append(entry.listedOn()).append(", origin=").append(entry.origin())
                .append(", marking=").append(entry.marking()).append(']');
        return text.toString();
    }

    private static StringBuilder list(StringBuilder text, List<String> values) {
        text.append('[');
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(values.get(i));
        }
        return text.append(']');
    }
}
