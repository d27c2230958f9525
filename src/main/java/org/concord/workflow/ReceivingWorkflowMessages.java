package org.concord.workflow;

import java.util.Optional;

import org.concord.intel.InboxReceived;
import org.concord.intel.IntelStore;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Hears of every partner object that entered the inbox and hands a workflow message to
 * {@link Workflow#receive} with its type. Idempotent, as the event may be delivered again.
 */
@Component
class ReceivingWorkflowMessages {

    private final WorkflowTypes types;
    private final Workflow workflow;
    private final IntelStore intel;

    ReceivingWorkflowMessages(WorkflowTypes types, Workflow workflow, IntelStore intel) {
        this.types = types;
        this.workflow = workflow;
        this.intel = intel;
    }

    /** Only the STIX types of a workflow: anything else is not recorded for this listener at all (no publication row, no task). */
    @ApplicationModuleListener(condition = "@workflowTypes.byStixType(#event.type()).isPresent()")
    void on(InboxReceived event) {
        Optional<CaseType<?, ?, ?>> type = types.byStixType(event.type());
        if (type.isEmpty()) {
            return;
        }
        intel.announced(event).ifPresent(object -> workflow.receive(type.get(), event.from(), object));
    }
}
