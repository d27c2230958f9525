package org.concord.deconfliction;

import tools.jackson.databind.JsonNode;

/**
 * Seeds a node's own notices and protected sites through the same use cases an officer's requests
 * take (evaluated, stored, queued for the partner, audited), for the demo's scenarios. Seeding again
 * changes nothing: a notice whose id is held, or a site whose name this node already declared, is
 * left as it is.
 */
public interface SeedingDeconfliction {

    /**
     * Sends the notice {@code body} (the JSON of {@code POST /api/deconfliction/notices}, with its
     * {@code id}) as {@code actor}, unless a notice with that id is held.
     *
     * @return whether it was sent now
     * @throws IllegalStateException if the notice is refused (the seed is wrong, not the officer)
     */
    boolean seedNotice(JsonNode body, String actor);

    /**
     * Declares the sites of {@code featureCollection} (as {@code POST /api/deconfliction/sites}
     * takes them) that this node has not declared under the same name.
     *
     * @return how many were declared now
     */
    int seedSites(JsonNode featureCollection, String actor);
}
