package org.concord.requests.internal;

import java.util.ArrayList;
import java.util.List;

import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.requests.EvidenceRef;
import org.concord.requests.OpeningRequests;
import org.concord.requests.RequestForAction;
import org.concord.requests.RequestedAction;
import org.concord.requests.Urgency;
import org.concord.workflow.StixId;

/**
 * Reads the terms of a request from the REST form (names, ids and enums as texts), refusing a
 * fault with the field named as the caller sent it. One reading for every way in: {@code POST
 * /api/requests}, an amendment, and other modules through {@link OpeningRequests}.
 */
public final class RequestInput {

    private RequestInput() {
    }

    /**
     * The terms at {@code path} ({@code ""} at top level, {@code "revised"} in an amendment); null
     * terms read as empty ones, which the state machine refuses naming the missing field.
     */
    public static RequestForAction terms(List<String> targetIds, List<OpeningRequests.Evidence> evidenceIn,
            OpeningRequests.Action actionIn, String urgencyIn, String text, String path) {
        Limits.items(prefix(path) + "targets", targetIds);
        Limits.items(prefix(path) + "evidence", evidenceIn);
        Limits.text(prefix(path) + "text", text);
        Limits.name(prefix(path) + "urgency", urgencyIn);
        if (actionIn != null) {
            Limits.name(prefix(path) + "action.kind", actionIn.kind());
            Limits.text(prefix(path) + "action.detail", actionIn.detail());
        }
        List<StixId> targets = new ArrayList<>();
        if (targetIds != null) {
            for (int i = 0; i < targetIds.size(); i++) {
                targets.add(stixId(targetIds.get(i), prefix(path) + "targets[" + i + "]"));
            }
        }
        List<EvidenceRef> evidence = new ArrayList<>();
        if (evidenceIn != null) {
            for (int i = 0; i < evidenceIn.size(); i++) {
                OpeningRequests.Evidence e = evidenceIn.get(i);
                String at = prefix(path) + "evidence[" + i + "]";
                if (e == null) {
                    throw new InvalidInput(at, "FIELD_REQUIRED", "each evidence entry is an object {ref, markings}");
                }
                Limits.items(at + ".markings", e.markings());
                List<StixId> markings = new ArrayList<>();
                if (e.markings() != null) {
                    for (int m = 0; m < e.markings().size(); m++) {
                        markings.add(stixId(e.markings().get(m), at + ".markings[" + m + "]"));
                    }
                }
                evidence.add(new EvidenceRef(stixId(e.ref(), at + ".ref"), markings));
            }
        }
        RequestedAction action = actionIn == null || actionIn.kind() == null ? null
                : new RequestedAction(enumOf(actionIn.kind(), prefix(path) + "action.kind", RequestedAction.Kind.class),
                        actionIn.detail());
        Urgency urgency = urgencyIn == null ? null : enumOf(urgencyIn, prefix(path) + "urgency", Urgency.class);
        return new RequestForAction(targets, evidence, action, urgency, text);
    }

    /** Where a request's terms sit in the body: at top level when it opens the case, under {@code revised} in an amendment. */
    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ".";
    }

    public static StixId stixId(String value, String field) {
        Limits.name(field, value);
        try {
            return StixId.of(value);
        } catch (RuntimeException e) {
            throw new InvalidInput(field, "stix-identifier", "'" + value + "' is not a STIX identifier (type--UUID)");
        }
    }

    public static <E extends Enum<E>> E enumOf(String value, String field, Class<E> type) {
        return InvalidInput.oneOf(field, value, type);
    }
}
