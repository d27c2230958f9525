package org.concord.deconfliction;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Deconfliction for the node's own pages (the console's map): the same map layers, notice evaluation
 * and ask-instead flow the REST API serves under {@code /api/deconfliction}, as Java calls. The
 * caller checks who may do what; this does what the API does for a caller already authorized.
 */
public interface DeconflictionMap {

    /** The layers {@link #layer} serves, named as under {@code /api/deconfliction/map/}. */
    List<String> LAYERS = List.of("boundaries", "provinces", "border", "border-zone", "notices", "sites", "conflicts", "events");

    /**
     * One map layer as a GeoJSON FeatureCollection, exactly as {@code GET /api/deconfliction/map/{name}}.
     *
     * @param partner the partner for the pair's layers; null when only one is paired
     */
    String layer(String name, String partner);

    /**
     * Evaluates a notice, and sends it unless {@code dryRun}, as {@code POST /api/deconfliction/notices}
     * does; a notice refused on sovereignty grounds is not sent and is answered with its violation.
     *
     * @param auditName who, as the audit trail records it ({@code user:alice})
     */
    Evaluated notice(JsonNode notice, String auditName, boolean dryRun);

    /** The evaluation (outcome, fromBorder, brokenRules, conflicts or violation), and whether it was sent. */
    record Evaluated(boolean sent, JsonNode json) {
    }

    /**
     * Takes up a sovereignty refusal's offer to ask the partner instead, overriding at most the marking, as
     * {@code POST /api/deconfliction/notices/{id}/ask-instead}; answers the new request's case id.
     *
     * @param tlp the request's marking (GREEN or AMBER), or null for the notice's own where the partner may read it
     */
    String askInstead(String noticeId, String tlp, String auditName);
}
