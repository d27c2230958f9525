package org.concord.hotline;

import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.party.PartyCode;
import org.concord.workflow.CaseView;

/**
 * Sending a hotline call, acknowledging the partner's and withdrawing this node's own, for this module's REST
 * API ({@code POST /api/hotline/calls}, {@code POST /api/hotline/calls/{callId}/acknowledge|withdraw}) and for the console's forms,
 * read and checked as those bodies are: a fault is an {@link InvalidInput} (400) or a
 * {@link org.concord.node.Conflict} (409) naming the field as the body names it ({@code from.name},
 * {@code priority}, {@code text}, {@code inReplyTo}, {@code by.name}, {@code by.post}, {@code reason}, ...), and nothing
 * is stored or sent.
 */
public interface AnsweringCalls {

    /** An official of this node: name and post. */
    record Person(String name, String post) {
    }

    /**
     * A new call as {@code POST /api/hotline/calls} reads it: this node's official ({@code from}), the partner
     * ({@code addressee}, a party code) and its official ({@code to}), the priority's name, the text, and the
     * call it answers ({@code inReplyTo}), or null.
     */
    record NewCall(Person from, String addressee, Person to, String priority, String text, String inReplyTo) {
    }

    /** Sends {@code call} to the partner's official, for {@code actor}; returns the new call. */
    CaseView send(NewCall call, String actor);

    /** The most calls one {@link #sendAll} takes. */
    int MOST_CALLS_AT_ONCE = 500;

    /** One call of {@link #sendAll}, as sent: its place in the request, its id and the state it opened in. */
    record SentCall(int index, String callId, String state) {
    }

    /**
     * Sends {@code calls}, each as {@link #send} would, all or nothing: in one transaction, so that either every
     * call is stored and queued, in the order given, or, when one of them breaks a rule, none is. The fault
     * names the call by its index, {@code calls[3].priority}, with the rule; nothing is stored or sent.
     */
    java.util.List<SentCall> sendAll(java.util.List<NewCall> calls, String actor);

    /** Acknowledges call {@code callId}, {@code by} this node's official, for {@code actor} (the audit name of the user). */
    CaseView acknowledge(String callId, Person by, String actor);

    /** Takes this node's call back before the partner acknowledged it; {@code reason} may be null. */
    CaseView withdraw(String callId, String reason, String actor);

    /** The official {@code person} of {@code party}, checked as the REST bodies are; {@code field} is its name there. */
    static Official official(PartyCode party, Person person, String field) {
        if (person != null) {
            Limits.name(field + ".name", person.name());
            Limits.name(field + ".post", person.post());
        }
        if (person == null || person.name() == null || person.name().isBlank()) {
            throw new InvalidInput(field + ".name", "FIELD_REQUIRED", "the official's name is required");
        }
        if (person.post() == null || person.post().isBlank()) {
            throw new InvalidInput(field + ".post", "FIELD_REQUIRED", "the official's post is required");
        }
        return new Official(party, person.name(), person.post());
    }
}
