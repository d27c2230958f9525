package org.concord.intel;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;

import org.concord.intel.stix.Tlp;
import org.concord.node.InvalidInput;
import org.springframework.stereotype.Service;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * STIX bundles in and out: {@code concord intel import/export} and {@code /api/intel/bundle}.
 * An import is all or nothing: every object is validated first and, if any is refused, nothing is
 * stored; otherwise the whole bundle is stored in one transaction. An export writes a bundle of
 * current versions, filtered by type, TLP level and a partner's view.
 */
@Service
public class Bundles {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final IntelStore store;
    private final org.concord.party.Partners partners;

    Bundles(IntelStore store, org.concord.party.Partners partners) {
        this.store = store;
        this.partners = partners;
    }

    /** What an import did, by outcome. */
    public record Imported(int total, Map<ObjectOutcome.Kind, Integer> outcomes) {
    }

    /** Reads a bundle's objects (or one STIX object); refuses anything else with the field and rule. */
    public static List<JsonNode> objectsOf(byte[] json) {
        JsonNode bundle;
        try {
            bundle = JSON.readTree(json);
        } catch (JacksonException e) {
            throw InvalidInput.notJson("bundle", e);
        }
        if (bundle != null && bundle.isObject() && !"bundle".equals(bundle.path("type").asString("bundle")) && bundle.has("id")) {
            return List.of(bundle);
        }
        if (bundle == null || !bundle.isObject() || !"bundle".equals(bundle.path("type").asString(""))) {
            throw new InvalidInput("bundle.type", "stix-bundle", "must be a STIX bundle (a JSON object with \"type\": \"bundle\") or one STIX object");
        }
        if (!bundle.path("objects").isArray()) {
            throw new InvalidInput("bundle.objects", "required", "a bundle needs an 'objects' array");
        }
        List<JsonNode> objects = new ArrayList<>(bundle.path("objects").size());
        bundle.path("objects").forEach(objects::add);
        return objects;
    }

    /**
     * Imports objects all or nothing, in one transaction. {@code progress} hears how many objects
     * have been checked (every 5,000, then the total once stored).
     */
    public Imported importObjects(List<JsonNode> objects, Origin origin, IntConsumer progress) {
        if (origin instanceof Origin.Local) {
            refusePartnersObjectsAsOurOwn(objects);
        }
        Map<ObjectOutcome.Kind, Integer> counts = new EnumMap<>(ObjectOutcome.Kind.class);
        List<ObjectOutcome> outcomes = store.storeAll(Collection.INTEL, objects, origin, progress);
        outcomes.forEach(outcome -> counts.merge(outcome.kind(), 1, Integer::sum));
        progress.accept(outcomes.size());
        return new Imported(objects.size(), counts);
    }

    /**
     * A bundle imported as this node's own may not hold objects a paired partner's identity
     * created: they would be taken (and re-shared) as this node's. Such a bundle is the partner's,
     * to be imported attributed to it ({@code --from CODE}), where the trust boundary applies.
     */
    private void refusePartnersObjectsAsOurOwn(List<JsonNode> objects) {
        Map<String, String> partnerByIdentity = new java.util.HashMap<>();
        for (org.concord.party.Partner partner : partners.all()) {
            if (partner.identity() != null) {
                partnerByIdentity.put(JSON.readTree(partner.identity()).path("id").asString(""), partner.code().value());
            }
        }
        Map<String, Integer> byPartner = new java.util.TreeMap<>();
        for (JsonNode object : objects) {
            if (object != null && object.path("created_by_ref").isString()) {
                String code = partnerByIdentity.get(object.path("created_by_ref").asString());
                if (code != null) {
                    byPartner.merge(code, 1, Integer::sum);
                }
            }
        }
        if (!byPartner.isEmpty()) {
            String code = byPartner.keySet().iterator().next();
            throw new InvalidInput("from", "partner-bundle", byPartner.get(code) + " object(s) are created by partner " + code
                    + "'s identity; import " + code + "'s bundle attributed to it (--from " + code + ", ?from=" + code
                    + "), not as this node's own");
        }
    }

    /**
     * What to export: types (empty: all), TLP levels (empty: all; {@code NONE} for unmarked), a
     * partner's view or everything, a minimum {@code confidence} (objects without one are left
     * out when it is set) and source-reliability grades (A-F; empty: all).
     */
    public record Filter(Set<String> types, Set<String> tlp, Optional<Viewer> view, Integer minConfidence, Set<String> reliability) {

        public Filter(Set<String> types, Set<String> tlp, Optional<Viewer> view) {
            this(types, tlp, view, null, Set.of());
        }

        /**
         * Checks the values in the order the caller gave them (pass a {@link java.util.LinkedHashSet} of
         * the request's values), so that of two wrong ones the first is told of in every process; only
         * then copies them, into sets whose order no longer matters.
         */
        public Filter {
            if (minConfidence != null && (minConfidence < 0 || minConfidence > 100)) {
                throw new InvalidInput("min-confidence", "range", "must be from 0 to 100, got " + minConfidence);
            }
            for (String grade : reliability) {
                if (!grade.matches("[A-F]")) {
                    throw new InvalidInput("reliability", "admiralty-grade", "'" + grade + "' is not a source-reliability grade A to F");
                }
            }
            for (String level : tlp) {
                if (!level.equals("NONE") && java.util.Arrays.stream(Tlp.values()).noneMatch(t -> t.name().equals(level))) {
                    throw new InvalidInput("tlp", "tlp-level", "'" + level + "' is not one of CLEAR, GREEN, AMBER, AMBER_STRICT, RED, NONE");
                }
            }
            types = Set.copyOf(types);
            tlp = Set.copyOf(tlp);
            reliability = Set.copyOf(reliability);
        }
    }

    /** Writes a STIX bundle of the current versions the filter selects; returns how many objects it holds. */
    public int export(Filter filter, Writer out) throws IOException {
        out.write("{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":[");
        int written = 0;
        long after = 0;
        Viewer viewer = filter.view().orElse(Viewer.local());
        while (true) {
            IntelQuery query = new IntelQuery(Collection.INTEL, null, List.of(), List.copyOf(filter.types()), List.of("last"), List.of(),
                    IntelQuery.MAX_LIMIT, after);
            Page page = store.find(query, viewer);
            for (StoredObject object : page.items()) {
                if (!filter.tlp().isEmpty() || filter.minConfidence() != null || !filter.reliability().isEmpty()) {
                    JsonNode parsed = JSON.readTree(object.json());
                    String level = Tlp.of(parsed).map(Enum::name).orElse("NONE");
                    if (!filter.tlp().isEmpty() && !filter.tlp().contains(level)) {
                        continue;
                    }
                    if (filter.minConfidence() != null
                            && (!parsed.path("confidence").isInt() || parsed.path("confidence").asInt() < filter.minConfidence())) {
                        continue;
                    }
                    if (!filter.reliability().isEmpty()
                            && !filter.reliability().contains(org.concord.party.ConcordProperties.sourceReliability(parsed).orElse(""))) {
                        continue;
                    }
                }
                out.write(written == 0 ? "\n" : ",\n");
                out.write(object.json());
                written++;
            }
            if (!page.more()) {
                break;
            }
            after = page.lastSeq();
        }
        out.write("\n]}\n");
        out.flush();
        return written;
    }
}
