package org.concord.ledger.internal;

import java.util.function.Supplier;

import org.concord.audit.AuditLog;
import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How every ledger alarm is raised, one way for the witness, the node's check of its own log and a
 * broken receipt promise: the alarm's row and its audit entry in one transaction (the caller's, if it
 * is in one), then one warning in the log once both are written.
 */
@Component
class AlarmRaising {

    private static final Logger log = LoggerFactory.getLogger(AlarmRaising.class);
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    AlarmRaising(AuditLog audit, PlatformTransactionManager transactionManager) {
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Raises an alarm.
     *
     * @param party the party the alarm is about, as its audit entry and the log name it: the partner, or this
     *        node for a rollback of its own log
     * @param insert writes the alarm's row ({@link WitnessTable#raise}, {@link WitnessTable#raiseOwn}) and gives it
     */
    WitnessTable.Alarm raise(PartyCode party, AlarmKind kind, String detail, Supplier<WitnessTable.Alarm> insert) {
        WitnessTable.Alarm raised = transactions.execute(status -> {
            WitnessTable.Alarm alarm = insert.get();
            audit.record("node", "ledger.alarm", party.value(), kind + ": " + detail);
            return alarm;
        });
        log.warn("ledger alarm {} for {}: {}", kind, party, detail);
        return raised;
    }
}
