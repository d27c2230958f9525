package org.concord.workflow;

import java.util.Map;

import org.concord.audit.AuditLog;
import org.concord.exchange.RefusedByPartner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A message this node sent that the partner's inbox refused ({@link RefusedByPartner}) never entered
 * the partner's ledger and is not in the partner's case: it is marked refused here, left out of the
 * case's fold from then on, the case is indexed again and announced, and the refusal audited. The two
 * nodes then fold the same messages, as they would had the message never been sent. The case's
 * timeline still shows it, refused by the partner with its reason.
 *
 * <p>The refusal that makes this matter: a message that would undo one of the partner's the sender had
 * already receipted ({@code not-before-receipted}, see {@link WorkflowInboxCheck}). Two officers
 * who act at once are both answered by the rule the partner's inbox applies; the sender's node, which
 * had applied its own message at once, then agrees with the partner's, whose officer never saw it.
 */
@Component
class LeavingOutWhatThePartnerRefused {

    static final String REFUSED_BY_PARTNER = "refused_by_partner";

    private final WorkflowTable table;
    private final WorkflowTypes types;
    private final Workflow workflow;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    LeavingOutWhatThePartnerRefused(WorkflowTable table, WorkflowTypes types, Workflow workflow, AuditLog audit,
            ApplicationEventPublisher events) {
        this.table = table;
        this.types = types;
        this.workflow = workflow;
        this.audit = audit;
        this.events = events;
    }

    @EventListener
    @Transactional
    public void on(RefusedByPartner refused) {
        Map<String, String> cases = table.markRefusedByPartner(refused.reasons());
        cases.forEach((caseId, typeName) -> types.byName(typeName).ifPresent(type -> {
            table.lockCase(typeName, caseId);
            workflow.index(type, caseId);
        }));
        refused.reasons().forEach((id, reason) -> {
            if (table.heldMessage(id).filter(m -> Workflow.SENT.equals(m.direction())).isPresent()) {
                audit.record(refused.partner().value(), "workflow.refused-by-partner", id, reason);
            }
        });
        cases.forEach((caseId, typeName) -> events.publishEvent(new CaseChanged(typeName, caseId, REFUSED_BY_PARTNER, Workflow.SENT)));
    }
}
