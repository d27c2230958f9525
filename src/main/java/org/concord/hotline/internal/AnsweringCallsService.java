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
        return views.view(type, sendOne(body, actor));
    }

    /** One call checked field by field (each fault names its field) and sent. */
    private org.concord.workflow.CaseRecord<org.concord.hotline.HotlineMessage, org.concord.hotline.HotlineCall, org.concord.hotline.HotlineRefusal> sendOne(NewCall body, String actor) {
        Checked c = checked(body);
        return hotline.send(c.from(), c.to(), c.priority(), body.text(), null, body.inReplyTo(), actor);
    }

    private record Checked(Official from, Official to, Priority priority) {
    }

    /** The body's fields checked one by one, each fault naming its field. */
    private Checked checked(NewCall body) {
        Limits.name("addressee", body.addressee());
        Limits.name("priority", body.priority());
        Limits.text("text", body.text());
        Limits.name("inReplyTo", body.inReplyTo());
        PartyCode addressee = PartyCode.required(body.addressee(), "addressee");
        Official from = AnsweringCalls.official(identity.party().code(), body.from(), "from");
        Official to = AnsweringCalls.official(addressee, body.to(), "to");
        Priority priority = body.priority() == null ? null : InvalidInput.oneOf("priority", body.priority(), Priority.class);
        return new Checked(from, to, priority);
    }


    /**
     * The calls in one transaction: each checked, in the order given, as {@link #send} checks it (a fault of call
     * {@code i} is rethrown naming {@code calls[i]} before its field, and nothing is stored), then all of them sent
     * together ({@link HotlineService#sendAll}: a few statements for the lot, not a few per call).
     */
    @Override
    @org.springframework.transaction.annotation.Transactional
    public java.util.List<SentCall> sendAll(java.util.List<NewCall> calls, String actor) {
        if (calls == null || calls.isEmpty()) {
            throw new InvalidInput("calls", "required", "name at least one call");
        }
        Limits.items("calls", calls, MOST_CALLS_AT_ONCE);
        java.util.List<org.concord.workflow.Workflow.Opening<org.concord.hotline.HotlineMessage>> checked = new java.util.ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            String where = "calls[" + i + "]";
            NewCall body = calls.get(i);
            if (body == null) {
                throw new InvalidInput(where, "required", "a call, not null");
            }
            try {
                Checked c = checked(body);
                checked.add(hotline.checkedCall(c.from(), c.to(), c.priority(), body.text(), body.inReplyTo()));
            } catch (InvalidInput e) {
                throw e.within(where);
            } catch (org.concord.node.Conflict e) {
                throw new org.concord.node.Conflict(where + "." + e.field(), e.rule(), e.explanation());
            }
        }
        var opened = hotline.sendAll(checked, actor);
        java.util.List<SentCall> sent = new java.util.ArrayList<>(opened.size());
        for (int i = 0; i < opened.size(); i++) {
            var call = opened.get(i);
            sent.add(new SentCall(i, call.caseId(), call.state().map(type::stateName).orElse(null)));
        }
        return sent;
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
