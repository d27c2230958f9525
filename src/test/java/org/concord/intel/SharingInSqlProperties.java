package org.concord.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.concord.intel.persistence.IntelTable;
import org.concord.intel.stix.HeldObject;
import org.concord.intel.stix.SharingPolicy;
import org.concord.intel.stix.Tlp;
import org.concord.party.NodeIdentity;
import org.concord.party.PartyCode;
import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sharing policy evaluated in SQL gives the Java policy's answer, on random stores and random
 * policies, on H2 and on PostgreSQL: the SQL that {@code IntelTable} makes of
 * {@link SharingPolicy.Admission} admits exactly the rows the Java rules 1 to 4 admit, and a
 * partner paging through the collection (any page size, any filter, stopping wherever the
 * per-page budget ends a page) receives exactly the versions the whole Java policy lets it read,
 * each once, in the order of adding. The same holds for the first step of rule 5
 * ({@link SharingPolicy.References}): the SQL leaves out exactly the rows with a reference the
 * Java step fails, and never a row the whole policy lets the partner read.
 *
 * <p>A store here is made of rows written as the store writes them ({@code IntelStore.row}),
 * bypassing validation so that any marking, origin and reference can be combined: references to
 * held and missing objects, to either party's identity, cycles, granular markings, the standard
 * marking definitions held themselves, older versions marked otherwise than the current one, and
 * rows of the other collection, and ids named in a description (which only the Java decision reads: the
 * paging must still give exactly what the whole policy lets the partner read).
 */
class SharingInSqlProperties {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<PartyCode> PARTNERS = List.of("IR", "AF", "TR", "CN").stream().map(PartyCode::of).toList();
    private static final List<String> SOURCES = List.of("IR", "AF", "TR");
    private static final String STATEMENT = "marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f";
    private static final List<String> MARKINGS = List.of(
            Tlp.CLEAR.markingDefinitionId(), Tlp.GREEN.markingDefinitionId(), Tlp.AMBER.markingDefinitionId(),
            Tlp.AMBER_STRICT.markingDefinitionId(), Tlp.RED.markingDefinitionId(),
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
            STATEMENT);

    private static final Map<OfflineNode.Store, ConfigurableApplicationContext> NODES = new EnumMap<>(OfflineNode.Store.class);
    private static String schema;

    private static synchronized ConfigurableApplicationContext node(OfflineNode.Store db) {
        return NODES.computeIfAbsent(db, store -> {
            if (schema == null) {
                schema = Postgres.newSchema("sharesql");
            }
            return OfflineNode.start(store, schema);
        });
    }

    @AfterContainer
    static synchronized void stop() {
        NODES.values().forEach(ConfigurableApplicationContext::close);
        NODES.clear();
        if (schema != null) {
            Postgres.dropSchema(schema);
            schema = null;
        }
    }

    @Property(tries = 60)
    void the_sql_admits_exactly_the_rows_the_java_rules_one_to_four_admit(@ForAll OfflineNode.Store db, @ForAll long seed,
            @ForAll("policies") SharingPolicy policy, @ForAll("partners") PartyCode partner) {
        HeldStore held = HeldStore.random(new Random(seed), self(db));
        held.writeTo(db);
        SharingPolicy.Admission admission = policy.admission(partner);

        Set<Long> admittedInSql = node(db).getBean(IntelTable.class).admittedSeqs(Collection.INTEL.alias(), admission);

        Set<Long> admittedInJava = new HashSet<>();
        for (Held row : held.rows(Collection.INTEL)) {
            Held current = held.current(row.id());
            if (admits(admission, row) && admits(admission, current)) {
                admittedInJava.add(row.seq());
            }
        }
        assertThat(admittedInSql).as("admitted for %s under %s in %s", partner, admission, held).isEqualTo(admittedInJava);
    }

    @Property(tries = 200)
    void the_sql_leaves_out_exactly_the_rows_whose_references_fail_the_first_step_of_rule_five(@ForAll OfflineNode.Store db,
            @ForAll long seed, @ForAll("policies") SharingPolicy policy, @ForAll("partners") PartyCode partner) {
        Random random = new Random(seed);
        HeldStore held = HeldStore.random(random, self(db));
        held.writeTo(db);
        List<Held> rows = held.rows(Collection.INTEL);
        // The reader's identity: unknown, or the creator of some held objects (an id held or not), or an id the store holds.
        List<String> creators = rows.stream().map(row -> row.object().path("created_by_ref").asString(null))
                .filter(java.util.Objects::nonNull).distinct().toList();
        String identity = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> rows.get(random.nextInt(rows.size())).id();
            default -> creators.isEmpty() ? "identity--" + new UUID(random.nextLong(), random.nextLong())
                    : creators.get(random.nextInt(creators.size()));
        };
        Set<String> passedOn = random.nextBoolean() ? Set.of() : Set.of(rows.get(random.nextInt(rows.size())).id());
        SharingPolicy.Reader reader = new SharingPolicy.Reader(partner, identity, self(db), passedOn);
        SharingPolicy.Decider decider = policy.decider(reader, id -> Optional.ofNullable(held.currentHeld(id)));
        SharingPolicy.References references = decider.references();

        Set<Long> passingInSql = node(db).getBean(IntelTable.class).passingSeqs(Collection.INTEL.alias(), references);

        Set<Long> passingInJava = new HashSet<>();
        for (Held row : rows) {
            Held current = held.current(row.id());
            boolean referencesPass = SharingPolicy.Admission.alwaysReadable(row.id())
                    || SharingPolicy.referencesOf(row.object()).stream().allMatch(reference -> references.passes(row.id(), reference.id(),
                            Optional.ofNullable(held.currentHeld(reference.id()))));
            if (admits(references.admission(), row) && admits(references.admission(), current) && referencesPass) {
                passingInJava.add(row.seq());
            }
        }
        assertThat(passingInSql).as("passing for %s under %s in %s", reader, references, held).isEqualTo(passingInJava);
        // What SQL leaves out the whole policy withholds: nothing readable is lost.
        for (Held row : rows) {
            if (decider.decide(held.currentHeld(row.id())).mayRead() && (row.current() || decider.decide(row.held()).mayRead())) {
                assertThat(passingInSql).as("readable by %s: %s in %s", reader, row, held).contains(row.seq());
            }
        }
    }

    @Property(tries = 60)
    void a_partner_paging_through_receives_exactly_what_the_java_policy_lets_it_read(@ForAll OfflineNode.Store db, @ForAll long seed,
            @ForAll("policies") SharingPolicy policy, @ForAll("partners") PartyCode partner) {
        Random random = new Random(seed);
        HeldStore held = HeldStore.random(random, self(db));
        held.writeTo(db);
        boolean allVersions = random.nextBoolean();
        IntelQuery query = IntelQuery.all(Collection.INTEL, 1 + random.nextInt(4), 0);
        if (allVersions) {
            query = query.withVersions(List.of("all"));
        }
        if (random.nextInt(4) == 0) {
            query = query.withIds(List.of(held.rows(Collection.INTEL).get(random.nextInt(held.rows(Collection.INTEL).size())).id()));
        }
        int budget = 1 + random.nextInt(3);

        SharingPolicy.Decider decider = policy.decider(new SharingPolicy.Reader(partner, null, self(db)),
                id -> Optional.ofNullable(held.currentHeld(id)));
        SharingPolicy.Admission admission = policy.admission(partner);
        List<Held> candidates = new ArrayList<>();
        List<Long> readable = new ArrayList<>();
        Set<Long> visible = new HashSet<>();
        for (Held row : held.rows(Collection.INTEL)) {
            boolean wanted = (allVersions || row.current()) && (query.ids().isEmpty() || query.ids().contains(row.id()));
            if (wanted && admits(admission, row) && admits(admission, held.current(row.id()))) {
                candidates.add(row);
            }
            if (wanted && decider.decide(held.currentHeld(row.id())).mayRead() && (row.current() || decider.decide(row.held()).mayRead())) {
                readable.add(row.seq());
                visible.add(row.seq());
            }
        }

        List<Long> received = new ArrayList<>();
        IntelStore store = node(db).getBean(IntelStore.class);
        Seen page;
        int pages = 0;
        do {
            org.concord.intel.Page found = store.find(query, partner, policy, budget);
            page = new Seen(found.items().stream().map(StoredObject::seq).toList(), found.more(), found.lastSeq());
            // Each page is what the Java policy alone makes of the rows rules 1 to 4 admit: it examines them in order
            // until it holds limit + 1 visible ones or has examined limit + 1 + max(limit, budget), whatever SQL
            // left out of them for their references.
            Seen expected = expectedPage(candidates, visible, query.afterSeq(), query.limit(), budget);
            assertThat(page).as("page %d after %d, limit %d, budget %d, under %s, %s", pages, query.afterSeq(), query.limit(), budget,
                    admission, held).isEqualTo(expected);
            received.addAll(page.items());
            query = query.after(page.lastSeq());
            assertThat(++pages).as("pages").isLessThan(500);
        } while (page.more());

        assertThat(received).as("what %s received under %s, pages of %d, %s", partner, admission, query.limit(), held)
                .isEqualTo(readable);
    }

    /** A partner's page by the definition {@code IntelStore.find} documents, from the rows rules 1 to 4 admit, in order. */
    private static Seen expectedPage(List<Held> candidates, Set<Long> visible, long after, int limit, int budget) {
        int examine = limit + 1 + IntelStore.passedOverAtMost(limit, budget);
        List<Long> items = new ArrayList<>();
        int examined = 0;
        long last = after;
        for (Held row : candidates) {
            if (row.seq() <= after) {
                continue;
            }
            if (examined == examine) {
                return new Seen(items, true, last);
            }
            examined++;
            last = row.seq();
            if (visible.contains(row.seq())) {
                items.add(row.seq());
                if (items.size() == limit + 1) {
                    return new Seen(items.subList(0, limit), true, items.get(limit - 1));
                }
            }
        }
        if (examined == examine) {
            return new Seen(items, true, last);
        }
        return new Seen(items, false, items.isEmpty() ? 0 : items.get(items.size() - 1));
    }

    /** A page as the partner sees it, its objects by position, to compare with {@link #expectedPage}. */
    private record Seen(List<Long> items, boolean more, long lastSeq) {
    }

    @Provide
    Arbitrary<PartyCode> partners() {
        return Arbitraries.of(PARTNERS);
    }

    @Provide
    Arbitrary<SharingPolicy> policies() {
        return Arbitraries.longs().map(seed -> {
            Random random = new Random(seed);
            SharingPolicy policy = SharingPolicy.defaults();
            for (PartyCode partner : PARTNERS) {
                if (random.nextBoolean()) {
                    policy = policy.sharingAmberWith(partner);
                }
                if (random.nextBoolean()) {
                    policy = policy.sharingUnmarkedWith(partner);
                }
                for (String from : SOURCES) {
                    if (random.nextInt(3) == 0) {
                        policy = policy.reSharing(PartyCode.of(from), partner);
                    }
                }
            }
            return policy;
        });
    }

    private static boolean admits(SharingPolicy.Admission admission, Held row) {
        return admission.admits(row.id(), Tlp.of(row.object()), Optional.ofNullable(row.source()).map(PartyCode::of));
    }

    private static String self(OfflineNode.Store db) {
        return node(db).getBean(NodeIdentity.class).stixIdentityId();
    }

    /** One version as written: its seq once stored. */
    static final class Held {
        final Collection collection;
        final ObjectNode object;
        final String source;
        final boolean current;
        long seq;

        Held(Collection collection, ObjectNode object, String source, boolean current) {
            this.collection = collection;
            this.object = object;
            this.source = source;
            this.current = current;
        }

        String id() {
            return object.path("id").asString();
        }

        JsonNode object() {
            return object;
        }

        String source() {
            return source;
        }

        boolean current() {
            return current;
        }

        long seq() {
            return seq;
        }

        HeldObject held() {
            return source == null ? HeldObject.local(object) : HeldObject.receivedFrom(PartyCode.of(source), object);
        }

        @Override
        public String toString() {
            return seq + (current ? "" : " (older)") + " from " + (source == null ? "here" : source) + " in " + collection.alias() + ": "
                    + object;
        }
    }

    /** A random store, in the order its versions are added. */
    record HeldStore(List<Held> all) {

        static HeldStore random(Random random, String self) {
            int n = 2 + random.nextInt(12);
            List<String> ids = new ArrayList<>();
            List<String> types = List.of("intrusion-set", "identity", "relationship", "report", "malware");
            for (int i = 0; i < n; i++) {
                ids.add(types.get(random.nextInt(types.size())) + "--" + new UUID(random.nextLong(), random.nextLong()));
            }
            List<Held> older = new ArrayList<>();
            List<Held> current = new ArrayList<>();
            for (String id : ids) {
                String source = random.nextInt(3) == 0 ? SOURCES.get(random.nextInt(SOURCES.size())) : null;
                if (random.nextInt(4) == 0) {
                    older.add(new Held(Collection.INTEL, object(random, id, "2024-01-01T00:00:00.000Z", ids, self), source, false));
                }
                current.add(new Held(Collection.INTEL, object(random, id, "2024-02-01T00:00:00.000Z", ids, self), source, true));
            }
            if (random.nextInt(3) == 0) {
                Tlp level = Tlp.values()[random.nextInt(Tlp.values().length)];
                String source = random.nextBoolean() ? null : SOURCES.get(random.nextInt(SOURCES.size()));
                ObjectNode definition = level.markingDefinition();
                if (random.nextBoolean()) {
                    definition.putArray("object_marking_refs").add(MARKINGS.get(random.nextInt(MARKINGS.size())));
                }
                current.add(new Held(Collection.INTEL, definition, source, true));
            }
            // The same objects in the other collection, all readable there: none may show up in the intel collection.
            current.add(new Held(Collection.INBOX, object(random, ids.get(0), "2024-03-01T00:00:00.000Z", List.of(), self), null, true));
            List<Held> all = new ArrayList<>(older);
            java.util.Collections.shuffle(current, random);
            all.addAll(current);
            return new HeldStore(all);
        }

        private static ObjectNode object(Random random, String id, String modified, List<String> ids, String self) {
            ObjectNode object = JSON.createObjectNode();
            object.put("type", id.substring(0, id.indexOf("--"))).put("spec_version", "2.1").put("id", id)
                    .put("created", "2024-01-01T00:00:00.000Z").put("modified", modified).put("name", "n");
            int markings = random.nextInt(3);
            if (markings > 0) {
                ArrayNode refs = object.putArray("object_marking_refs");
                for (int i = 0; i < markings; i++) {
                    refs.add(MARKINGS.get(random.nextInt(MARKINGS.size())));
                }
            }
            if (random.nextInt(6) == 0) {
                object.putArray("granular_markings").addObject().put("marking_ref", MARKINGS.get(random.nextInt(MARKINGS.size())))
                        .putArray("selectors").add("name");
            }
            switch (random.nextInt(4)) {
                case 0 -> object.put("created_by_ref", self);
                case 1 -> object.put("created_by_ref", ids.isEmpty() ? self : ids.get(random.nextInt(ids.size())));
                case 2 -> object.put("created_by_ref", "identity--" + new UUID(random.nextLong(), random.nextLong()));
                default -> { }
            }
            int references = ids.isEmpty() ? 0 : random.nextInt(3);
            if (references > 0) {
                ArrayNode refs = object.putArray("x_linked_refs");
                for (int i = 0; i < references; i++) {
                    refs.add(random.nextInt(8) == 0 ? "malware--" + new UUID(random.nextLong(), random.nextLong())
                            : ids.get(random.nextInt(ids.size())));
                }
            }
            // an id named in text (rule 5 for text, read by the Java decision only): a held one, or one nobody holds
            if (!ids.isEmpty() && random.nextInt(5) == 0) {
                object.put("description", "see " + (random.nextInt(4) == 0 ? "malware--" + new UUID(random.nextLong(), random.nextLong())
                        : ids.get(random.nextInt(ids.size()))) + " for more");
            }
            return object;
        }

        /** Empties the node's store and writes these versions, one batch each, noting their seq. */
        void writeTo(OfflineNode.Store db) {
            ConfigurableApplicationContext node = node(db);
            JdbcClient jdbc = node.getBean(JdbcClient.class);
            if (db == OfflineNode.Store.H2) {
                jdbc.sql("delete from intel_object_ref").update(); // H2 only: PostgreSQL has no reference table (V15_90)
            }
            jdbc.sql("delete from intel_object").update();
            IntelTable table = node.getBean(IntelTable.class);
            Instant added = Instant.parse("2026-12-03T00:00:00Z");
            for (Held row : all) {
                added = added.plusMillis(1 + (row.seq % 2));
                table.insert(List.of(IntelStore.row(row.collection, row.object, IntelStore.versionKey(row.object), row.source, row.current)),
                        added);
                row.seq = jdbc.sql("select max(seq) from intel_object").query(Long.class).single();
            }
        }

        List<Held> rows(Collection collection) {
            return all.stream().filter(row -> row.collection == collection).toList();
        }

        Held current(String id) {
            return all.stream().filter(row -> row.collection == Collection.INTEL && row.current && row.id().equals(id)).findFirst()
                    .orElseThrow();
        }

        HeldObject currentHeld(String id) {
            return all.stream().filter(row -> row.collection == Collection.INTEL && row.current && row.id().equals(id)).findFirst()
                    .map(Held::held).orElse(null);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("store:");
            all.forEach(row -> text.append("\n  ").append(row));
            return text.toString();
        }
    }
}
