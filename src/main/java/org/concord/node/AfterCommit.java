package org.concord.node;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs work that must follow a database write only once that write has committed (at once when
 * there is no transaction): in-memory state that mirrors the tables (the activity map), triggers
 * and announcements whose receivers read what was written, and work that must not lengthen the
 * writer's transaction. The one place this is done, so that no module keeps its own copy.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void run(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
