package org.concord.screening;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.concord.intel.IntelStore;
import org.concord.intel.stix.Tlp;
import org.concord.node.InvalidInput;
import org.concord.party.NodeIdentity;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A watchlist from the intel store: the current STIX {@code identity}, {@code threat-actor} and
 * {@code intrusion-set} objects of the {@code intel} collection, this node's own and those partners
 * shared with it, each an entry named by its {@code name} and {@code aliases} (and MITRE's
 * {@code x_mitre_aliases}), under its markings (its TLP label and any other marking reference) and
 * with the partner it came from. Read through {@link IntelStore#browse}, as this node's users read
 * the store: everything the node holds, whoever made it. A partner-shared object is screened at
 * home; its marking and origin go with every match.
 *
 * <p>Not taken: revoked objects (a re-import delists them), the STIX identities of this node and of
 * its partners (the parties, not a target), identities of {@code identity_class} {@code class} or
 * {@code system}, and names the matcher cannot take (each refused name is reported, the rest of the
 * object kept).
 */
@Component
class IntelWatchlist {

    static final List<String> TYPES = List.of("identity", "threat-actor", "intrusion-set");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PAGE = 1_000;

    private final IntelStore store;
    private final NodeIdentity self;
    private final Partners partners;

    IntelWatchlist(IntelStore store, NodeIdentity self, Partners partners) {
        this.store = store;
        this.self = self;
        this.partners = partners;
    }

    /** What the list took and what it set aside. */
    record Read(UnConsolidatedList.Contents contents, List<String> skipped) {
    }

    /**
     * The entries of the objects made by {@code from}: {@code all}, {@code own} (this node's), or a
     * paired partner's code.
     */
    Read read(String from, String generated) {
        Boolean own;
        PartyCode partner = null;
        String wanted = from == null || from.isBlank() ? "all" : from.strip();
        if (wanted.equals("all")) {
            own = null;
        } else if (wanted.equals("own")) {
            own = true;
        } else {
            try {
                partner = PartyCode.of(wanted.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new InvalidInput("from", "source", "from is all, own or a paired partner's code, not " + wanted);
            }
            if (partners.byCode(partner).isEmpty()) {
                throw new InvalidInput("from", "source", wanted + " is not a paired partner; from is all, own or a paired partner's code");
            }
            own = false;
        }
        Set<String> parties = new HashSet<>();
        parties.add(self.stixIdentityId());
        for (Partner p : partners.all()) {
            if (p.identity() != null) {
                parties.add(JSON.readTree(p.identity()).path("id").asString(""));
            }
        }
        List<WatchlistEntry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long before = 0;
        while (true) {
            IntelStore.Listing page = store.browse(null, TYPES, own, before, PAGE);
            for (IntelStore.Held held : page.items()) {
                if (partner != null && !partner.value().equals(held.sourceParty())) {
                    continue;
                }
                JsonNode object = JSON.readTree(held.object().json());
                entry(object, held.sourceParty(), parties, skipped).ifPresent(entries::add);
            }
            if (!page.more()) {
                break;
            }
            before = page.lastSeq();
        }
        return new Read(new UnConsolidatedList.Contents(generated, entries), skipped);
    }

    /**
     * Whether the object names a person: an identity of {@code identity_class} {@code individual}, or a threat actor whose
     * {@code resource_level} is {@code individual} (STIX 2.1's attack-resource-level-ov: one person acting alone; a
     * tester's lone actor had been listed as a body). An intrusion set is a body of activity, never a person.
     */
    static boolean person(String type, JsonNode object) {
        return switch (type) {
            case "identity" -> object.path("identity_class").asString("").equals("individual");
            case "threat-actor" -> object.path("resource_level").asString("").equals("individual");
            default -> false;
        };
    }

    private static java.util.Optional<WatchlistEntry> entry(JsonNode object, String sourceParty, Set<String> parties, List<String> skipped) {
        String id = object.path("id").asString("");
        String type = object.path("type").asString("");
        if (object.path("revoked").asBoolean(false) || parties.contains(id)) {
            return java.util.Optional.empty();
        }
        String identityClass = object.path("identity_class").asString("");
        if (type.equals("identity") && (identityClass.equals("class") || identityClass.equals("system"))) {
            return java.util.Optional.empty();
        }
        List<WatchlistEntry.Alias> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        add(names, seen, object.path("name").asString(""), "PRIMARY", id, skipped);
        for (String field : List.of("aliases", "x_mitre_aliases")) {
            for (JsonNode alias : object.path(field)) {
                add(names, seen, alias.asString(""), "ALIAS", id, skipped);
            }
        }
        if (names.isEmpty()) {
            return java.util.Optional.empty();
        }
        WatchlistEntry.Kind kind = person(type, object) ? WatchlistEntry.Kind.INDIVIDUAL : WatchlistEntry.Kind.ENTITY;
        List<String> markings = new ArrayList<>();
        Tlp.of(object).ifPresent(tlp -> markings.add(tlp.label()));
        for (JsonNode ref : object.path("object_marking_refs")) {
            if (Tlp.ofMarkingRef(ref.asString("")).isEmpty()) {
                markings.add(ref.asString(""));
            }
        }
        String modified = object.path("modified").asString("");
        return java.util.Optional.of(new WatchlistEntry(id, modified.length() > 20 ? modified.substring(0, 20) : modified, kind, names,
                List.of(), List.of(), List.of(), List.of(), object.path("created").asString("").replaceAll("T.*", ""),
                sourceParty == null ? "" : sourceParty, String.join(" ", markings)));
    }

    private static void add(List<WatchlistEntry.Alias> names, Set<String> seen, String name, String type, String id, List<String> skipped) {
        if (name.isBlank() || !seen.add(name.strip())) {
            return;
        }
        String problem = NameProblems.of(name);
        if (problem != null) {
            skipped.add(id + ": " + problem);
            return;
        }
        names.add(new WatchlistEntry.Alias(name.strip(), names.isEmpty() ? "PRIMARY" : type, ""));
    }
}
