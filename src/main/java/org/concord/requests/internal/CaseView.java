package org.concord.requests.internal;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A case as the REST API shows it: derived from the messages, the same on both nodes but for
 * {@code direction}.
 *
 * @param caseId the id of the opening request
 * @param partner the other party
 * @param tlp the marking every message of the case carries (GREEN or AMBER)
 * @param state Requested, Acknowledged, CounterProposed, Accepted, Declined or Closed; null when no
 *     valid request opened the case (e.g. only an answer to a case this node never heard of arrived)
 * @param level the rung of the escalation ladder
 * @param requester who asked
 * @param responder who is asked to act
 * @param urgency of the terms as they stand
 * @param termsRef the message that set the terms (what an acceptance names)
 * @param terms the request as it stands
 * @param history the applied messages in the case's order
 * @param refused messages refused, with rule and field
 * @param waiting messages whose previous message has not arrived
 */
public record CaseView(String caseId, String partner, String tlp, String state, String level, String requester,
        String responder, String urgency, String termsRef, JsonNode terms, List<MessageView> history,
        List<RefusedView> refused, List<MessageView> waiting) {

    /** One message: id, type, sender, sent at, whether this node SENT or RECEIVED it, and the STIX object. */
    public record MessageView(String id, String messageType, String sender, String sentAt, String direction, JsonNode object) {
    }

    /** A refused message, the rule it broke and the field at fault. */
    public record RefusedView(MessageView message, String rule, String field, String explanation) {
    }
}
