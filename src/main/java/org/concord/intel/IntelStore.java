package org.concord.intel;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.concord.audit.AuditLog;
import org.concord.intel.persistence.IntelTable;
import org.concord.intel.stix.HeldObject;
import org.concord.intel.stix.SharingPolicy;
import org.concord.intel.stix.StixValidator;
import org.concord.intel.stix.Tlp;
import org.concord.intel.stix.TrustBoundary;
import org.concord.intel.stix.VersionDecision;
import org.concord.intel.stix.VersioningPolicy;
import org.concord.intel.stix.Violation;
import org.concord.party.NodeIdentity;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store of STIX objects: every write validated (OASIS schemas and the rules they cannot
 * express) and versioned by (id, modified); every read filtered through the sharing policy for a
 * partner viewer. A batch is stored in one transaction: either every accepted object of it is
 * stored or, on any failure, none.
 */
@Service
@EnableConfigurationProperties(SharingSettings.class)
public class IntelStore {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IntelStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IntelTable table;
    private final StixValidator validator;
    private final Partners partners;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;
    /** Batches at least this large are checked on all cores. */
    private static final int PARALLEL_FROM = 64;
    private static final java.util.concurrent.ForkJoinPool CHECKERS =
            new java.util.concurrent.ForkJoinPool(Runtime.getRuntime().availableProcessors());

    private final org.springframework.context.ApplicationEventPublisher events;
    private final SharingInForce sharing;
    private final NodeIdentity self;
    /** Alarms are recorded in their own transaction, so that they outlive a refused import's rollback. */
    private final TransactionTemplate alarmTransactions;

    IntelStore(IntelTable table, SharingInForce sharing, Partners partners, AuditLog audit, Clock clock,
            TransactionTemplate transactions, org.springframework.context.ApplicationEventPublisher events, NodeIdentity self) {
        this.events = events;
        this.sharing = sharing;
        this.self = self;
        this.alarmTransactions = new TransactionTemplate(transactions.getTransactionManager());
        this.alarmTransactions.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.table = table;
        this.validator = StixValidator.withOasisSchemas();
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** What modules check of a partner's inbox objects before they are stored and receipted (the workflow engine's check). */
    private List<InboxCheck> inboxChecks = List.of();

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void checkInboxObjectsWith(List<InboxCheck> checks) {
        this.inboxChecks = List.copyOf(checks);
    }

    private String inboxRefusal(org.concord.party.PartyCode from, JsonNode object) {
        for (InboxCheck check : inboxChecks) {
            java.util.Optional<String> refusal = check.refusal(from, object);
            if (refusal.isPresent()) {
                return refusal.get();
            }
        }
        return null;
    }

    /** The sharing policy in force ({@link SharingInForce}): read anew at each call, as an ADMIN may change it. */
    public SharingPolicy policy() {
        return sharing.policy();
    }

    /**
     * Stores objects into a collection. Each object is checked on its own; refused objects are
     * reported and the rest stored, all in one transaction.
     */
    public List<ObjectOutcome> store(Collection collection, List<JsonNode> objects, Origin origin) {
        return store(collection, objects, origin, false);
    }

    /**
     * As {@link #store}, but all or nothing: if any object is refused, nothing is stored and
     * {@link RefusedObjects} names every refusal.
     */
    public List<ObjectOutcome> storeAll(Collection collection, List<JsonNode> objects, Origin origin) {
        return store(collection, objects, origin, true, checked -> { });
    }

    /** As {@link #storeAll}, telling {@code progress} how many objects have been checked so far (every 5,000). */
    public List<ObjectOutcome> storeAll(Collection collection, List<JsonNode> objects, Origin origin,
            java.util.function.IntConsumer progress) {
        return store(collection, objects, origin, true, progress);
    }

    private List<ObjectOutcome> store(Collection collection, List<JsonNode> objects, Origin origin, boolean atomic) {
        return store(collection, objects, origin, atomic, checked -> { });
    }

    /**
     * What {@link #storeMessages} did: each object's outcome, and the ledger digest of each object that passed the
     * inbox's checks (null for one refused by them), in the order given.
     */
    public record StoredMessages(List<ObjectOutcome> outcomes, List<org.concord.ledger.ObjectDigest> digests) {
    }

    /**
     * As {@link #store} into the inbox, also handing back the ledger digest the inbox's check computed of each message
     * it passed: the receipts name the same digest, and the caller need not compute it again (issue 13).
     */
    public StoredMessages storeMessages(List<JsonNode> objects, Origin origin) {
        org.concord.ledger.ObjectDigest[] digests = new org.concord.ledger.ObjectDigest[objects.size()];
        List<ObjectOutcome> outcomes = store(Collection.INBOX, objects, origin, false, checked -> { }, digests);
        return new StoredMessages(outcomes, java.util.Arrays.asList(digests));
    }

    private List<ObjectOutcome> store(Collection collection, List<JsonNode> objects, Origin origin, boolean atomic,
            java.util.function.IntConsumer progress) {
        return store(collection, objects, origin, atomic, progress, new org.concord.ledger.ObjectDigest[objects.size()]);
    }

    private List<ObjectOutcome> store(Collection collection, List<JsonNode> objects, Origin origin, boolean atomic,
            java.util.function.IntConsumer progress, org.concord.ledger.ObjectDigest[] digests) {
        ObjectOutcome[] outcomes = new ObjectOutcome[objects.size()];
        IntelTable.NewRow[] prepared = new IntelTable.NewRow[objects.size()];
        TrustBoundary.Sender sender = origin instanceof Origin.Partner partner ? sender(partner, collection) : null;
        String source = origin instanceof Origin.Partner partner ? partner.party().value() : null;
        java.util.function.Predicate<String> knownMarking = knownMarkings(objects);
        java.util.concurrent.atomic.AtomicInteger checked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.IntConsumer check = i -> {
            JsonNode object = objects.get(i);
            String id = object != null && object.path("id").isString() ? object.path("id").asString() : Violation.NO_ID;
            if (object == null || !object.isObject()) {
                outcomes[i] = refused(id, null, "$: a STIX object must be a JSON object");
                return;
            }
            String version = versionOf(object);
            List<Violation> violations = validator.validate(object, knownMarking);
            if (!violations.isEmpty()) {
                outcomes[i] = refused(id, version, violations.stream().limit(5).map(v -> v.path() + ": " + v.rule())
                        .collect(Collectors.joining("; ")));
            } else {
                // Found by fuzzing: the ledger records every inbox message, and its receipt names it, by id and
                // time; one the ledger cannot record was stored, then failed at the receipt (a 400 for a stored batch).
                String unrecordable = collection == Collection.INBOX ? ledgerRefusal(object, digests, i) : null;
                if (unrecordable == null && collection == Collection.INBOX && origin instanceof Origin.Partner partner) {
                    unrecordable = inboxRefusal(partner.party(), object);
                }
                if (unrecordable != null) {
                    outcomes[i] = refused(id, version, unrecordable);
                } else {
                    prepared[i] = row(collection, object, versionKey(object), source, true);
                }
            }
            int done = checked.incrementAndGet();
            if (done % 5_000 == 0) {
                progress.accept(done);
            }
        };
        // Checking is pure CPU work on independent objects: it runs on all cores, chunk by chunk, while
        // this thread writes the chunks already checked (issue 13: validation pipelined with the write).
        // What is held of the batch's ids is read once, and on PostgreSQL the chunks go into one COPY that
        // the server stores while this thread decides the next chunk (Writer, IntelTable.Rows).
        List<CheckedChunk> chunks = check(objects.size(), check);
        List<IntelTable.Alarm> alarms = new ArrayList<>();
        try {
            if (!atomic) {
                // Nothing to write until the first chunk shows a valid object: no transaction, no clock lock.
                int first = firstWithValid(chunks, prepared);
                if (first < chunks.size()) {
                    transactions.executeWithoutResult(status -> {
                        Writer writer = new Writer(collection, objects, prepared, origin, sender, outcomes, false, alarms);
                        try {
                            for (int c = first; c < chunks.size(); c++) {
                                writer.write(chunks.get(c).await(), prepared);
                            }
                            writer.finish();
                        } catch (RuntimeException | Error e) {
                            writer.abort();
                            throw e;
                        }
                    });
                }
            } else {
                // All or nothing: a refusal anywhere rolls back what the chunks before it wrote.
                transactions.executeWithoutResult(status -> {
                    Writer writer = new Writer(collection, objects, prepared, origin, sender, outcomes, true, alarms);
                    try {
                        boolean refusedByChecks = false;
                        List<ObjectOutcome> checkRefusals = new ArrayList<>();
                        for (CheckedChunk chunk : chunks) {
                            chunk.await();
                            // Before the writer decides on a chunk, its only outcomes are the refusals of the checks.
                            checkRefusals.addAll(chunk.refusals(outcomes));
                            refusedByChecks = !checkRefusals.isEmpty();
                            // A refusal by the checks of a batch from this node stores nothing: only the checking goes on,
                            // so that every refusal is named. A partner's objects all still meet the trust boundary.
                            if (!(refusedByChecks && sender == null)) {
                                writer.write(chunk, prepared);
                            }
                        }
                        if (refusedByChecks && sender == null) {
                            throw new RefusedObjects(checkRefusals);
                        }
                        writer.finish();
                    } catch (RuntimeException | Error e) {
                        writer.abort();
                        throw e;
                    }
                });
            }
        } finally {
            if (!alarms.isEmpty()) {
                recordAlarms(alarms, origin);
            }
        }
        return List.of(outcomes);
    }

    /** How many objects are checked as one chunk when a batch is checked in parallel with its write. */
    static final int CHUNK = 100;

    /** A range of a batch whose checks run on {@link #CHECKERS}; {@link #await()} returns it once they are done. */
    private record CheckedChunk(int from, int to, java.util.concurrent.Future<?> checks) {

        CheckedChunk await() {
            try {
                checks.get();
                return this;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking objects", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
        }

        List<ObjectOutcome> refusals(ObjectOutcome[] outcomes) {
            List<ObjectOutcome> refused = new ArrayList<>();
            for (int i = from; i < to; i++) {
                if (outcomes[i] != null) {
                    refused.add(outcomes[i]);
                }
            }
            return refused;
        }
    }

    /** Starts the checks of every chunk (small batches: checked here, now). */
    private static List<CheckedChunk> check(int size, java.util.function.IntConsumer check) {
        List<CheckedChunk> chunks = new ArrayList<>();
        if (size < PARALLEL_FROM) {
            for (int i = 0; i < size; i++) {
                check.accept(i);
            }
            chunks.add(new CheckedChunk(0, size, java.util.concurrent.CompletableFuture.completedFuture(null)));
            return chunks;
        }
        for (int from = 0; from < size; from += CHUNK) {
            int start = from;
            int end = Math.min(size, from + CHUNK);
            chunks.add(new CheckedChunk(start, end, CHECKERS.submit(() -> {
                for (int i = start; i < end; i++) {
                    check.accept(i);
                }
            })));
        }
        return chunks;
    }

    /** The index of the first chunk with an object that passed its checks (waiting for it), or the number of chunks if none did. */
    private static int firstWithValid(List<CheckedChunk> chunks, IntelTable.NewRow[] prepared) {
        for (int c = 0; c < chunks.size(); c++) {
            CheckedChunk chunk = chunks.get(c).await();
            for (int i = chunk.from(); i < chunk.to(); i++) {
                if (prepared[i] != null) {
                    return c;
                }
            }
        }
        return chunks.size();
    }

    /** Who a partner is, as the trust boundary needs it. */
    private TrustBoundary.Sender sender(Origin.Partner partner, Collection collection) {
        return new TrustBoundary.Sender(self.stixIdentityId(), partner.party(), identityOf(partner.party()),
                sharing.current().settings().relayedBy(partner.party(), code -> partners.byCode(code).map(p -> identityId(p.identity()))),
                collection == Collection.INBOX);
    }

    /**
     * The marking-definitions objects of this batch may refer to: the standard TLP ones, the valid ones
     * in the batch, and those held (in any collection), read in one query.
     */
    private java.util.function.Predicate<String> knownMarkings(List<JsonNode> objects) {
        Set<String> inBatch = new java.util.HashSet<>();
        Set<String> wanted = new java.util.HashSet<>();
        for (JsonNode object : objects) {
            if (object == null || !object.isObject()) {
                continue;
            }
            // a marking-definition of the batch counts only if it is itself valid: one the schema refuses is not
            // stored, and an object marked with it would be stored with a dangling marking (a tester's finding)
            if ("marking-definition".equals(object.path("type").asString("")) && validator.validate(object, id -> true).isEmpty()) {
                inBatch.add(object.path("id").asString(""));
            }
            object.path("object_marking_refs").forEach(ref -> wanted.add(ref.asString("")));
            object.path("granular_markings").forEach(g -> wanted.add(g.path("marking_ref").asString("")));
        }
        wanted.removeIf(id -> id.isEmpty() || Tlp.isStandardMarkingDefinition(id) || inBatch.contains(id));
        Set<String> known = new java.util.HashSet<>(inBatch);
        if (!wanted.isEmpty()) {
            known.addAll(table.heldMarkingDefinitions(wanted));
        }
        return id -> Tlp.isStandardMarkingDefinition(id) || known.contains(id);
    }

    private void recordAlarms(List<IntelTable.Alarm> alarms, Origin origin) {
        for (IntelTable.Alarm alarm : alarms) {
            boolean raised;
            try {
                raised = Boolean.TRUE.equals(alarmTransactions.execute(status -> {
                    boolean fresh = table.insertAlarm(alarm);
                    if (fresh) {
                        audit.record(actor(origin), "intel.refused-from-partner", alarm.objectId(),
                                alarm.rule() + " via " + alarm.path() + " from " + alarm.partner() + ": " + alarm.detail());
                    }
                    return fresh;
                }));
            } catch (org.springframework.dao.DuplicateKeyException e) {
                raised = false; // recorded at the same moment by another instance
            }
            if (raised) {
                log.warn("ALARM refused {} version {} from partner {} via {} ({}): {}", alarm.objectId(), alarm.objectVersion(),
                        alarm.partner(), alarm.path(), alarm.rule(), alarm.detail());
            }
        }
    }

    /** The versions of objects partners sent that the trust boundary refused, newest first. */
    public List<IntelTable.Alarm> alarms(int limit, String objectId) {
        if (limit < 1 || limit > 1000) {
            throw new org.concord.node.InvalidInput("limit", "range", "must be between 1 and 1000, got " + limit);
        }
        return table.alarms(limit, objectId);
    }

    /**
     * Writes one batch, chunk by chunk, in the caller's transaction: the versioning check against
     * what is held (one lookup per chunk, which sees the chunks written before it), the trust boundary
     * for a partner, then the chunk's rows. One date added, one audit entry and, for all or nothing, one
     * refusal for the whole batch.
     */
    private final class Writer {
        private final Collection collection;
        private final List<JsonNode> objects;
        private final Origin origin;
        private final TrustBoundary.Sender sender;
        private final ObjectOutcome[] outcomes;
        private final boolean atomic;
        private final List<IntelTable.Alarm> alarms;
        private final Map<ObjectOutcome.Kind, Integer> counts = new EnumMap<>(ObjectOutcome.Kind.class);
        private final List<IntelTable.NewRow> written = new ArrayList<>();
        private Instant dateAdded;
        private IntelTable.Rows rows;
        // What is held of the batch's ids, read once for the whole batch and kept up to date as it is decided
        private final Map<String, JsonNode> current = new HashMap<>();
        private final Map<String, Map<String, IntelTable.HeldVersion>> heldVersions = new HashMap<>();
        /** For a partner's post to the inbox: the sources of each id's versions held in the intel collection (one id, one object). */
        private final Map<String, Map<String, IntelTable.HeldVersion>> heldInIntel = new HashMap<>();
        private final Set<String> retire = new LinkedHashSet<>();
        // Every id of the batch (what is held of them is read once), and those it holds more than once: their rows wait
        // for the last chunk, which decides which one is current
        private final Set<String> ids = new LinkedHashSet<>();
        private final Set<String> repeated = new java.util.HashSet<>();
        private final Map<String, IntelTable.NewRow> repeatedCurrent = new java.util.LinkedHashMap<>();
        private final List<IntelTable.NewRow> repeatedHistory = new ArrayList<>();

        Writer(Collection collection, List<JsonNode> objects, IntelTable.NewRow[] prepared, Origin origin, TrustBoundary.Sender sender,
                ObjectOutcome[] outcomes, boolean atomic, List<IntelTable.Alarm> alarms) {
            this.collection = collection;
            this.objects = objects;
            this.origin = origin;
            this.sender = sender;
            this.outcomes = outcomes;
            this.atomic = atomic;
            this.alarms = alarms;
            for (JsonNode object : objects) {
                String id = idOf(object);
                if (id != null && !ids.add(id)) {
                    repeated.add(id);
                }
            }
        }

        private static String idOf(JsonNode object) {
            return object != null && object.path("id").isString() ? object.path("id").asString() : null;
        }

        /** The first time there is something to write: the clock, then what is held of every id of the batch, in one read. */
        private void begin() {
            dateAdded = table.lockClockAndNextDateAdded(clock.instant());
            table.held(collection.alias(), ids).forEach((id, held) -> {
                heldVersions.put(id, new HashMap<>(held.versions()));
                if (held.currentJson() != null) {
                    current.put(id, JSON.readTree(held.currentJson()));
                }
            });
            if (collection == Collection.INBOX && sender != null) {
                // an id is one object whatever collection holds it: a partner's post never joins one held here from elsewhere
                table.held(Collection.INTEL.alias(), ids).forEach((id, held) -> heldInIntel.put(id, held.versions()));
            }
            rows = table.rows(dateAdded);
        }

        void write(CheckedChunk chunk, IntelTable.NewRow[] prepared) {
            List<Integer> valid = new ArrayList<>(chunk.to() - chunk.from());
            for (int i = chunk.from(); i < chunk.to(); i++) {
                if (prepared[i] != null) {
                    valid.add(i);
                }
            }
            if (valid.isEmpty()) {
                return;
            }
            if (dateAdded == null) {
                begin();
            }
            List<IntelTable.NewRow> now = new ArrayList<>();
            for (int i : valid) {
                JsonNode object = objects.get(i);
                IntelTable.NewRow row = prepared[i];
                String id = row.id();
                String version = versionOf(object);
                String key = row.versionKey();
                Map<String, IntelTable.HeldVersion> versions = heldVersions.getOrDefault(id, Map.of());
                IntelTable.HeldVersion sameKey = versions.get(key);
                ObjectOutcome outcome;
                java.util.Optional<TrustBoundary.Refusal> refusal = java.util.Optional.empty();
                if (sender != null && Tlp.isStandardMarkingDefinition(id)) {
                    outcome = new ObjectOutcome(id, version, ObjectOutcome.Kind.UNCHANGED,
                            "a standard TLP marking definition: this node keeps its own and takes none from a partner");
                } else if (sameKey != null && JSON.readTree(sameKey.json()).equals(object)) {
                    outcome = new ObjectOutcome(id, version, ObjectOutcome.Kind.UNCHANGED, "this version is already held");
                } else if (sender != null && (refusal = TrustBoundary.decide(sender, object, heldSources(id, key, object, versions))).isPresent()) {
                    outcome = refused(id, version, refusal.get().detail());
                    alarms.add(alarm(sender, origin, collection, object, version, refusal.get(), dateAdded));
                } else if (sameKey != null) {
                    outcome = refused(id, version, "$.modified: a different object under the same id and version is already held");
                } else {
                    VersionDecision decision = VersioningPolicy.decide(Optional.ofNullable(current.get(id)), object);
                    if (decision instanceof VersionDecision.Refused refused) {
                        outcome = refused(id, version, refused.rule());
                    } else if (decision instanceof VersionDecision.Same) {
                        outcome = new ObjectOutcome(id, version, ObjectOutcome.Kind.UNCHANGED, "this version is already held");
                    } else if (decision.becomesCurrent()) {
                        if (current.containsKey(id)) {
                            retire.add(id);
                        }
                        if (repeated.contains(id)) {
                            IntelTable.NewRow replaced = repeatedCurrent.put(id, row);
                            if (replaced != null) {
                                repeatedHistory.add(asHistory(replaced));
                            }
                        } else {
                            now.add(row);
                        }
                        current.put(id, object);
                        outcome = new ObjectOutcome(id, version, decision instanceof VersionDecision.New
                                ? ObjectOutcome.Kind.ADDED : ObjectOutcome.Kind.NEWER_VERSION, null);
                    } else {
                        (repeated.contains(id) ? repeatedHistory : now).add(asHistory(row));
                        outcome = new ObjectOutcome(id, version, ObjectOutcome.Kind.OLDER_VERSION, "kept as history; a newer version is current");
                    }
                    if (outcome.changedSomething()) {
                        heldVersions.computeIfAbsent(id, k -> new HashMap<>())
                                .put(key, new IntelTable.HeldVersion(row.sourceParty(), row.json(), false));
                    }
                }
                outcomes[i] = outcome;
                counts.merge(outcome.kind(), 1, Integer::sum);
            }
            rows.add(now);
            written.addAll(now);
        }

        /** Gives up what was sent and not yet stored (the transaction is rolled back after). */
        void abort() {
            if (rows != null) {
                rows.abort();
            }
        }

        /** After the last chunk: refuses the whole batch (all or nothing), or audits it and announces its inbox messages. */
        void finish() {
            if (atomic && java.util.Arrays.stream(outcomes).anyMatch(o -> o != null && !o.succeeded())) {
                abort();
                throw new RefusedObjects(java.util.Arrays.stream(outcomes).filter(o -> o != null && !o.succeeded()).toList());
            }
            if (rows == null) {
                return;
            }
            List<IntelTable.NewRow> last = new ArrayList<>(repeatedHistory);
            last.addAll(repeatedCurrent.values());
            rows.add(last);
            written.addAll(last);
            rows.finish();
            // what was current before the batch, now replaced: after the batch's own rows, which were added later
            table.retireCurrent(collection.alias(), retire, dateAdded);
            if (written.isEmpty()) {
                return;
            }
            table.refreshStatisticsAfter(written.size());
            audit.record(actor(origin), "intel.stored", collection.alias(), counts.toString());
            if (collection == Collection.INBOX && origin instanceof Origin.Partner partner) {
                // one hand-over for the whole delivery, in the order stored (HandingOverInboxMessages)
                events.publishEvent(new InboxHandOver(partner.party(), written.stream()
                        .map(row -> new InboxReceived(partner.party(), row.id(), row.type(), row.version())).toList()));
            }
        }

        /**
         * The sources of what is held of {@code id}: in this collection, and for the inbox in the intel collection too,
         * unless the intel collection holds this very version byte for byte (an observable's id is made from its value, so
         * two nodes write the same one; that is no rewrite).
         */
        private Set<Optional<PartyCode>> heldSources(String id, String key, JsonNode object, Map<String, IntelTable.HeldVersion> versions) {
            Map<String, IntelTable.HeldVersion> inIntel = heldInIntel.get(id);
            if (inIntel == null || inIntel.containsKey(key) && JSON.readTree(inIntel.get(key).json()).equals(object)) {
                return sources(versions);
            }
            Set<Optional<PartyCode>> all = new HashSet<>(sources(versions));
            all.addAll(sources(inIntel));
            return all;
        }
    }

    private static Set<Optional<PartyCode>> sources(Map<String, IntelTable.HeldVersion> versions) {
        Set<Optional<PartyCode>> sources = new java.util.HashSet<>();
        versions.values().forEach(v -> sources.add(Optional.ofNullable(v.sourceParty()).map(PartyCode::of)));
        return sources;
    }

    private static IntelTable.Alarm alarm(TrustBoundary.Sender sender, Origin origin, Collection collection, JsonNode object,
            String version, TrustBoundary.Refusal refusal, Instant at) {
        Origin.Partner partner = (Origin.Partner) origin;
        String json = JSON.writeValueAsString(object);
        return new IntelTable.Alarm(0, at, sender.partner().value(), partner.pathIn(collection).code(), partner.auditActor(),
                object.path("id").asString(), version, object.path("created_by_ref").isString() ? object.path("created_by_ref").asString() : null,
                refusal.rule().code(), refusal.detail(), sha256(json), json);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IntelTable.NewRow asHistory(IntelTable.NewRow row) {
        return new IntelTable.NewRow(row.collection(), row.id(), row.type(), row.specVersion(), row.version(), row.versionKey(),
                row.createdByRef(), row.revoked(), row.confidence(), row.reliability(), row.tlp(), row.markingRefs(), row.refs(),
                row.sourceParty(), false, row.json());
    }

    static IntelTable.NewRow row(Collection collection, JsonNode object, String key, String source, boolean current) {
        // Every id it refers to (the sharing policy's rule 5), so that a page's references are read in one query.
        Set<String> refs = SharingPolicy.referencedIds(object);
        String modified = object.path("modified").asString(null);
        String created = object.path("created").asString(null);
        return new IntelTable.NewRow(collection.alias(), object.path("id").asString(), object.path("type").asString(),
                object.path("spec_version").asString("2.1"), modified != null ? modified : created, key,
                object.path("created_by_ref").asString(null), object.path("revoked").asBoolean(false),
                object.path("confidence").isInt() ? object.path("confidence").asInt() : null,
                org.concord.party.ConcordProperties.sourceReliability(object).orElse(null),
                Tlp.of(object).map(Enum::name).orElse(null), markingRefs(object), refs.isEmpty() ? null : String.join(" ", refs), source,
                current, JSON.writeValueAsString(object));
    }

    private static String markingRefs(JsonNode object) {
        List<String> refs = new ArrayList<>();
        object.path("object_marking_refs").forEach(ref -> refs.add(ref.asString()));
        return refs.isEmpty() ? null : String.join(" ", refs);
    }

    /** TAXII's version of an object: modified, else created; null when it has neither (date added then stands for it). */
    static String versionOf(JsonNode object) {
        String modified = object.path("modified").asString(null);
        return modified != null ? modified : object.path("created").asString(null);
    }

    static String versionKey(JsonNode object) {
        String version = versionOf(object);
        return version == null ? "-" : StixTime.sortable(StixTime.parse("modified", version));
    }

    /** Why the ledger cannot record {@code object} as a message (its id and time), or null; its digest then goes in {@code digests[i]}. */
    private static String ledgerRefusal(JsonNode object, org.concord.ledger.ObjectDigest[] digests, int i) {
        try {
            digests[i] = org.concord.ledger.ObjectDigest.of(JSON.writeValueAsString(object));
            return null;
        } catch (org.concord.node.InvalidInput e) {
            return "$." + e.field() + ": a message to the inbox is recorded in the ledger by its id and time: " + e.getMessage();
        }
    }

    private static ObjectOutcome refused(String id, String version, String message) {
        return new ObjectOutcome(id, version, ObjectOutcome.Kind.REFUSED, message);
    }

    private static String actor(Origin origin) {
        return origin instanceof Origin.Local local ? local.actor() : ((Origin.Partner) origin).auditActor();
    }

    private String identityOf(PartyCode party) {
        return partners.byCode(party).map(Partner::identity).map(IntelStore::identityId)
                .orElseThrow(() -> new org.concord.node.InvalidInput("from", "paired-partner", party + " is not a paired partner"));
    }

    private static String identityId(String identityJson) {
        return JSON.readTree(identityJson).path("id").asString();
    }

    /**
     * How many rows a partner's page may pass over besides the {@code limit + 1} it looks for,
     * at least: a page examines at most {@code limit + 1 + max(limit, this)} of the rows that
     * rules 1 to 4 admit, whatever is withheld among them for what they refer to. The larger of
     * the two: with {@code limit}, a page's work is at most about twice that of a page with nothing
     * withheld; with this floor, a page comes back short (or empty) only when more than this many
     * rows withheld for their references lie within it, so small pages do not count them one by one.
     */
    static final int PASSED_OVER_AT_LEAST = 1_000;

    /** How many rows a page of {@code limit} passes over at most, under the floor {@code passedOver} ({@link #PASSED_OVER_AT_LEAST}). */
    static int passedOverAtMost(int limit, int passedOver) {
        return Math.max(limit, passedOver);
    }

    /**
     * One page of a collection as {@code viewer} may see it. For a partner, an object is visible
     * only if the sharing policy lets it read the object's current version and the version itself.
     *
     * <p>A partner's page is read in two steps, both parts of the one policy. The policy's rules 1
     * to 4 (standard markings, TLP level, origin; {@link SharingPolicy#admission}) are evaluated in
     * SQL over the indexed {@code share_class} column, so rows they withhold are never read and a
     * page costs the same whatever they withhold. The rows they admit are the page's candidates, in
     * order of adding; the first step of rule 5 (every object referred to directly is known to the
     * partner, its own, or admitted by rules 1 to 4; {@link SharingPolicy.References}) is
     * evaluated in SQL over the reference index for each candidate the page examines, and every
     * candidate that passes it is then decided whole by the Java policy (the rest of rule 5, what
     * the objects referred to refer to, and the rest again, so a row whose columns were written by
     * an older version cannot slip through). A page examines candidates until it holds one more
     * visible object than its limit, and at most {@code limit + 1 + max(limit,}
     * {@value #PASSED_OVER_AT_LEAST}{@code )} of them: when that many are examined first, the page
     * ends, short or even empty, with {@link Page#more()} true and a position past them.
     */
    public Page find(IntelQuery query, Viewer viewer) {
        if (viewer instanceof Viewer.LocalUser) {
            List<IntelTable.Row> rows = table.find(query, query.afterSeq(), query.limit() + 1);
            boolean more = rows.size() > query.limit();
            return new Page(rows.stream().limit(query.limit()).map(IntelTable.Row::object).toList(), more);
        }
        return find(query, ((Viewer.Partner) viewer).party(), policy(), PASSED_OVER_AT_LEAST);
    }

    /**
     * A partner's page under {@code policy} (the node's own, or one a test names), passing over at
     * most {@code max(limit, passedOver)} candidates that are withheld.
     */
    Page find(IntelQuery query, PartyCode partner, SharingPolicy policy, int passedOver) {
        Visibility visibility = new Visibility(partner, query.collection(), policy);
        SharingPolicy.References references = visibility.decider.references();
        List<StoredObject> visible = new ArrayList<>();
        long cursor = query.afterSeq();
        int wanted = query.limit() + 1;
        int budget = wanted + passedOverAtMost(query.limit(), passedOver);
        int examined = 0;
        while (examined < budget) {
            // As many candidates as the visible objects still wanted need at the share of them visible so far (the
            // first time: one each), at least 64, never past the budget. This decides only how many statements a page
            // takes, not what it returns: the page ends at the same row whatever the chunks.
            long estimate = examined == 0 ? wanted
                    : (long) Math.ceil((wanted - visible.size()) * (double) examined / Math.max(1, visible.size()));
            int chunk = (int) Math.min(budget - examined, Math.max(64, estimate));
            List<IntelTable.Examined> rows = table.examine(query, references, cursor, chunk);
            List<IntelTable.Row> passed = new ArrayList<>();
            for (IntelTable.Examined row : rows) {
                if (row.passed()) {
                    passed.add(row.row());
                }
            }
            visibility.prefetch(passed);
            for (IntelTable.Examined row : rows) {
                cursor = row.seq();
                examined++;
                // The whole policy again, in Java, on what SQL let through: rule 5, and a second look at rules 1 to 4.
                if (row.passed() && visibility.readable(row.row())) {
                    visible.add(row.row().object());
                    if (visible.size() == wanted) {
                        return new Page(visible.subList(0, query.limit()), true);
                    }
                }
            }
            if (rows.size() < chunk) {
                return new Page(visible, false);
            }
        }
        return new Page(visible, true, cursor);
    }

    /** Whether {@code viewer} may see (the current version of) the object {@code id}. */
    public boolean visible(Collection collection, String id, Viewer viewer) {
        if (viewer instanceof Viewer.LocalUser) {
            return !table.current(collection.alias(), List.of(id)).isEmpty();
        }
        Visibility visibility = new Visibility(((Viewer.Partner) viewer).party(), collection);
        return visibility.currentReadable(id);
    }

    /** Deletes an object (every version, or those named), for a local user. Returns the number of versions deleted. */
    public int delete(Collection collection, String id, List<String> versions, String actor) {
        List<String> keys = versions.stream().map(v -> StixTime.sortable(StixTime.parse("match[version]", v))).toList();
        Integer deleted = transactions.execute(status -> {
            int n = table.delete(collection.alias(), id, keys);
            if (n > 0) {
                audit.record(actor, "intel.deleted", id, n + " version(s) from " + collection.alias());
            }
            return n;
        });
        return deleted == null ? 0 : deleted;
    }

    /**
     * The inbox object an {@link InboxReceived} announces, parsed: what every module that takes a partner's
     * messages from the inbox reads first. Empty, with a warning logged, if it is not there (the event is
     * at-least-once and outlives nothing the inbox removed, so this is a fault to see, not to retry).
     */
    public Optional<tools.jackson.databind.JsonNode> announced(InboxReceived event) {
        Optional<String> json = inboxObject(event.id(), event.version());
        if (json.isEmpty()) {
            log.warn("{} {} version {} from {} announced but not in the inbox", event.type(), event.id(), event.version(), event.from());
        }
        return json.map(JSON::readTree);
    }

    /**
     * {@link #announced} for each message of a delivery, in the order given, read in one query (per 500 ids) instead of
     * one per message: empty for one not in the inbox (logged as {@link #announced} logs it).
     */
    public List<Optional<JsonNode>> announcedAll(List<InboxReceived> events) {
        Map<String, IntelTable.Held> held = table.held(Collection.INBOX.alias(),
                events.stream().map(InboxReceived::id).collect(Collectors.toCollection(LinkedHashSet::new)));
        List<Optional<JsonNode>> found = new ArrayList<>(events.size());
        for (InboxReceived event : events) {
            IntelTable.Held versions = held.get(event.id());
            String json = null;
            if (versions != null) {
                if (event.version() == null) {
                    json = versions.currentJson();
                } else {
                    IntelTable.HeldVersion version = versions.versions()
                            .get(StixTime.sortable(StixTime.parse("match[version]", event.version())));
                    json = version == null ? null : version.json();
                }
            }
            if (json == null) {
                log.warn("{} {} version {} from {} announced but not in the inbox", event.type(), event.id(), event.version(), event.from());
            }
            found.add(Optional.ofNullable(json).map(JSON::readTree));
        }
        return found;
    }

    /** One version of an object in the inbox, as JSON ({@code version} null: the current one). */
    public Optional<String> inboxObject(String id, String version) {
        IntelQuery query = IntelQuery.all(Collection.INBOX, 1, 0).withIds(List.of(id))
                .withVersions(version == null ? List.of("last") : List.of(version));
        return find(query, Viewer.local()).items().stream().findFirst().map(StoredObject::json);
    }

    public long count(Collection collection) {
        return table.count(collection.alias());
    }

    /** A current object as held, with the partner it came from (null: made on this node). */
    public record Held(StoredObject object, String sourceParty) {
    }

    /** One page of {@link #browse}: newest first; {@code more} when older matches exist (continue before {@link #lastSeq}). */
    public record Listing(List<Held> items, boolean more) {

        public Listing {
            items = List.copyOf(items);
        }

        public long lastSeq() {
            return items.isEmpty() ? 0 : items.get(items.size() - 1).object().seq();
        }
    }

    /**
     * The current objects of the {@code intel} collection as this node's users see them (all held),
     * newest first, a page at a time: of these types (empty: all), made here ({@code own} true) or
     * received from a partner (false) or both (null), whose name, description or aliases contain
     * {@code text} (case-insensitive; null or blank: any). {@code beforeSeq} continues a page (0: the newest).
     */
    public Listing browse(String text, List<String> types, Boolean own, long beforeSeq, int limit) {
        IntelQuery.checkLimit(limit);
        org.concord.node.Limits.items("type", types);
        types.forEach(t -> org.concord.node.Limits.parameter("type", t, IntelQuery.MAX_VALUE));
        String wanted = text == null || text.isBlank() ? null : text.strip().toLowerCase(java.util.Locale.ROOT);
        if (wanted != null) {
            org.concord.node.Limits.parameter("q", wanted, IntelQuery.MAX_VALUE);
        }
        // The text is looked for in the stored JSON first; characters JSON escapes are matched in Java only.
        String like = wanted == null || wanted.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20) ? null : wanted;
        List<Held> found = new ArrayList<>();
        long cursor = beforeSeq;
        int chunk = Math.max(64, Math.min(IntelQuery.MAX_LIMIT, limit * 2));
        while (found.size() <= limit) {
            List<IntelTable.Row> rows = table.browse(Collection.INTEL.alias(), types, own, like, cursor, chunk);
            for (IntelTable.Row row : rows) {
                if (wanted == null || mentions(JSON.readTree(row.object().json()), wanted)) {
                    found.add(new Held(row.object(), row.sourceParty()));
                    if (found.size() > limit) {
                        break;
                    }
                }
            }
            if (rows.size() < chunk) {
                break;
            }
            cursor = rows.get(rows.size() - 1).object().seq();
        }
        return new Listing(found.stream().limit(limit).toList(), found.size() > limit);
    }

    private static boolean mentions(JsonNode object, String wanted) {
        List<String> texts = new ArrayList<>();
        texts.add(object.path("name").asString(""));
        texts.add(object.path("description").asString(""));
        object.path("aliases").forEach(alias -> texts.add(alias.asString("")));
        object.path("x_mitre_aliases").forEach(alias -> texts.add(alias.asString("")));
        return texts.stream().anyMatch(t -> t.toLowerCase(java.util.Locale.ROOT).contains(wanted));
    }

    /** Every version held of an object in a collection, oldest first, with where each came from; for this node's users. */
    public List<Held> versions(Collection collection, String id) {
        return table.versions(collection.alias(), id).stream().map(row -> new Held(row.object(), row.sourceParty())).toList();
    }

    /** The current objects that refer to {@code id} (relationships to or from it, reports holding it, ...), newest first; for this node's users. */
    public List<Held> referencing(Collection collection, String id, int limit) {
        IntelQuery.checkLimit(limit);
        return table.referencing(collection.alias(), id, limit).stream().map(row -> new Held(row.object(), row.sourceParty())).toList();
    }

    /**
     * Why {@code partner} may or may not read the current version of {@code id}: the decision the
     * TAXII server's reads ({@link #find}, {@link #visible}) take, with its reason; empty when no
     * such object is held.
     */
    public Optional<org.concord.intel.stix.SharingDecision> decision(Collection collection, String id, PartyCode partner) {
        Visibility visibility = new Visibility(partner, collection);
        return visibility.lookup(id).map(visibility.decider::decide);
    }

    /** Decides per object for one partner, reading referenced objects once per request. */
    private final class Visibility {
        /** How many levels of references are read ahead, one query per level. */
        private static final int PREFETCH_LEVELS = 4;
        private final PartyCode partner;
        private final Collection collection;
        private final Map<String, Optional<HeldObject>> held = new HashMap<>();
        private final Map<String, Boolean> currentReadable = new HashMap<>();
        private final SharingPolicy.Decider decider;

        Visibility(PartyCode partner, Collection collection) {
            this(partner, collection, policy());
        }

        Visibility(PartyCode partner, Collection collection, SharingPolicy policy) {
            this.partner = partner;
            this.collection = collection;
            String identity = partners.byCode(partner).map(p -> identityId(p.identity())).orElse(null);
            Set<String> passedOn = new HashSet<>();
            for (PartyCode source : policy.admission(partner).sources()) {
                if (!source.equals(partner)) {
                    partners.byCode(source).map(p -> identityId(p.identity())).ifPresent(passedOn::add);
                }
            }
            this.decider = policy.decider(new SharingPolicy.Reader(partner, identity, self.stixIdentityId(), passedOn), this::lookup);
        }

        void prefetch(List<IntelTable.Row> rows) {
            Set<String> wanted = new LinkedHashSet<>();
            for (IntelTable.Row row : rows) {
                if (row.object().current()) {
                    held.putIfAbsent(row.object().id(), Optional.of(held(row)));
                } else {
                    wanted.add(row.object().id());
                }
                addRefs(row.refs(), wanted);
            }
            for (int level = 0; level < PREFETCH_LEVELS; level++) {
                wanted.removeAll(held.keySet());
                if (wanted.isEmpty()) {
                    return;
                }
                Map<String, IntelTable.Row> found = table.current(collection.alias(), wanted);
                Set<String> next = new LinkedHashSet<>();
                for (String id : wanted) {
                    IntelTable.Row row = found.get(id);
                    held.put(id, row == null ? Optional.empty() : Optional.of(held(row)));
                    if (row != null) {
                        addRefs(row.refs(), next);
                    }
                }
                wanted = next;
            }
        }

        private static void addRefs(String refs, Set<String> into) {
            if (refs != null) {
                for (String ref : refs.split(" ")) {
                    into.add(ref);
                }
            }
        }

        boolean readable(IntelTable.Row row) {
            if (!currentReadable(row.object().id())) {
                return false;
            }
            return row.object().current() || decider.decide(held(row)).mayRead();
        }

        boolean currentReadable(String id) {
            Boolean known = currentReadable.get(id);
            if (known == null) {
                known = lookup(id).map(object -> decider.decide(object).mayRead()).orElse(false);
                currentReadable.put(id, known);
            }
            return known;
        }

        private Optional<HeldObject> lookup(String id) {
            Optional<HeldObject> found = held.get(id);
            if (found == null) {
                IntelTable.Row row = table.current(collection.alias(), List.of(id)).get(id);
                found = row == null ? Optional.empty() : Optional.of(held(row));
                held.put(id, found);
            }
            return found;
        }

        private HeldObject held(IntelTable.Row row) {
            JsonNode object = JSON.readTree(row.object().json());
            return row.sourceParty() == null ? HeldObject.local(object) : HeldObject.receivedFrom(PartyCode.of(row.sourceParty()), object);
        }
    }
}
