package org.concord.workflow;

import java.util.Optional;

import org.concord.intel.InboxReceived;
import org.concord.intel.IntelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Hears of every partner object that entered the inbox and hands a workflow message to
 * {@link Workflow#receive} with its type. Idempotent, as the event may be delivered again.
 */
@Component
class ReceivingWorkflowMessages {

    private static final Logger log = LoggerFactory.getLogger(ReceivingWorkflowMessages.class);
    private final WorkflowTypes types;
    private final Workflow workflow;
    private final IntelStore intel;

    ReceivingWorkflowMessages(WorkflowTypes types, Workflow workflow, IntelStore intel) {
        this.types = types;
        this.workflow = workflow;
        this.intel = intel;
    }

    @ApplicationModuleListener
    void on(InboxReceived event) {
        Optional<CaseType<?, ?, ?>> type = types.byStixType(event.type());
        if (type.isEmpty()) {
            return;
        }
        Optional<String> json = intel.inboxObject(event.id(), event.version());
        if (json.isEmpty()) {
            log.warn("inbox object {} version {} announced but not found", event.id(), event.version());
            return;
        }
        workflow.receive(type.get(), event.from(), MessageStix.JSON.readTree(json.get()));
    }
}
