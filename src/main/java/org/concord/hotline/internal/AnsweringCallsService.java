package org.concord.hotline.internal;

import org.concord.hotline.AnsweringCalls;
import org.concord.hotline.HotlineType;
import org.concord.hotline.Official;
import org.concord.node.Limits;
import org.concord.party.NodeIdentity;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.springframework.stereotype.Service;

/** {@link AnsweringCalls} on {@link HotlineService}: the body's checks, then the step. */
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
