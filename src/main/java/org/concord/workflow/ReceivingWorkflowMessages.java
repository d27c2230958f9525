package org.concord.workflow;

import java.util.Optional;

import org.concord.intel.InboxReceived;
import org.concord.intel.IntelStore;
import org.concord.intel.InboxTaker;
import org.springframework.stereotype.Component;

/**
 * Hears of every partner object that entered the inbox and hands a workflow message to
 * {@link Workflow#receive} with its type. Idempotent, as the event may be delivered again.
 */
@Component
class ReceivingWorkflowMessages implements InboxTaker {

    private final WorkflowTypes types;
    private final Workflow workflow;
    private final IntelStore intel;

    ReceivingWorkflowMessages(WorkflowTypes types, Workflow workflow, IntelStore intel) {
        this.types = types;
        this.workflow = workflow;
        this.intel = intel;
    }

    /** The hand-over asks: only its own types are given to it ({@link org.concord.intel.InboxHandOver}). */
    @Override
    public boolean wants(String type) {
        return types.byStixType(type).isPresent();
    }

    /**
     * A hand-over recorded by a node before deliveries were handed over whole (one publication per message and
     * listener, under this method's listener id): still in the log after an upgrade, it is resubmitted to this
     * method. Nothing publishes {@code InboxReceived} on its own any more.
     */
    @org.springframework.modulith.events.ApplicationModuleListener
    void on(InboxReceived event) {
        take(event);
    }

    /**
     * The messages of one delivery: their objects read from the inbox in one query, then each type's messages
     * received together ({@link Workflow#receiveAll}), in the order given.
     */
    @Override
    public void takeAll(java.util.List<InboxReceived> messages) {
        java.util.List<Optional<tools.jackson.databind.JsonNode>> objects = intel.announcedAll(messages);
        java.util.Map<CaseType<?, ?, ?>, java.util.List<tools.jackson.databind.JsonNode>> byType = new java.util.LinkedHashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            Optional<CaseType<?, ?, ?>> type = types.byStixType(messages.get(i).type());
            if (type.isPresent() && objects.get(i).isPresent()) {
                byType.computeIfAbsent(type.get(), t -> new java.util.ArrayList<>()).add(objects.get(i).get());
            }
        }
        java.util.Set<org.concord.party.PartyCode> from = new java.util.HashSet<>();
        messages.forEach(m -> from.add(m.from()));
        if (from.size() != 1) {
            messages.forEach(this::take);
            return;
        }
        byType.forEach((type, objectsOfType) -> workflow.receiveAll(type, from.iterator().next(), objectsOfType));
    }

    /** One message handed over from the inbox (idempotent: it may be handed over again). */
    @Override
    public void take(InboxReceived event) {
        Optional<CaseType<?, ?, ?>> type = types.byStixType(event.type());
        if (type.isEmpty()) {
            return;
        }
        intel.announced(event).ifPresent(object -> workflow.receive(type.get(), event.from(), object));
    }
}
