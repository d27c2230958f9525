package org.concord.deconfliction.internal;

import java.util.HashSet;
import java.util.Set;

import org.concord.deconfliction.SeedingDeconfliction;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link SeedingDeconfliction} through {@link SendingNotices} and {@link DeclaringSites}. */
@Service
class SeedingNoticesAndSites implements SeedingDeconfliction {

    private final SendingNotices sending;
    private final DeclaringSites declaring;
    private final DeconflictionTables tables;
    private final DeconflictionConfiguration.OwnParty own;

    SeedingNoticesAndSites(SendingNotices sending, DeclaringSites declaring, DeconflictionTables tables,
            DeconflictionConfiguration.OwnParty own) {
        this.sending = sending;
        this.declaring = declaring;
        this.tables = tables;
        this.own = own;
    }

    @Override
    public boolean seedNotice(JsonNode body, String actor) {
        String id = body.path("id").asString("");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a seeded notice needs its id, so that seeding again changes nothing");
        }
        if (tables.notice(id).isPresent()) {
            return false;
        }
        SendingNotices.Outcome outcome = sending.send(body, actor);
        if (!outcome.sent()) {
            throw new IllegalStateException("the seeded notice " + id + " was refused: " + outcome.json());
        }
        return true;
    }

    @Override
    public int seedSites(JsonNode featureCollection, String actor) {
        Set<String> held = new HashSet<>();
        tables.sites().stream().filter(s -> s.site().declaredBy().equals(own.code())).forEach(s -> held.add(s.site().name()));
        ObjectNode fresh = (ObjectNode) featureCollection.deepCopy();
        ArrayNode features = fresh.putArray("features");
        for (JsonNode feature : featureCollection.path("features")) {
            if (!held.contains(feature.path("properties").path("name").asString(""))) {
                features.add(feature);
            }
        }
        return features.isEmpty() ? 0 : declaring.declare(fresh.toString(), actor).size();
    }
}
