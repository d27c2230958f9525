package org.concord.intel.stix;

import org.concord.party.PartyCode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * Decides, object by object, whether a partner may read a STIX object this node holds. It is
 * the only place where that is decided: the TAXII endpoints (objects, manifest, versions,
 * single object, counts, pagination) ask it and show nothing it withholds.
 *
 * <p>The rules, in the order applied (the first that withholds wins):
 * <ol>
 *   <li>The nine standard TLP marking definitions ({@link Tlp}) are public: always readable.</li>
 *   <li>The object's level is its most restrictive TLP marking, object or granular
 *       (see {@code Markings}). TLP:RED and TLP:AMBER+STRICT never leave the node, whatever the
 *       policy says.</li>
 *   <li>An object received from a partner is never passed on to a third party unless the policy
 *       names that pair ({@link #reSharing}); the partner it came from may read it back.</li>
 *   <li>TLP:CLEAR and TLP:GREEN are readable by every partner; TLP:AMBER only by partners the
 *       policy names ({@link #sharingAmberWith}); an object with no TLP marking only by partners
 *       the policy names ({@link #sharingUnmarkedWith}) — unmarked is not shared by default,
 *       because the absence of a marking is more often an omission than a decision.</li>
 *   <li>An object is readable only when every object it refers to is one the partner may know
 *       of: every identifier in a property named {@code *_ref} or {@code *_refs}, at any depth —
 *       relationship ends, sighting and container references, {@code created_by_ref},
 *       {@code sample_refs}, references inside extensions and inside granular markings
 *       ({@code marking_ref}) alike ({@link #references}). A referenced object may be known when
 *       it is a standard TLP marking definition, this node's or the partner's own identity (both
 *       are public: they are in the pairing records), the identity of a partner whose objects the
 *       policy passes on to this one (rule 3; {@link Reader#passedOn}), an object the partner created itself
 *       ({@code created_by_ref} is the partner's identity), or an object this node holds and the
 *       same policy lets the partner read. A reference to an object this node does not hold
 *       withholds the object: this node cannot tell what the id would reveal, so it takes the safe
 *       side. So a GREEN intrusion-set created by a RED identity, or a GREEN malware whose
 *       {@code sample_refs} name a RED file, is withheld whole, and a relationship to a RED object
 *       does not reveal it. Not references: the keys of {@code extensions} (they name the
 *       extension's definition, a schema) and the local keys of observed-data's deprecated
 *       {@code objects}.</li>
 * </ol>
 *
 * <p>Immutable: the {@code sharing...} methods return a new policy. One policy serves every
 * partner of the node; the per-partner differences are the names it holds.
 */
public final class SharingPolicy {

    private static final int MAX_REFERENCE_DEPTH = 16;

    private final Set<PartyCode> amberPartners;
    private final Set<PartyCode> unmarkedPartners;
    private final Map<PartyCode, Set<PartyCode>> reSharing;

    private SharingPolicy(Set<PartyCode> amberPartners, Set<PartyCode> unmarkedPartners,
            Map<PartyCode, Set<PartyCode>> reSharing) {
        this.amberPartners = Set.copyOf(amberPartners);
        this.unmarkedPartners = Set.copyOf(unmarkedPartners);
        Map<PartyCode, Set<PartyCode>> copy = new HashMap<>();
        reSharing.forEach((from, to) -> copy.put(from, Set.copyOf(to)));
        this.reSharing = Map.copyOf(copy);
    }

    /** CLEAR and GREEN to every partner; nothing else to anyone. */
    public static SharingPolicy defaults() {
        return new SharingPolicy(Set.of(), Set.of(), Map.of());
    }

    /** This policy, also sharing TLP:AMBER objects with {@code partner}. */
    public SharingPolicy sharingAmberWith(PartyCode partner) {
        Set<PartyCode> amber = new HashSet<>(amberPartners);
        amber.add(Objects.requireNonNull(partner, "partner"));
        return new SharingPolicy(amber, unmarkedPartners, reSharing);
    }

    /** This policy, also sharing objects without a TLP marking with {@code partner}. */
    public SharingPolicy sharingUnmarkedWith(PartyCode partner) {
        Set<PartyCode> unmarked = new HashSet<>(unmarkedPartners);
        unmarked.add(Objects.requireNonNull(partner, "partner"));
        return new SharingPolicy(amberPartners, unmarked, reSharing);
    }

    /** This policy, also passing objects received from {@code from} on to {@code to} (TLP still applies). */
    public SharingPolicy reSharing(PartyCode from, PartyCode to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Map<PartyCode, Set<PartyCode>> pairs = new HashMap<>();
        reSharing.forEach((f, t) -> pairs.put(f, new HashSet<>(t)));
        pairs.computeIfAbsent(from, f -> new HashSet<>()).add(to);
        return new SharingPolicy(amberPartners, unmarkedPartners, pairs);
    }

    /**
     * The partner reading, with what it knows anyway: its own STIX identity id and this node's
     * (both public through the pairing records). Either may be null when unknown (a partner not
     * paired, say): then nothing is known anyway.
     *
     * @param passedOn the identity ids of the partners whose objects the policy passes on to the
     *        reader ({@link #reSharing}): every such object names its creator, and passing them on
     *        is the decision to let the reader know who made them (the identity is public in that
     *        partner's pairing record too), so they are known like the reader's own
     */
    public record Reader(PartyCode party, String identity, String self, Set<String> passedOn) {
        public Reader {
            Objects.requireNonNull(party, "party");
            passedOn = passedOn == null ? Set.of() : Set.copyOf(passedOn);
        }

        /** A reader to whom no partner's objects are passed on. */
        public Reader(PartyCode party, String identity, String self) {
            this(party, identity, self, Set.of());
        }

        /**
         * The ids this reader knows anyway, so that rule 5 never looks them up: the standard TLP
         * marking definitions, its own identity, this node's and those of {@link #passedOn}.
         */
        public Set<String> knownIds() {
            Set<String> known = new HashSet<>(Admission.alwaysReadableIds());
            if (identity != null) {
                known.add(identity);
            }
            if (self != null) {
                known.add(self);
            }
            known.addAll(passedOn);
            return known;
        }
    }

    /**
     * The first step of rule 5 for one reader, as data: what each id an object refers to must be
     * for the object to stand a chance. A reference passes it when its id is {@link #known} to the
     * reader anyway, is the referring object's own id (a cycle of one), or names an object this node
     * holds (its current version) that the reader created ({@link #creator} is its
     * {@code created_by_ref}) or that {@link #admission} admits (rules 1 to 4). An object with a
     * reference that fails this step is withheld, whatever else it refers to; one whose references
     * all pass it is still decided whole (the objects it refers to have references of their own).
     *
     * <p>The {@link Decider} takes its exemptions from this value, and the store renders the same
     * value as SQL over the per-version reference index ({@code intel.persistence.IntelTable}), so
     * the rows SQL leaves out are exactly those that fail here ({@code SharingInSqlProperties}).
     *
     * @param admission rules 1 to 4 for the reader, applied to the objects referred to
     * @param known     the ids the reader knows anyway ({@link Reader#knownIds}), the standard TLP
     *                  marking definitions among them
     * @param creator   the reader's identity id (null: unknown; then nothing counts as its own)
     */
    public record References(Admission admission, Set<String> known, String creator) {
        public References {
            Objects.requireNonNull(admission, "admission");
            known = Set.copyOf(known);
        }

        /** Whether the reader knows {@code id} anyway. */
        public boolean known(String id) {
            return Tlp.isStandardMarkingDefinition(id) || known.contains(id);
        }

        /** Whether the reader created {@code target} (its {@code created_by_ref} is the reader's identity). */
        public boolean createdByReader(HeldObject target) {
            return creator != null && creator.equals(target.object().path("created_by_ref").asString(null));
        }

        /**
         * Whether the reference from the object {@code from} to {@code id} passes this step, where
         * {@code target} is the current version held of {@code id} (empty: not held).
         */
        public boolean passes(String from, String id, Optional<HeldObject> target) {
            if (known(id) || id.equals(from)) {
                return true;
            }
            if (target.isEmpty()) {
                return false;
            }
            HeldObject object = target.get();
            return createdByReader(object) || admission.admits(id, Markings.effectiveTlp(object.object()), object.source());
        }
    }

    /**
     * Whether {@code partner} may read {@code object}, knowing no identity ids.
     *
     * @param partner the partner asking
     * @param object  the object as held
     * @param held    finds another held object by id (for the objects it refers to); empty when
     *                this node does not hold it
     * @return the decision with its reason
     */
    public SharingDecision decide(PartyCode partner, HeldObject object,
            Function<String, Optional<HeldObject>> held) {
        Objects.requireNonNull(partner, "partner");
        return decider(new Reader(partner, null, null), held).decide(object);
    }

    /**
     * A decider for one reader and one view of the store, which remembers the decisions on
     * referenced objects: build one per request and ask it about every object of the page.
     */
    public Decider decider(Reader reader, Function<String, Optional<HeldObject>> held) {
        return new Decider(Objects.requireNonNull(reader, "reader"), Objects.requireNonNull(held, "held"));
    }

    /** Decides for one reader, remembering what it decided about referenced objects. Not thread-safe. */
    public final class Decider {
        private final Reader reader;
        private final Function<String, Optional<HeldObject>> held;
        private final Map<String, SharingDecision> memo = new HashMap<>();
        private final Admission admission;
        private final References references;

        private Decider(Reader reader, Function<String, Optional<HeldObject>> held) {
            this.reader = reader;
            this.held = held;
            this.admission = SharingPolicy.this.admission(reader.party());
            this.references = new References(admission, reader.knownIds(), reader.identity());
        }

        /** Rules 1 to 4 for this reader, as data (what the store's SQL is made from). */
        public Admission admission() {
            return admission;
        }

        /** The first step of rule 5 for this reader, as data (what the store's SQL is made from). */
        public References references() {
            return references;
        }

        /** Whether the reader may read {@code object}, with the reason. */
        public SharingDecision decide(HeldObject object) {
            Objects.requireNonNull(object, "object");
            return decideObject(object, new ArrayDeque<>()).decision();
        }

        /**
         * A decision and whether it is "clean": reached without assuming anything about an object
         * further up (a cycle) and without the depth limit, so it holds wherever the object is met.
         */
        private record Result(SharingDecision decision, boolean clean) {
        }

        private Result decideObject(HeldObject object, Deque<String> path) {
            if (Admission.alwaysReadable(object.id())) {
                return new Result(new SharingDecision.Share("a standard TLP marking definition is public"), true);
            }
            PartyCode partner = reader.party();
            Optional<Tlp> level = Markings.effectiveTlp(object.object());
            if (level.isPresent() && Admission.NEVER.contains(level.get())) {
                return new Result(new SharingDecision.Withhold(level.get().label() + " never leaves this node"), true);
            }
            Optional<PartyCode> source = object.source();
            if (source.isPresent() && !admission.sources().contains(source.get())) {
                return new Result(new SharingDecision.Withhold("received from " + source.get()
                        + "; the policy does not pass it on to " + partner), true);
            }
            SharingDecision byLevel = decideByLevel(admission, level);
            if (!byLevel.mayRead()) {
                return new Result(byLevel, true);
            }
            return decideByReferences(object, path, byLevel);
        }

        private Result decideByReferences(HeldObject object, Deque<String> path, SharingDecision byLevel) {
            Result byReferences = decideByLinks(object, path, referencesOf(object.object()), Link.REFERENCE, byLevel);
            if (!byReferences.decision().mayRead()) {
                return byReferences;
            }
            List<Reference> mentioned = mentionsOf(object.object());
            if (mentioned.isEmpty()) {
                return byReferences;
            }
            Result byMentions = decideByLinks(object, path, mentioned, Link.MENTION, byReferences.decision());
            return new Result(byMentions.decision(), byReferences.clean() && byMentions.clean());
        }

        /**
         * Rule 5, one loop for the ids an object references ({@link #referencesOf}) and those its text names
         * ({@link #mentionsOf}): each held one the reader may not read withholds the object, decided as the object itself
         * would be (remembered once reached cleanly), through cycles and to the same depth. A text naming a held object
         * the reader may not read would hand it the id (a tester's finding: a TLP:GREEN report naming a TLP:RED indicator
         * in its description, read by the partner over TAXII). Unlike a reference, an id in text that this node does not
         * hold withholds nothing (text may name anything), nor does a text naming its own object.
         */
        private Result decideByLinks(HeldObject object, Deque<String> path, List<Reference> links, Link link, SharingDecision otherwise) {
            if (links.isEmpty()) {
                return new Result(otherwise, true);
            }
            if (path.size() >= MAX_REFERENCE_DEPTH) {
                return new Result(new SharingDecision.Withhold(link.nesting() + " nest deeper than " + MAX_REFERENCE_DEPTH), false);
            }
            boolean clean = true;
            path.push(object.id());
            try {
                for (Reference reference : links) {
                    String id = reference.id();
                    if (references.known(id) || link == Link.MENTION && id.equals(object.id())) {
                        continue;
                    }
                    if (path.contains(id)) {
                        clean = false;
                        continue; // a cycle: that object is being decided further up
                    }
                    SharingDecision known = memo.get(id);
                    if (known == null) {
                        Optional<HeldObject> target = held.apply(id);
                        if (target.isEmpty()) {
                            if (link == Link.MENTION) {
                                continue;
                            }
                            return new Result(new SharingDecision.Withhold(reference.property() + " references " + id
                                    + ", which this node does not hold"), clean);
                        }
                        if (references.createdByReader(target.get())) {
                            continue; // the partner created it: it knows it
                        }
                        Result result = decideObject(target.get(), path);
                        if (result.clean()) {
                            memo.put(id, result.decision());
                        }
                        known = result.decision();
                        clean &= result.clean();
                    }
                    if (!known.mayRead()) {
                        return new Result(new SharingDecision.Withhold(reference.property() + link.naming(id) + ", which "
                                + reader.party() + " may not read (" + known.reason() + ")"), clean);
                    }
                }
                return new Result(otherwise, clean);
            } finally {
                path.pop();
            }
        }
    }

    /** How an object leads to another: by a reference, or by naming its id in a text. */
    private enum Link {
        REFERENCE, MENTION;

        String naming(String id) {
            return this == REFERENCE ? " references " + id : " names " + id + " in its text";
        }

        String nesting() {
            return this == REFERENCE ? "references" : "references and the ids named in texts";
        }
    }

    private static SharingDecision decideByLevel(Admission admission, Optional<Tlp> level) {
        PartyCode partner = admission.partner();
        if (level.isEmpty()) {
            return admission.unmarked()
                    ? new SharingDecision.Share("unmarked; the policy shares unmarked objects with " + partner)
                    : new SharingDecision.Withhold("unmarked; shared only with partners the policy names, not " + partner);
        }
        boolean admitted = admission.levels().contains(level.get());
        return switch (level.get()) {
            case CLEAR, GREEN -> admitted
                    ? new SharingDecision.Share(level.get().label() + " is shared with every partner")
                    : new SharingDecision.Withhold(level.get().label() + "; the policy does not name " + partner);
            case AMBER -> admitted
                    ? new SharingDecision.Share("TLP:AMBER; the policy names " + partner)
                    : new SharingDecision.Withhold("TLP:AMBER; the policy does not name " + partner);
            case AMBER_STRICT, RED -> new SharingDecision.Withhold(level.get().label() + " never leaves this node");
        };
    }

    /**
     * Rules 1 to 4 for {@code partner}: what an object's own markings and origin must be for the
     * partner to read it, before its references are looked at (rule 5). The decider reads this and
     * nothing else for those rules, and the store renders the same value as SQL over its indexed
     * marking columns ({@code intel.persistence.IntelTable}), so the two cannot drift apart.
     */
    public Admission admission(PartyCode partner) {
        Objects.requireNonNull(partner, "partner");
        java.util.EnumSet<Tlp> levels = java.util.EnumSet.of(Tlp.CLEAR, Tlp.GREEN);
        if (amberPartners.contains(partner)) {
            levels.add(Tlp.AMBER);
        }
        Set<PartyCode> sources = new HashSet<>();
        sources.add(partner);
        reSharing.forEach((from, to) -> {
            if (to.contains(partner)) {
                sources.add(from);
            }
        });
        return new Admission(partner, levels, unmarkedPartners.contains(partner), sources);
    }

    /**
     * Rules 1 to 4 of the policy for one partner, as data. An object passes when its id is one of
     * {@link #alwaysReadable the standard TLP marking definitions}, or when both its level (its
     * most restrictive TLP marking; none: unmarked) and its origin (made here, or the partner it was
     * received from) are admitted: {@link #admits}. Every pair of an admitted level and an admitted
     * origin is one {@link Kind}; an object of any other kind is withheld whatever it refers to.
     *
     * @param levels   the TLP levels admitted; never {@link #NEVER}
     * @param unmarked whether objects without a TLP marking are admitted
     * @param sources  the partners whose objects are admitted (the partner itself, and those the
     *                 policy re-shares with it); objects made on this node are always admitted
     */
    public record Admission(PartyCode partner, Set<Tlp> levels, boolean unmarked, Set<PartyCode> sources) {

        /** The levels that never leave this node, whatever the policy names. */
        public static final Set<Tlp> NEVER = java.util.EnumSet.of(Tlp.RED, Tlp.AMBER_STRICT);

        public Admission {
            Objects.requireNonNull(partner, "partner");
            levels = java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(levels));
            sources = Set.copyOf(sources);
            if (levels.stream().anyMatch(NEVER::contains)) {
                throw new IllegalArgumentException("TLP:RED and TLP:AMBER+STRICT are never admitted");
            }
        }

        /** Rule 1: the standard TLP marking definitions (TLP 2.0 and 1.0) are public. */
        public static boolean alwaysReadable(String id) {
            return Tlp.isStandardMarkingDefinition(id);
        }

        /** The ids of {@link #alwaysReadable}. */
        public static Set<String> alwaysReadableIds() {
            return Tlp.byMarkingRef().keySet();
        }

        /** An object's kind: its level (empty: unmarked) and where it came from (empty: made here). */
        public record Kind(Optional<Tlp> level, Optional<PartyCode> source) {
            public Kind {
                Objects.requireNonNull(level, "level");
                Objects.requireNonNull(source, "source");
            }
        }

        /** Every admitted kind: each admitted level (and unmarked, when admitted) with each admitted origin. */
        public Set<Kind> kinds() {
            List<Optional<Tlp>> admittedLevels = new ArrayList<>();
            levels.stream().sorted().forEach(level -> admittedLevels.add(Optional.of(level)));
            if (unmarked) {
                admittedLevels.add(Optional.empty());
            }
            List<Optional<PartyCode>> origins = new ArrayList<>();
            origins.add(Optional.empty());
            sources.stream().sorted(java.util.Comparator.comparing(PartyCode::value)).forEach(source -> origins.add(Optional.of(source)));
            Set<Kind> kinds = new java.util.LinkedHashSet<>();
            for (Optional<Tlp> level : admittedLevels) {
                for (Optional<PartyCode> origin : origins) {
                    kinds.add(new Kind(level, origin));
                }
            }
            return java.util.Collections.unmodifiableSet(kinds);
        }

        /** Whether an object of this id, level and origin passes rules 1 to 4. */
        public boolean admits(String id, Optional<Tlp> level, Optional<PartyCode> source) {
            return alwaysReadable(id) || kinds().contains(new Kind(level, source));
        }
    }

    /** One reference: the JSON path of the property and the id it names. */
    public record Reference(String property, String id) {
    }

    /**
     * Every identifier {@code object} refers to (rule 5), in order: the value of every property
     * whose name ends in {@code _ref}, every item of every property whose name ends in
     * {@code _refs}, at any depth (extensions, granular markings, nested custom properties) — but
     * not the local keys of observed-data's deprecated {@code objects}. Values that are no STIX
     * identifier are left out (validation refuses them anyway).
     */
    public static List<Reference> referencesOf(JsonNode object) {
        List<Reference> found = new ArrayList<>();
        collect(object, "$", "observed-data".equals(object.path("type").asString("")), found);
        return found;
    }

    /**
     * A STIX identifier inside a text: {@code type--uuid}, not part of a longer word. What rule 5 reads in an object's
     * text, and what the outbox's gate reads in every value of a message ({@code Outbox}).
     */
    public static final java.util.regex.Pattern ID_IN_TEXT = java.util.regex.Pattern.compile(
            "(?<![a-z0-9-])[a-z][a-z0-9-]*--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9a-fA-F])");

    /**
     * Every identifier named inside a text of {@code object}: a string that is not under a {@code _ref} or {@code
     * _refs} property (those are {@link #referencesOf}) and holds {@code type--uuid} somewhere in it, with the path of
     * the text; the standard TLP marking definitions left out. A string without {@code --} is not read further.
     */
    public static List<Reference> mentionsOf(JsonNode object) {
        List<Reference> found = new ArrayList<>();
        mentions(object, "$", null, found);
        return found;
    }

    private static void mentions(JsonNode node, String path, String property, List<Reference> out) {
        if (node.isString()) {
            String text = node.stringValue();
            if ((property == null || !(property.endsWith("_ref") || property.endsWith("_refs")) && !property.equals("id"))
                    && text.contains("--")) {
                java.util.regex.Matcher matcher = ID_IN_TEXT.matcher(text);
                while (matcher.find()) {
                    String id = matcher.group().toLowerCase(java.util.Locale.ROOT);
                    if (!Tlp.isStandardMarkingDefinition(id)) {
                        out.add(new Reference(path, id));
                    }
                }
            }
            return;
        }
        if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                mentions(item, path + "[" + i++ + "]", property, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            mentions(entry.getValue(), path + "." + entry.getKey(), entry.getKey(), out);
        }
    }

    /**
     * The ids of {@link #referencesOf}, without the standard TLP marking definitions (public, never
     * looked up): what the store indexes per version so that a page's referenced objects are read
     * in one query.
     */
    public static Set<String> referencedIds(JsonNode object) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (Reference reference : referencesOf(object)) {
            if (!Tlp.isStandardMarkingDefinition(reference.id())) {
                ids.add(reference.id());
            }
        }
        return ids;
    }

    /**
     * Recursion as deep as the JSON: the parser bounds nesting (Jackson's StreamReadConstraints).
     * A string under a property named {@code *_ref} or {@code *_refs} (directly or in a list, at any
     * depth) is a reference when it is an identifier, whatever shape the property has: custom
     * properties are not held to the shapes of section 3.1 ({@code StixRules}), and an identifier
     * in one must not slip past this rule for being in a list under {@code _ref} or alone under
     * {@code _refs}.
     */
    private static void collect(JsonNode node, String path, boolean observedDataTop, List<Reference> out) {
        collect(node, path, null, observedDataTop, out);
    }

    private static void collect(JsonNode node, String path, String property, boolean observedDataTop, List<Reference> out) {
        if (node.isString()) {
            if (property != null && (property.endsWith("_ref") || property.endsWith("_refs"))) {
                addIfId(node, path, out);
            }
            return;
        }
        if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                collect(item, path + "[" + i++ + "]", property, false, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            if (observedDataTop && name.equals("objects")) {
                continue;
            }
            collect(entry.getValue(), path + "." + name, name, false, out);
        }
    }

    private static void addIfId(JsonNode value, String path, List<Reference> out) {
        if (value.isString() && StixIds.typeOf(value.stringValue()) != null) {
            out.add(new Reference(path, value.stringValue()));
        }
    }
}
