package org.concord.intel;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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
import org.concord.intel.stix.VersionDecision;
import org.concord.intel.stix.VersioningPolicy;
import org.concord.intel.stix.Violation;
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

    /** References whose targets a reader would learn of (the sharing policy's rule 5). */
    private static final List<String> REVEALING = List.of("source_ref", "target_ref", "sighting_of_ref",
            "observed_data_refs", "where_sighted_refs", "object_refs", "object_ref");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IntelTable table;
    private final StixValidator validator;
    private final SharingPolicy policy;
    private final Partners partners;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;
    /** Batches at least this large are checked on all cores. */
    private static final int PARALLEL_FROM = 64;
    private static final java.util.concurrent.ForkJoinPool CHECKERS =
            new java.util.concurrent.ForkJoinPool(Runtime.getRuntime().availableProcessors());
    private final java.util.concurrent.atomic.AtomicLong writtenSinceStatistics = new java.util.concurrent.atomic.AtomicLong();

    private final org.springframework.context.ApplicationEventPublisher events;

    IntelStore(IntelTable table, SharingSettings sharing, Partners partners, AuditLog audit, Clock clock,
            TransactionTemplate transactions, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.table = table;
        this.validator = StixValidator.withOasisSchemas();
        this.policy = sharing.policy();
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** The sharing policy in force. */
    public SharingPolicy policy() {
        return policy;
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

    private List<ObjectOutcome> store(Collection collection, List<JsonNode> objects, Origin origin, boolean atomic,
            java.util.function.IntConsumer progress) {
        ObjectOutcome[] outcomes = new ObjectOutcome[objects.size()];
        IntelTable.NewRow[] prepared = new IntelTable.NewRow[objects.size()];
        String partnerIdentity = origin instanceof Origin.Partner partner ? identityOf(partner.party()) : null;
        String source = origin instanceof Origin.Partner partner ? partner.party().value() : null;
        java.util.concurrent.atomic.AtomicInteger checked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.IntConsumer check = i -> {
            JsonNode object = objects.get(i);
            String id = object != null && object.path("id").isString() ? object.path("id").asString() : Violation.NO_ID;
            if (object == null || !object.isObject()) {
                outcomes[i] = refused(id, null, "$: a STIX object must be a JSON object");
                return;
            }
            String version = versionOf(object);
            List<Violation> violations = validator.validate(object);
            if (!violations.isEmpty()) {
                outcomes[i] = refused(id, version, violations.stream().limit(5).map(v -> v.path() + ": " + v.rule())
                        .collect(Collectors.joining("; ")));
            } else if (collection == Collection.INBOX && partnerIdentity != null
                    && !partnerIdentity.equals(object.path("created_by_ref").asString(""))) {
                outcomes[i] = refused(id, version, "$.created_by_ref: a partner may only send objects it created itself ("
                        + partnerIdentity + "), got '" + object.path("created_by_ref").asString("") + "'");
            } else if (collection == Collection.INBOX && ledgerRefusal(object) != null) {
                // Found by fuzzing: the ledger records every inbox message, and its receipt names it, by id and
                // time; one the ledger cannot record was stored, then failed at the receipt (a 400 for a stored batch).
                outcomes[i] = refused(id, version, ledgerRefusal(object));
            } else {
                prepared[i] = row(collection, object, versionKey(object), source, true);
            }
            int done = checked.incrementAndGet();
            if (done % 5_000 == 0) {
                progress.accept(done);
            }
        };
        if (objects.size() >= PARALLEL_FROM) {
            // Checking is pure CPU work on independent objects: spread it over the cores.
            try {
                CHECKERS.submit(() -> java.util.stream.IntStream.range(0, objects.size()).parallel().forEach(check)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking objects", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
        } else {
            for (int i = 0; i < objects.size(); i++) {
                check.accept(i);
            }
        }
        List<Integer> valid = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            if (prepared[i] != null) {
                valid.add(i);
            }
        }
        List<ObjectOutcome> refusedOnes = java.util.Arrays.stream(outcomes).filter(o -> o != null).toList();
        if (atomic && !refusedOnes.isEmpty()) {
            throw new RefusedObjects(refusedOnes);
        }
        if (!valid.isEmpty()) {
            transactions.executeWithoutResult(status -> write(collection, objects, prepared, valid, origin, outcomes, atomic));
        }
        return List.of(outcomes);
    }

    private void write(Collection collection, List<JsonNode> objects, IntelTable.NewRow[] prepared, List<Integer> valid,
            Origin origin, ObjectOutcome[] outcomes, boolean atomic) {
        Instant dateAdded = table.lockClockAndNextDateAdded(clock.instant());
        Set<String> ids = new LinkedHashSet<>();
        for (int i : valid) {
            ids.add(objects.get(i).path("id").asString());
        }
        Map<String, JsonNode> current = new HashMap<>();
        Map<String, Set<String>> heldVersions = new HashMap<>();
        table.held(collection.alias(), ids).forEach((id, held) -> {
            heldVersions.put(id, new java.util.HashSet<>(held.versionKeys()));
            if (held.currentJson() != null) {
                current.put(id, JSON.readTree(held.currentJson()));
            }
        });

        Map<String, IntelTable.NewRow> newCurrent = new java.util.LinkedHashMap<>();
        List<IntelTable.NewRow> history = new ArrayList<>();
        Set<String> retire = new LinkedHashSet<>();
        Map<ObjectOutcome.Kind, Integer> counts = new EnumMap<>(ObjectOutcome.Kind.class);
        for (int i : valid) {
            JsonNode object = objects.get(i);
            IntelTable.NewRow row = prepared[i];
            String id = row.id();
            String version = versionOf(object);
            String key = row.versionKey();
            VersionDecision decision = VersioningPolicy.decide(Optional.ofNullable(current.get(id)), object);
            ObjectOutcome outcome;
            if (decision instanceof VersionDecision.Refused refusal) {
                outcome = refused(id, version, refusal.rule());
            } else if (heldVersions.getOrDefault(id, Set.of()).contains(key) || decision instanceof VersionDecision.Same) {
                outcome = new ObjectOutcome(id, version, ObjectOutcome.Kind.UNCHANGED, "this version is already held");
            } else if (decision.becomesCurrent()) {
                if (current.containsKey(id)) {
                    retire.add(id);
                    IntelTable.NewRow replaced = newCurrent.remove(id);
                    if (replaced != null) {
                        history.add(asHistory(replaced));
                    }
                }
                newCurrent.put(id, row);
                current.put(id, object);
                outcome = new ObjectOutcome(id, version, decision instanceof VersionDecision.New
                        ? ObjectOutcome.Kind.ADDED : ObjectOutcome.Kind.NEWER_VERSION, null);
            } else {
                history.add(asHistory(row));
                outcome = new ObjectOutcome(id, version, ObjectOutcome.Kind.OLDER_VERSION, "kept as history; a newer version is current");
            }
            heldVersions.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(key);
            outcomes[i] = outcome;
            counts.merge(outcome.kind(), 1, Integer::sum);
        }
        if (atomic && counts.containsKey(ObjectOutcome.Kind.REFUSED)) {
            throw new RefusedObjects(java.util.Arrays.stream(outcomes).filter(o -> !o.succeeded()).toList());
        }
        table.retireCurrent(collection.alias(), retire);
        List<IntelTable.NewRow> rows = new ArrayList<>(history);
        rows.addAll(newCurrent.values());
        table.insert(rows, dateAdded);
        if (writtenSinceStatistics.addAndGet(rows.size()) >= 5_000) {
            writtenSinceStatistics.set(0);
            table.refreshStatistics();
        }
        if (!rows.isEmpty()) {
            audit.record(actor(origin), "intel.stored", collection.alias(), counts.toString());
        }
        if (collection == Collection.INBOX && origin instanceof Origin.Partner partner) {
            for (IntelTable.NewRow row : rows) {
                events.publishEvent(new InboxReceived(partner.party(), row.id(), row.type(), row.version()));
            }
        }
    }

    private static IntelTable.NewRow asHistory(IntelTable.NewRow row) {
        return new IntelTable.NewRow(row.collection(), row.id(), row.type(), row.specVersion(), row.version(), row.versionKey(),
                row.createdByRef(), row.revoked(), row.confidence(), row.reliability(), row.tlp(), row.markingRefs(), row.refs(),
                row.sourceParty(), false, row.json());
    }

    private static IntelTable.NewRow row(Collection collection, JsonNode object, String key, String source, boolean current) {
        Set<String> refs = new LinkedHashSet<>();
        for (String property : REVEALING) {
            JsonNode value = object.path(property);
            if (value.isString()) {
                refs.add(value.asString());
            } else if (value.isArray()) {
                value.forEach(v -> refs.add(v.asString()));
            }
        }
        String modified = object.path("modified").asString(null);
        String created = object.path("created").asString(null);
        return new IntelTable.NewRow(collection.alias(), object.path("id").asString(), object.path("type").asString(),
                object.path("spec_version").asString("2.1"), modified != null ? modified : created, key,
                object.path("created_by_ref").asString(null), object.path("revoked").asBoolean(false),
                object.path("confidence").isInt() ? object.path("confidence").asInt() : null,
                object.path("x_concord_source_reliability").asString(null),
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

    /** Why the ledger cannot record {@code object} as a message (its id and time), or null. */
    private static String ledgerRefusal(JsonNode object) {
        try {
            org.concord.ledger.ObjectDigest.of(JSON.writeValueAsString(object));
            return null;
        } catch (org.concord.node.InvalidInput e) {
            return "$." + e.field() + ": a message to the inbox is recorded in the ledger by its id and time: " + e.getMessage();
        }
    }

    private static ObjectOutcome refused(String id, String version, String message) {
        return new ObjectOutcome(id, version, ObjectOutcome.Kind.REFUSED, message);
    }

    private static String actor(Origin origin) {
        return origin instanceof Origin.Local local ? local.actor() : "partner:" + ((Origin.Partner) origin).party();
    }

    private String identityOf(PartyCode party) {
        return partners.byCode(party).map(Partner::identity).map(json -> JSON.readTree(json).path("id").asString())
                .orElseThrow(() -> new IllegalStateException("no partner " + party));
    }

    /**
     * One page of a collection as {@code viewer} may see it. For a partner, an object is visible
     * only if the sharing policy lets it read the object's current version and the version itself;
     * {@link Page#more()} is true only if a further visible object exists.
     */
    public Page find(IntelQuery query, Viewer viewer) {
        if (viewer instanceof Viewer.LocalUser) {
            List<IntelTable.Row> rows = table.find(query, query.afterSeq(), query.limit() + 1);
            boolean more = rows.size() > query.limit();
            return new Page(rows.stream().limit(query.limit()).map(IntelTable.Row::object).toList(), more);
        }
        PartyCode partner = ((Viewer.Partner) viewer).party();
        Visibility visibility = new Visibility(partner, query.collection());
        List<StoredObject> visible = new ArrayList<>();
        long cursor = query.afterSeq();
        int chunk = Math.min(IntelQuery.MAX_LIMIT, Math.max(64, query.limit() * 2));
        while (visible.size() <= query.limit()) {
            List<IntelTable.Row> rows = table.find(query, cursor, chunk);
            visibility.prefetch(rows);
            for (IntelTable.Row row : rows) {
                if (visibility.readable(row)) {
                    visible.add(row.object());
                    if (visible.size() > query.limit()) {
                        break;
                    }
                }
            }
            if (rows.size() < chunk) {
                break;
            }
            cursor = rows.get(rows.size() - 1).object().seq();
        }
        boolean more = visible.size() > query.limit();
        return new Page(visible.stream().limit(query.limit()).toList(), more);
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

    /** One version of an object in the inbox, as JSON ({@code version} null: the current one). */
    public Optional<String> inboxObject(String id, String version) {
        IntelQuery query = IntelQuery.all(Collection.INBOX, 1, 0).withIds(List.of(id))
                .withVersions(version == null ? List.of("last") : List.of(version));
        return find(query, Viewer.local()).items().stream().findFirst().map(StoredObject::json);
    }

    public long count(Collection collection) {
        return table.count(collection.alias());
    }

    /** Decides per object for one partner, reading referenced objects once per request. */
    private final class Visibility {
        private final PartyCode partner;
        private final Collection collection;
        private final Map<String, Optional<HeldObject>> held = new HashMap<>();
        private final Map<String, Boolean> currentReadable = new HashMap<>();

        Visibility(PartyCode partner, Collection collection) {
            this.partner = partner;
            this.collection = collection;
        }

        void prefetch(List<IntelTable.Row> rows) {
            Set<String> wanted = new LinkedHashSet<>();
            for (IntelTable.Row row : rows) {
                if (row.object().current()) {
                    held.putIfAbsent(row.object().id(), Optional.of(held(row)));
                } else {
                    wanted.add(row.object().id());
                }
                if (row.refs() != null) {
                    for (String ref : row.refs().split(" ")) {
                        wanted.add(ref);
                    }
                }
            }
            wanted.removeAll(held.keySet());
            if (!wanted.isEmpty()) {
                Map<String, IntelTable.Row> found = table.current(collection.alias(), wanted);
                for (String id : wanted) {
                    IntelTable.Row row = found.get(id);
                    held.put(id, row == null ? Optional.empty() : Optional.of(held(row)));
                }
            }
        }

        boolean readable(IntelTable.Row row) {
            if (!currentReadable(row.object().id())) {
                return false;
            }
            return row.object().current() || policy.decide(partner, held(row), this::lookup).mayRead();
        }

        boolean currentReadable(String id) {
            Boolean known = currentReadable.get(id);
            if (known == null) {
                known = lookup(id).map(object -> policy.decide(partner, object, this::lookup).mayRead()).orElse(false);
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
