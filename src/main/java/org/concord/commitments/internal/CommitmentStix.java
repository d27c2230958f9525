package org.concord.commitments.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.concord.commitments.Commitment;
import org.concord.commitments.CommitmentMessage;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.workflow.Envelope;
import org.concord.workflow.EscalationLevel;
import org.concord.workflow.MessageStix;
import org.concord.workflow.StixId;

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

    /** The envelope or a field cannot be read: the message cannot be placed in a commitment. */
    public static final class Malformed extends MessageStix.Malformed {
        Malformed(String field, String explanation) {
            super(field, explanation);
        }
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
        MessageStix.checkReadable(o, TYPE, Malformed::new);
        try {
            StixId id = StixId.of(MessageStix.required(o, "id"));
            StixId commitmentId = StixId.of(MessageStix.required(o, "commitment_ref"));
            PartyCode sender = PartyCode.of(MessageStix.required(o, "sender"));
            Instant sentAt = MessageStix.instant("created", MessageStix.required(o, "created"));
            String type = o.path("message_type").asString("");
            if (type.equals("propose")) {
                JsonNode c = o.path("commitment");
                String owner = c.path("owner").asString(null);
                String due = c.path("due_by").asString(null);
                return new CommitmentMessage.Propose(new Envelope(id, commitmentId, sender, sentAt, null),
                        PartyCode.of(MessageStix.required(o, "counterpart")), new Commitment(c.path("what").asString(""),
                                owner == null ? null : PartyCode.of(owner), due == null ? null : MessageStix.instant("commitment.due_by", due)));
            }
            Envelope env = Envelope.answer(id, commitmentId, sender, sentAt, StixId.of(MessageStix.required(o, "previous_ref")));
            switch (type) {
                case "agree":
                    return new CommitmentMessage.Agree(env);
                case "attest": {
                    List<StixId> evidence = new ArrayList<>();
                    o.path("evidence_refs").forEach(e -> evidence.add(StixId.of(e.asString(""))));
                    return new CommitmentMessage.Attest(env, o.path("text").asString(""), evidence);
                }
                case "escalate": {
                    String to = o.path("to_level").asString(null);
                    String asOf = o.path("as_of").asString(null);
                    return new CommitmentMessage.Escalate(env, to == null ? null : EscalationLevel.valueOf(to),
                            asOf == null ? null : MessageStix.instant("as_of", asOf), o.path("reason").asString(""));
                }
                case "withdraw":
                    return new CommitmentMessage.Withdraw(env, o.path("reason").asString(""));
                default:
                    throw new Malformed("message_type", "unknown message type '" + type + "'");
            }
        } catch (Malformed e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Malformed("envelope", e.getMessage());
        }
    }

}
