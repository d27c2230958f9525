package org.concord.hotline.internal;

import java.util.Optional;

import org.concord.hotline.HotlineCall;
import org.concord.hotline.HotlineMessage;
import org.concord.hotline.HotlineType;
import org.concord.intel.InboxCheck;
import org.concord.party.PartyCode;
import org.concord.workflow.CaseRecord;
import org.concord.workflow.MessageStix;
import org.concord.workflow.Workflow;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The receiver's check of a reply, run by the inbox before a receipt is signed: a partner's call that
 * names the call it answers ({@code in_reply_to_ref}) must name one this node holds, between the same
 * two parties. A dangling reply is refused in the TAXII status like any malformed message
 * ({@code $.in_reply_to_ref: ...}), so the partner's outbox shows the refusal and nothing is stored.
 */
@Component
class HotlineReplies implements InboxCheck {

    /** Late: the engine sends through the outbox, which needs the intel store, which runs this check. */
    private final ObjectProvider<Workflow> workflow;
    private final HotlineType type;

    HotlineReplies(ObjectProvider<Workflow> workflow, HotlineType type) {
        this.workflow = workflow;
        this.type = type;
    }

    /** Whether the call is between these two parties, either way round. */
    static boolean between(HotlineCall call, PartyCode one, PartyCode other) {
        PartyCode caller = call.file().caller();
        PartyCode addressee = call.file().addressee();
        return caller.equals(one) && addressee.equals(other) || caller.equals(other) && addressee.equals(one);
    }

    @Override
    public Optional<String> refusal(PartyCode from, JsonNode object) {
        if (!type.stixType().equals(object.path("type").asString("")) || !object.has("in_reply_to_ref")) {
            return Optional.empty();
        }
        HotlineMessage message;
        try {
            message = type.fromStix(object);
        } catch (MessageStix.Malformed | IllegalArgumentException | NullPointerException e) {
            return Optional.empty(); // the engine's check refuses what cannot be read, naming the field
        }
        if (!(message instanceof HotlineMessage.Send send) || send.replyTo().isEmpty()) {
            return Optional.empty();
        }
        String ref = send.replyTo().get().value();
        Optional<HotlineCall> call = workflow.getObject().find(type, ref).flatMap(CaseRecord::state);
        if (call.isEmpty()) {
            return Optional.of("$.in_reply_to_ref: no call " + ref + " is held by this node; a reply answers a call"
                    + " between the same two parties");
        }
        if (!between(call.get(), send.from().party(), send.to().party())) {
            return Optional.of("$.in_reply_to_ref: call " + ref + " was between " + call.get().file().caller() + " and "
                    + call.get().file().addressee() + ", not " + send.from().party() + " and " + send.to().party());
        }
        return Optional.empty();
    }
}
