package org.concord.requests;

import java.util.List;

import org.concord.workflow.StixId;

/**
 * The substance of a request for action: act against this target in your territory, instead of
 * us striking it.
 *
 * <p>The record holds what was sent, as it was sent: a request without a target or without an
 * urgency can exist as a value because it may arrive from the partner and must then be
 * <em>refused</em> with the field named, by both nodes alike (see {@link Refusal.Rule#FIELD_REQUIRED}).
 *
 * @param targets STIX ids of the intel objects that make up the target: a group, a person, a
 *     location inside the partner's territory
 * @param evidence references to the evidence, with their markings
 * @param action what the requester asks for
 * @param urgency how soon; sets the deadlines
 * @param text free text for the officers; may be empty
 */
public record RequestForAction(List<StixId> targets, List<EvidenceRef> evidence, RequestedAction action,
        Urgency urgency, String text) {

    public RequestForAction {
        targets = targets == null ? List.of() : List.copyOf(targets);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        text = text == null ? "" : text.strip();
    }

    /** The same request with more evidence, e.g. in answer to "more evidence needed". */
    public RequestForAction withMoreEvidence(List<EvidenceRef> more) {
        List<EvidenceRef> all = new java.util.ArrayList<>(evidence);
        all.addAll(more);
        return new RequestForAction(targets, all, action, urgency, text);
    }
}
