package org.concord.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;

import tools.jackson.databind.JsonNode;

/**
 * A case as the REST API shows it, the same for every workflow type and the same on both nodes but
 * for {@code direction}, {@code side} and the timeline's delivery columns. Built by {@link CaseViews}.
 *
 * @param type request, call, incident or commitment
 * @param caseId the id of the opening message
 * @param partner the other party
 * @param tlp the marking every message of the case carries
 * @param state the state's name; null when no valid opening message is held (only answers to it arrived)
 * @param level the rung of the escalation ladder
 * @param nextActor which party must act, and everything it may do (the step it owes, and withdrawing or escalating too)
 * @param otherActor the other party, whose turn it is not, and what it may do meanwhile (e.g. withdraw, escalate); its
 *        actions may be none; {@code party} null when the case is over
 * @param dueAt when the running deadline falls (ISO instant); null when none runs
 * @param deadline the deadline's rule; null when none runs
 * @param agreedTerms the terms agreed, with the id of the message that set them
 * @param proposal the proposal on the table, awaiting an answer, with its id
 * @param timeline every message held, applied or not, in the case's order, with its ledger index and receipt status
 * @param history the applied messages in the case's order
 * @param refused messages refused, with rule and field
 * @param waiting messages whose previous message has not arrived
 * @param conflicting messages that reused the id of another message with other content
 * @param details the type's own fields (e.g. {@code callId}, {@code priority}), shown at top level
 */
public record CaseView(String type, String caseId, String partner, String tlp, String state, String level, Actor nextActor,
        Actor otherActor, String dueAt, DeadlineView deadline, TermsView agreedTerms, TermsView proposal, List<TimelineEntry> timeline,
        List<MessageView> history, List<RefusedView> refused, List<MessageView> waiting, List<MessageView> conflicting,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> details) {

    public CaseView {
        details = details == null ? Map.of() : new LinkedHashMap<>(details);
    }

    @JsonAnyGetter
    public Map<String, Object> detailFields() {
        return details;
    }

    /**
     * A party of the case and what it may do now.
     *
     * @param party the party code; null when nobody must act (the case is over)
     * @param side {@code me} when it is this node's party, {@code partner} otherwise; null when nobody must act
     * @param actions what it may do, as the REST API names the actions: exactly those whose message the case's
     *        fold would apply from this party now
     */
    public record Actor(String party, String side, List<String> actions) {
    }

    /**
     * The running deadline.
     *
     * @param rule the rule in words
     * @param policy the type's escalation policy
     * @param missed what is owed, as the escalation message would name it
     * @param party who owes it
     * @param escalatesEvery after it is missed, the next rung comes this much later, readable ({@code 1 h})
     * @param latestRecordedLate when the case's latest message was recorded by its receiver's ledger more than 2 min after
     *        the time it states, which message and by how much (its timeline entry's {@code recordedLate}); null otherwise.
     *        Deadlines run from the times messages state, so a deadline read without it can look missed on arrival.
     */
    public record DeadlineView(String rule, String policy, String missed, String party, String escalatesEvery,
            String latestRecordedLate) {
    }

    /** Terms and the id of the message that set them. */
    public record TermsView(String id, JsonNode terms) {
    }

    /** One message: id, type, sender, sent at, whether this node SENT or RECEIVED it, and the STIX object. */
    public record MessageView(String id, String messageType, String sender, String sentAt, String direction, JsonNode object) {
    }

    /** A refused message, the rule it broke and the field at fault (as the REST API names it). */
    public record RefusedView(String id, String messageType, String sender, String rule, String field, String explanation) {
    }

    /**
     * A message in the case's order with what became of it.
     *
     * @param status APPLIED, REFUSED, WAITING or CONFLICTING
     * @param ledgerIndex its leaf index in the ledger of the node that received it, once known
     * @param receipt QUEUED, DELIVERED_WITH_RECEIPT, REFUSED_BY_PARTNER (sent); RECEIPT_SIGNED (received); or NONE
     * @param recordedAt when the receiver's ledger recorded it, from its signed receipt (the same on both nodes), once known
     * @param recordedLate set when that was more than {@link CaseViews#LATE} after {@code sentAt}, the time the sender
     *                     states: how much later, and what that means for the deadlines read from {@code sentAt}
     */
    public record TimelineEntry(String id, String messageType, String sender, String sentAt, String direction, String status,
            Long ledgerIndex, String receipt, String recordedAt, String recordedLate) {
    }
}
