package org.concord.requests.internal;

import java.util.List;
import java.util.function.Function;

import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.requests.AnsweringRequests;
import org.concord.requests.CounterProposal;
import org.concord.requests.DeclineReason;
import org.concord.requests.Outcome;
import org.concord.requests.RequestForAction;
import org.concord.requests.RequestMessage;
import org.concord.requests.RequestType;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.StixId;
import org.concord.workflow.Workflow;
import org.springframework.stereotype.Service;

/** {@link AnsweringRequests} on the workflow engine: the message is built from the body, then {@link Workflow#answer}. */
@Service
class AnsweringRequestsService implements AnsweringRequests {

    private final Workflow workflow;
    private final CaseViews views;
    private final RequestType type;

    AnsweringRequestsService(Workflow workflow, CaseViews views, RequestType type) {
        this.workflow = workflow;
        this.views = views;
        this.type = type;
    }

    @Override
    public CaseView answer(String caseId, NewMessage body, String actor) {
        if (body == null) {
            throw new InvalidInput("body", "json-object", "the message must be a JSON object");
        }
        limits(body);
        Function<Envelope, RequestMessage> build = message(body);
        return views.view(type, workflow.answer(type, caseId, build, actor));
    }

    /** The size limits of a message's fields ({@link Limits}), before anything else is read. */
    private static void limits(NewMessage b) {
        Limits.name("messageType", b.messageType());
        Limits.name("termsRef", b.termsRef());
        Limits.text("text", b.text());
        Limits.text("reason", b.reason());
        Limits.name("outcome", b.outcome());
        Limits.name("toLevel", b.toLevel());
        if (b.proposal() != null) {
            Limits.name("proposal.kind", b.proposal().kind());
            Limits.text("proposal.text", b.proposal().text());
        }
    }

    private static Function<Envelope, RequestMessage> message(NewMessage b) {
        String type = b.messageType() == null ? "" : b.messageType();
        switch (type) {
            case "acknowledge":
                return RequestMessage.Acknowledge::new;
            case "accept": {
                StixId terms = b.termsRef() == null ? null : RequestInput.stixId(b.termsRef(), "termsRef");
                return env -> new RequestMessage.Accept(env, terms, b.text());
            }
            case "decline": {
                DeclineReason reason = b.reason() == null ? null : RequestInput.enumOf(b.reason(), "reason", DeclineReason.class);
                return env -> new RequestMessage.Decline(env, reason, b.text());
            }
            case "counterPropose": {
                CounterProposal proposal = b.proposal() == null ? new CounterProposal(null, "")
                        : new CounterProposal(b.proposal().kind() == null ? null
                                : RequestInput.enumOf(b.proposal().kind(), "proposal.kind", CounterProposal.Kind.class), b.proposal().text());
                return env -> new RequestMessage.CounterPropose(env, proposal);
            }
            case "amend": {
                RequestForAction revised = terms(b.revised(), "revised");
                return env -> new RequestMessage.Amend(env, revised);
            }
            case "progressUpdate":
                return env -> new RequestMessage.ProgressUpdate(env, b.text());
            case "close": {
                Outcome outcome = b.outcome() == null ? null : RequestInput.enumOf(b.outcome(), "outcome", Outcome.class);
                return env -> new RequestMessage.Close(env, outcome, b.text());
            }
            case "escalate": {
                EscalationLevel to = b.toLevel() == null ? null : RequestInput.enumOf(b.toLevel(), "toLevel", EscalationLevel.class);
                return env -> new RequestMessage.Escalate(env, to, env.sentAt(), b.reason());
            }
            default:
                throw InvalidInput.notOneOf("messageType", type,
                        List.of("acknowledge", "accept", "decline", "counterPropose", "amend", "progressUpdate", "close", "escalate"));
        }
    }

    private static RequestForAction terms(Terms t, String path) {
        if (t == null) {
            return new RequestForAction(List.of(), List.of(), null, null, "");
        }
        return RequestInput.terms(t.targets(), t.evidence(), t.action(), t.urgency(), t.text(), path);
    }
}
