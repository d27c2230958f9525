package org.concord.node;

import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * Hands over again, while the node runs, every application event whose listener did not finish:
 * the inbox accepts a partner's message, enters it in the ledger and signs its receipt in one
 * transaction, and the module (requests, hotline, incidents, …) takes it over afterwards through
 * Spring Modulith's event publication log. If that hand-over fails (its database connection cut,
 * say), the publication stays incomplete; Modulith republishes it on the next start, which may be
 * weeks away, while the partner already holds a receipt for a message this node never acted on.
 * This job resubmits such publications once they are {@code concord.events.retry-after} old
 * (default 30 s), every {@code concord.events.retry-interval} (default 15 s), under the database lock.
 * Every listener is idempotent (restart republishing already relies on it), so a resubmission of a
 * hand-over that was merely slow changes nothing.
 */
@Component
public class UnfinishedHandOvers {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedHandOvers.class);
    private final IncompleteEventPublications publications;
    private final Duration retryAfter;

    UnfinishedHandOvers(IncompleteEventPublications publications,
            @Value("${concord.events.retry-after:PT30S}") Duration retryAfter) {
        this.publications = publications;
        this.retryAfter = retryAfter;
    }

    @Scheduled(fixedDelayString = "${concord.events.retry-interval:PT15S}", initialDelayString = "PT15S")
    @SchedulerLock(name = "node.resubmit-unfinished-hand-overs", lockAtMostFor = "PT1M")
    public void resubmit() {
        resubmitOlderThan(retryAfter);
    }

    /** Resubmits the unfinished hand-overs published more than {@code age} ago. */
    public void resubmitOlderThan(Duration age) {
        try {
            publications.resubmitIncompletePublicationsOlderThan(age);
        } catch (RuntimeException e) {
            // The database may be the reason the hand-overs failed; the next run tries again.
            log.warn("could not resubmit unfinished event hand-overs: {}", e.toString());
        }
    }
}
