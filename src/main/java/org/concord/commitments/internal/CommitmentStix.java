package org.concord.commitments.internal;

import java.time.Instant;
import java.util.List;

import org.concord.commitments.Commitment;
import org.concord.commitments.CommitmentMessage;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.workflow.Envelope;
import org.concord.workflow.MessageStix;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A commitment message as a STIX 2.1 custom object of type {@value #TYPE}, declared by the
 * extension-definition {@value #EXTENSION_ID} ({@code docs/extensions/x-concord-commitment-message.json}),
 * and back. The conventions of {@code x-concord-hotline-message}: the envelope is {@code id},
 * {@code commitment_ref}, {@code sender}, {@code created} and {@code previous_ref}; an escalation
 * carries the commitment's history whole.
 */
public final class CommitmentStix {

    public static final String TYPE = "x-concord-commitment-message";
    public static final String EXTENSION_ID = "extension-definition--c1a9e5d7-2f84-4b3e-a6d0-8e7f3b2c9a45";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private CommitmentStix() {
    }


    /** {@code propose}, {@code agree}, {@code attest}, {@code escalate}. */
    public static String messageType(CommitmentMessage message) {
        return message.type().toLowerCase();
    }

    public static ObjectNode toStix(CommitmentMessage message, String createdByRef, Tlp tlp, List<JsonNode> history) {
        ObjectNode o = MessageStix.head(message, TYPE, EXTENSION_ID, messageType(message), "commitment_ref", createdByRef, tlp);
        if (message instanceof CommitmentMessage.Propose p) {
            o.put("counterpart", p.counterpart().value());
            ObjectNode c = o.putObject("commitment");
            Commitment commitment = p.commitment();
            c.put("what", commitment.what());
            if (commitment.owner() != null) {
                c.put("owner", commitment.owner().value());
            }
            if (commitment.dueBy() != null) {
                c.put("due_by", MessageStix.time(commitment.dueBy()));
            }
        } else if (message instanceof CommitmentMessage.Attest a) {
            if (!a.text().isEmpty()) {
                o.put("text", a.text());
            }
            if (!a.evidence().isEmpty()) {
                ArrayNode refs = o.putArray("evidence_refs");
                a.evidence().forEach(e -> refs.add(e.value()));
            }
        } else if (message instanceof CommitmentMessage.Withdraw w) {
            MessageStix.putText(o, "reason", w.reason());
        } else if (message instanceof CommitmentMessage.Escalate e) {
            MessageStix.putEscalation(o, e.to(), e.asOf(), e.reason(), history);
        }
        return o;
    }

    public static CommitmentMessage fromStix(JsonNode o) {
        MessageStix.Head head = MessageStix.readHead(o, TYPE, "commitment_ref");
        return head.read(() -> {
            if (head.messageType().equals("propose")) {
                JsonNode c = o.path("commitment");
                PartyCode owner = c.hasNonNull("owner") ? MessageStix.party("commitment.owner", c.path("owner").asString("")) : null;
                Instant due = c.hasNonNull("due_by") ? MessageStix.instant("commitment.due_by", c.path("due_by").asString("")) : null;
                return new CommitmentMessage.Propose(head.opening(), MessageStix.party(o, "counterpart"),
                        new Commitment(MessageStix.text(c, "what"), owner, due));
            }
            Envelope env = head.answer();
            return switch (head.messageType()) {
                case "agree" -> new CommitmentMessage.Agree(env);
                case "attest" -> new CommitmentMessage.Attest(env, MessageStix.text(o, "text"), MessageStix.ids(o, "evidence_refs"));
                case "escalate" -> new CommitmentMessage.Escalate(env, MessageStix.toLevel(o), MessageStix.instant(o, "as_of", false),
                        MessageStix.text(o, "reason"));
                case "withdraw" -> new CommitmentMessage.Withdraw(env, MessageStix.text(o, "reason"));
                default -> throw head.unknownType();
            };
        });
    }

}
