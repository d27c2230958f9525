package org.concord.deconfliction;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /**
     * What deconfliction awaits, for the desk: every flagged conflict not yet answered (awaiting this
     * node when its notice or site is affected, else the partner), and every unplanned event the
     * partner reported that this node has not acknowledged. Soonest deadline first.
     */
    List<Awaiting> awaiting();

    /**
     * One item awaiting an answer.
     *
     * @param kind     {@code conflict} or {@code event}
     * @param awaited  the party that must act
     * @param actions  what that party may do ({@code acknowledge}, {@code object})
     * @param priority FLASH, IMMEDIATE, PRIORITY or ROUTINE
     * @param apiPath  where the REST API shows it
     */
    record Awaiting(String kind, String id, String partner, String awaited, String summary, Instant dueAt, String priority,
            List<String> actions, String apiPath) {
        public Awaiting {
            actions = List.copyOf(actions);
        }
    }

    /** Answers a conflict as {@code POST /api/deconfliction/conflicts/{id}/answer} ({@code ACKNOWLEDGE} or {@code OBJECT} with a reason). */
    void answerConflict(String id, String answer, String reason, String auditName);

    /** Acknowledges an unplanned event the partner reported, as {@code POST /api/deconfliction/events/{id}/acknowledge}. */
    void acknowledgeEvent(String id, String auditName);

    /**
     * One notice as {@code GET /api/deconfliction/notices/{id}} answers it: direction, accepted, state, revision,
     * withdrawn, the notice, its evaluation, its conflicts (each with who answers, the deadline and the answer),
     * its history and the answers; empty when this node holds no such notice.
     */
    Optional<JsonNode> noticeView(String id);

    /** Withdraws a notice this node sent, as {@code POST /api/deconfliction/notices/{id}/withdraw}; the reason may be null. */
    JsonNode withdraw(String id, String reason, String auditName);

    /**
     * Revises a notice this node sent (the whole revised notice, with an optional {@code reason}), or evaluates the
     * revision ({@code dryRun}), as {@code POST /api/deconfliction/notices/{id}/revise}; refused on sovereignty
     * grounds, nothing changes and {@link Evaluated#sent()} is false.
     */
    Evaluated revise(String id, JsonNode notice, String auditName, boolean dryRun);
}
