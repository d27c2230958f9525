package org.concord.deconfliction.internal;

import java.time.Clock;

import org.concord.deconfliction.ActivityMap;
import org.concord.deconfliction.OperationNotice;
import org.concord.deconfliction.ProtectedSite;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the flagged conflicts current when a protected site arrives after the notices it
 * conflicts with: the site joins the activity map and every held notice addressed to the site's
 * party is searched again. Called after the site's own write has committed, so in a new
 * transaction.
 */
@Component
class FlaggingConflicts {

    private final ActivityMap activity;
    private final DeconflictionTables tables;
    private final Clock clock;
    private final TransactionTemplate newTransaction;

    FlaggingConflicts(ActivityMap activity, DeconflictionTables tables, Clock clock, PlatformTransactionManager manager) {
        this.activity = activity;
        this.tables = tables;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(manager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void holdAndRecheck(ProtectedSite site) {
        activity.declare(site);
        newTransaction.executeWithoutResult(status -> {
            for (OperationNotice notice : activity.notices()) {
                if (notice.partner().equals(site.declaredBy())) {
                    tables.replaceConflicts(notice.id(), activity.conflictsOf(notice), clock.instant());
                }
            }
        });
    }
}
