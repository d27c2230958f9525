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
 *   <li>An object that points at others and would reveal them — a relationship
 *       ({@code source_ref}, {@code target_ref}), a sighting ({@code sighting_of_ref},
 *       {@code observed_data_refs}, {@code where_sighted_refs}), a container ({@code object_refs}
 *       of report, grouping, note, opinion, observed-data) or a translation
 *       ({@code object_ref} of language-content) — is readable only when every object it
 *       points at is readable by the same partner and held by this node. So a relationship to a
 *       RED object does not reveal it. Other references ({@code created_by_ref}, marking
 *       references, {@code sample_refs} ...) do not restrict.</li>
 * </ol>
 *
 * <p>Immutable: the {@code sharing...} methods return a new policy. One policy serves every
 * partner of the node; the per-partner differences are the names it holds.
 */
public final class SharingPolicy {

    /** Properties whose targets a reader would learn of; see rule 5. */
    static final List<String> REVEALING_REFERENCES = List.of(
            "source_ref", "target_ref", "sighting_of_ref", "observed_data_refs", "where_sighted_refs",
            "object_refs", "object_ref");

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
     * Whether {@code partner} may read {@code object}.
     *
     * @param partner the partner asking
     * @param object  the object as held
     * @param held    finds another held object by id (for the objects a relationship, sighting or
     *                container points at); empty when this node does not hold it
     * @return the decision with its reason
     */
    public SharingDecision decide(PartyCode partner, HeldObject object,
            Function<String, Optional<HeldObject>> held) {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(held, "held");
        return decide(partner, object, held, new ArrayDeque<>());
    }

    private SharingDecision decide(PartyCode partner, HeldObject object,
            Function<String, Optional<HeldObject>> held, Deque<String> path) {
        if (Tlp.isStandardMarkingDefinition(object.id())) {
            return new SharingDecision.Share("a standard TLP marking definition is public");
        }
        Optional<Tlp> level = Markings.effectiveTlp(object.object());
        if (level.isPresent() && (level.get() == Tlp.RED || level.get() == Tlp.AMBER_STRICT)) {
            return new SharingDecision.Withhold(level.get().label() + " never leaves this node");
        }
        Optional<PartyCode> source = object.source();
        if (source.isPresent() && !source.get().equals(partner)
                && !reSharing.getOrDefault(source.get(), Set.of()).contains(partner)) {
            return new SharingDecision.Withhold("received from " + source.get()
                    + "; the policy does not pass it on to " + partner);
        }
        SharingDecision byLevel = decideByLevel(partner, level);
        if (!byLevel.mayRead()) {
            return byLevel;
        }
        return decideByReferences(partner, object, held, path).orElse(byLevel);
    }

    private SharingDecision decideByLevel(PartyCode partner, Optional<Tlp> level) {
        if (level.isEmpty()) {
            return unmarkedPartners.contains(partner)
                    ? new SharingDecision.Share("unmarked; the policy shares unmarked objects with " + partner)
                    : new SharingDecision.Withhold("unmarked; shared only with partners the policy names, not " + partner);
        }
        return switch (level.get()) {
            case CLEAR, GREEN -> new SharingDecision.Share(level.get().label() + " is shared with every partner");
            case AMBER -> amberPartners.contains(partner)
                    ? new SharingDecision.Share("TLP:AMBER; the policy names " + partner)
                    : new SharingDecision.Withhold("TLP:AMBER; the policy does not name " + partner);
            case AMBER_STRICT, RED -> new SharingDecision.Withhold(level.get().label() + " never leaves this node");
        };
    }

    /** A withholding decision when a revealed object is not readable; empty when all are. */
    private Optional<SharingDecision> decideByReferences(PartyCode partner, HeldObject object,
            Function<String, Optional<HeldObject>> held, Deque<String> path) {
        List<String> referenced = revealedIds(object.object());
        if (referenced.isEmpty()) {
            return Optional.empty();
        }
        if (path.size() >= MAX_REFERENCE_DEPTH) {
            return Optional.of(new SharingDecision.Withhold("references nest deeper than " + MAX_REFERENCE_DEPTH));
        }
        path.push(object.id());
        try {
            for (String id : referenced) {
                if (path.contains(id)) {
                    continue; // a cycle: that object is being decided further up
                }
                Optional<HeldObject> target = held.apply(id);
                if (target.isEmpty()) {
                    return Optional.of(new SharingDecision.Withhold("references " + id + ", which this node does not hold"));
                }
                SharingDecision decision = decide(partner, target.get(), held, path);
                if (!decision.mayRead()) {
                    return Optional.of(new SharingDecision.Withhold("references " + id + ", which " + partner
                            + " may not read (" + decision.reason() + ")"));
                }
            }
            return Optional.empty();
        } finally {
            path.pop();
        }
    }

    static List<String> revealedIds(JsonNode object) {
        List<String> ids = new ArrayList<>();
        for (String property : REVEALING_REFERENCES) {
            JsonNode value = object.path(property);
            if (value.isString()) {
                ids.add(value.stringValue());
            } else if (value.isArray()) {
                value.forEach(item -> {
                    if (item.isString()) {
                        ids.add(item.stringValue());
                    }
                });
            }
        }
        return ids;
    }
}
