package org.concord.hotline.internal;

import org.concord.hotline.AnsweringCalls;
import org.concord.hotline.HotlineType;
import org.concord.hotline.Official;
import org.concord.hotline.Priority;
import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.party.NodeIdentity;
import org.concord.party.PartyCode;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.springframework.stereotype.Service;

/** {@link AnsweringCalls} on {@link HotlineService}: the body's checks, then the step (a send, an acknowledgement, a withdrawal). */
@Service
class AnsweringCallsService implements AnsweringCalls {

    private final HotlineService hotline;
    private final NodeIdentity identity;
    private final CaseViews views;
    private final HotlineType type;

    AnsweringCallsService(HotlineService hotline, NodeIdentity identity, CaseViews views, HotlineType type) {
        this.hotline = hotline;
        this.identity = identity;
        this.views = views;
        this.type = type;
    }

    @Override
    public CaseView send(NewCall body, String actor) {
        Limits.name("addressee", body.addressee());
        Limits.name("priority", body.priority());
        Limits.text("text", body.text());
        Limits.name("inReplyTo", body.inReplyTo());
        PartyCode addressee = PartyCode.required(body.addressee(), "addressee");
        Official from = AnsweringCalls.official(identity.party().code(), body.from(), "from");
        Official to = AnsweringCalls.official(addressee, body.to(), "to");
        Priority priority = body.priority() == null ? null : InvalidInput.oneOf("priority", body.priority(), Priority.class);
        return views.view(type, hotline.send(from, to, priority, body.text(), null, body.inReplyTo(), actor));
    }


    @Override
    public CaseView acknowledge(String callId, Person by, String actor) {
        Official official = AnsweringCalls.official(identity.party().code(), by, "by");
        return views.view(type, hotline.acknowledge(callId, official, actor));
    }

    @Override
    public CaseView withdraw(String callId, String reason, String actor) {
        Limits.text("reason", reason);
        return views.view(type, hotline.withdraw(callId, reason, actor));
    }
}
