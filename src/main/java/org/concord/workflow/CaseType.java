package org.concord.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.concord.exchange.DeliveryPriority;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One workflow type — requests for action, hotline calls, incidents, commitments — as the engine
 * sees it: the small part that differs between them. Everything else (the fold with its delivery
 * order, duplicates and conflicting ids; storing, sending, receiving, auditing; the inbox check
 * before a receipt is signed; escalation one rung at a time; the case view) is written once, in
 * {@link Cases} and {@link Workflow}, over this interface.
 *
 * <p>A module declares its type as a Spring bean; the engine finds every type by that.
 *
 * @param <M> the type's messages
 * @param <S> the type's sealed states
 * @param <R> the type's refusals
 */
public interface CaseType<M extends CaseMessage, S, R extends CaseRefusal> {

    /** The type's name in {@code workflow_case.case_type} and in {@code GET /api/cases?type=}: request, call, incident, commitment. */
    String name();

    /** The module's name, as audit actions ({@code requests.sent}) and metrics name it. */
    String module();

    /** The STIX type of the type's messages, e.g. {@code x-concord-request-message}. */
    String stixType();

    /** The extension-definition that declares {@link #stixType()}; published at start (see {@link MessageStix#extensionDefinition}). */
    ObjectNode extensionDefinition();

    /**
     * The file of the JSON schema published with the extension-definition ({@code docs/extensions/},
     * on the classpath under {@code stix/extensions/}), which the receiver holds every partner's
     * message of this type to before it reads it: {@code <stixType>.json}.
     */
    default String schemaFile() {
        return stixType() + ".json";
    }

    // --- messages as STIX ---

    /** The message a STIX object carries, or {@link MessageStix.Malformed} naming the property at fault. */
    M fromStix(JsonNode object);

    /** The message as a STIX object created by {@code createdByRef}, marked {@code tlp}; an escalation carries {@code history}. */
    ObjectNode toStix(M message, String createdByRef, Tlp tlp, List<JsonNode> history);

    /** The message's type as its STIX object names it, e.g. {@code counter_propose}. */
    String messageType(M message);

    // --- the state machine ---

    /** Whether the message is the one that opens a case of this type. */
    boolean opens(M message);

    /** The first state of a case, opened by {@code message} (which {@link #opens}), or its refusal. */
    Step<S, R> open(M message);

    /** The state after {@code message}, or its refusal; {@code state} is unchanged either way. */
    Step<S, R> apply(S state, M message);

    /** The refusal of a message that belongs to no case opened here, or to another case than the one folded. */
    R unknownCase(M message, String explanation);

    /** The state's name as the API shows it, e.g. {@code CounterProposed}. */
    String stateName(S state);

    /** Every name {@link #stateName} can give, in the order the docs list them: what a filter by state may ask for. */
    List<String> stateNames();

    /** The simple names of a sealed state interface's permitted classes, which its states' {@code name()} gives. */
    static List<String> namesOf(Class<?> sealedStates) {
        return java.util.Arrays.stream(sealedStates.getPermittedSubclasses()).map(Class::getSimpleName).toList();
    }

    /** Whether the case is over: nobody must act, no deadline runs. */
    boolean isClosed(S state);

    /** The id of the case: that of the message that opened it. */
    StixId caseId(S state);

    /** The id of the last applied message: what the next message names as previous. */
    StixId head(S state);

    /** The rung the case is on. */
    EscalationLevel level(S state);

    /** The two parties of the case. */
    List<PartyCode> parties(S state);

    /** Whether a refusal is a field missing or malformed (HTTP 400) rather than a rule of the case's state (HTTP 409). */
    boolean isInputError(R refusal);

    /**
     * What the receiver checks against what this node holds before it signs a receipt for a
     * partner's message, beyond its schema and its reader: e.g. a hotline reply must answer a call
     * this node holds between the same parties. The refusal as {@code $.<stix property>: why}, or
     * empty. {@code held} finds a case of this type by id. Whether the message fits its own case's
     * state is the fold's business, not this check's. By default nothing more is checked.
     */
    default Optional<String> refusalOnReceipt(M message, java.util.function.Function<String, Optional<S>> held) {
        return Optional.empty();
    }

    /** How urgently a message of this case goes to the partner. */
    default DeliveryPriority priority(Optional<S> state, M message) {
        return DeliveryPriority.ROUTINE;
    }

    /**
     * The REST API's name for a field the STIX object names {@code stixPath}: by default the path
     * with each snake_case segment in camelCase ({@code proposal.kind}, {@code termsRef},
     * {@code toLevel}). A type whose API uses other names overrides it.
     */
    default String restField(String stixPath) {
        return FieldNames.camel(stixPath);
    }

    /** The REST API's name of a case's id, as 404s and the case view name it: {@code caseId}, {@code callId}, ... */
    default String idField() {
        return "caseId";
    }

    // --- the case view ---

    /** The party that must act next; null when the case is over and nobody must. */
    PartyCode nextParty(S state);

    /**
     * The actions of the type's REST API, in the order the API lists them, each with the messages
     * that would carry it: what {@link #actions(Object, PartyCode)} asks the fold about. An action
     * the API does not have (an escalation only the engine sends) is not among them.
     */
    List<Action<M, S>> apiActions();

    /**
     * What {@code party} may do in the case as it stands, as the REST API names the actions: every
     * action one of whose messages {@link #apply} would apply if {@code party} sent it next, in the
     * order of {@link #apiActions()}. Empty when the case is over or the party is not one of its two.
     */
    default List<String> actions(S state, PartyCode party) {
        return Action.allowed(this, state, party);
    }

    /**
     * Which party must act next and everything it may do (not only the step it owes: withdrawing or
     * escalating too); {@link NextActor#nobody()} when the case is over.
     */
    default NextActor nextActor(S state) {
        PartyCode party = isClosed(state) ? null : nextParty(state);
        return party == null ? NextActor.nobody() : new NextActor(party, actions(state, party));
    }

    /**
     * The other party of the case, whose turn it is not, and what it may do meanwhile (withdraw,
     * escalate, answer anew, ...); its actions may be none. {@link NextActor#nobody()} when the case
     * is over.
     */
    default NextActor otherActor(S state) {
        PartyCode next = isClosed(state) ? null : nextParty(state);
        if (next == null) {
            return NextActor.nobody();
        }
        return parties(state).stream().filter(p -> !p.equals(next)).findFirst()
                .map(p -> new NextActor(p, actions(state, p))).orElse(NextActor.nobody());
    }

    /** The terms agreed, as the API shows them, with the id of the message that set them; empty when none are. */
    default Optional<Terms> agreedTerms(S state) {
        return Optional.empty();
    }

    /** The proposal on the table, awaiting an answer, with its id; empty when none is. */
    default Optional<Terms> proposal(S state) {
        return Optional.empty();
    }

    /**
     * The type's own fields of the case view, shown at top level next to the shared ones: the id
     * under the name the type's REST API has always used ({@code callId}, {@code incidentId}, ...)
     * and the substance (priority, parties, terms, ...). Values are records, strings or JSON.
     */
    default java.util.Map<String, Object> details(String caseId, Optional<S> state) {
        return java.util.Map.of();
    }

    /** Terms as the case view shows them: the id of the message that set them and their substance. */
    record Terms(StixId ref, JsonNode terms) {
    }

    // --- escalation ---

    /** The name of the type's escalation policy, as docs and the case view name it (e.g. {@code request deadlines}). */
    String policyName();

    /**
     * The policy's settings, as a text that changes whenever a deadline would: the case index
     * ({@code workflow_case.due_at}) is computed again when a node starts under another. By default
     * the policy's name, for a type whose deadlines no configuration changes.
     */
    default String policyFingerprint() {
        return policyName();
    }

    /** The deadline the case runs against now, by the type's escalation policy; empty when none runs. */
    Optional<Deadline> deadline(S state);

    /** Whether this node ({@code self}) sends the escalations of this case; by default both sides do, and the fold keeps one. */
    default boolean escalatesAt(S state, PartyCode self) {
        return true;
    }

    /** The escalation message a missed deadline makes due, after the case's head, in {@code envelope}. */
    M escalation(S state, DueEscalation due, Envelope envelope);

    /** When the case's next deadline is missed by {@code now}: the escalations due, lowest rung first. */
    default List<DueEscalation> due(S state, Instant now) {
        if (isClosed(state)) {
            return List.of();
        }
        return deadline(state).map(d -> EscalationClock.due(level(state), d, now)).orElse(List.of());
    }
}
