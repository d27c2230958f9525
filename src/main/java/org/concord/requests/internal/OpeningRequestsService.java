package org.concord.requests.internal;

import org.concord.intel.stix.Tlp;
import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.party.PartyCode;
import org.concord.requests.OpeningRequests;
import org.concord.requests.RequestForAction;
import org.concord.requests.RequestMessage;
import org.concord.requests.RequestType;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.concord.workflow.StixId;
import org.concord.workflow.Workflow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link OpeningRequests} on the workflow engine: read as {@code POST /api/requests} reads, then opened. */
@Service
class OpeningRequestsService implements OpeningRequests {

    private final Workflow workflow;
    private final CaseViews views;
    private final RequestType type;

    OpeningRequestsService(Workflow workflow, CaseViews views, RequestType type) {
        this.workflow = workflow;
        this.views = views;
        this.type = type;
    }

    @Override
    @Transactional
    public CaseView open(NewRequest body, String actor) {
        if (body == null) {
            throw new InvalidInput("body", "json-object", "the request must be a JSON object");
        }
        Limits.name("addressee", body.addressee());
        Limits.name("tlp", body.tlp());
        if (body.addressee() == null || body.addressee().isBlank()) {
            throw new InvalidInput("addressee", "FIELD_REQUIRED", "the party asked to act is required, e.g. IR");
        }
        PartyCode addressee;
        try {
            addressee = PartyCode.of(body.addressee());
        } catch (InvalidInput e) {
            throw new InvalidInput("addressee", "iso-3166-alpha-2", e.getMessage());
        }
        Tlp tlp;
        try {
            tlp = body.tlp() == null ? Tlp.GREEN : Tlp.valueOf(body.tlp());
        } catch (IllegalArgumentException e) {
            throw InvalidInput.notOneOf("tlp", body.tlp(), java.util.List.of("GREEN", "AMBER"));
        }
        RequestForAction request = RequestInput.terms(body.targets(), body.evidence(), body.action(), body.urgency(),
                body.text(), "");
        if (tlp != Tlp.GREEN && tlp != Tlp.AMBER) {
            throw new InvalidInput("tlp", "green-or-amber", "a request is marked GREEN or AMBER, not " + tlp.name());
        }
        RequestMessage.Request message = RequestMessage.Request.of(StixId.random(type.stixType()), workflow.self(), addressee,
                workflow.now(), request);
        return views.view(type, workflow.open(type, message, addressee, "addressee", tlp, actor));
    }
}
