package org.concord.intel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one hand-over of received partner messages to the modules that take them ({@link InboxTaker}).
 *
 * <p>The inbox publishes one {@link InboxHandOver} per delivery it stored (the messages of one TAXII POST),
 * recorded in the event publication log in the storing transaction. This listener takes it after that
 * transaction commits, in a transaction of its own, and gives each message, in the order stored, to every
 * module that wants its type: one publication row, one task and one transaction for the whole delivery,
 * not one of each per message. The publication is complete only when that transaction commits; until
 * then {@code UnfinishedHandOvers} (and a restart) hand the whole delivery over again, which changes
 * nothing for a message already taken, as every module's {@link InboxTaker#take} is idempotent.
 *
 * <p>One message must not block or lose the others: each is taken under a savepoint. A module that fails on
 * one (a runtime exception) has that message's work rolled back to its savepoint, and the message is
 * published again, alone, as a hand-over of its own in the same transaction, so the rest of the delivery
 * completes while that one is retried as a single message was before batching: at once, then by
 * {@code UnfinishedHandOvers} until it succeeds. A hand-over of one message is not split further: its failure
 * rolls its transaction back and leaves its publication incomplete.
 */
@Component("inboxHandOver")
class HandingOverInboxMessages {

    private static final Logger log = LoggerFactory.getLogger(HandingOverInboxMessages.class);

    private final ObjectProvider<InboxTaker> takers;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate savepoint;
    private volatile List<InboxTaker> known;

    HandingOverInboxMessages(ObjectProvider<InboxTaker> takers, ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.takers = takers;
        this.events = events;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    private List<InboxTaker> takers() {
        List<InboxTaker> all = known;
        if (all == null) {
            all = takers.orderedStream().toList();
            known = all;
        }
        return all;
    }

    /** Whether some module wants a message of the delivery: if none does, nothing is recorded (no publication row, no task). */
    public boolean anyWanted(InboxHandOver handOver) {
        return handOver.messages().stream().anyMatch(m -> takers().stream().anyMatch(t -> t.wants(m.type())));
    }

    @ApplicationModuleListener(condition = "@inboxHandOver.anyWanted(#event)")
    void on(InboxHandOver event) {
        boolean alone = event.messages().size() == 1;
        Set<InboxReceived> failed = new LinkedHashSet<>();
        for (InboxReceived message : event.messages()) {
            for (InboxTaker taker : takers()) {
                if (!taker.wants(message.type())) {
                    continue;
                }
                if (alone) {
                    taker.take(message);
                    continue;
                }
                try {
                    savepoint.executeWithoutResult(status -> taker.take(message));
                } catch (RuntimeException e) {
                    log.warn("hand-over of {} {} from {} failed; it is handed over again alone: {}", message.type(), message.id(),
                            event.from(), e.toString());
                    failed.add(message);
                }
            }
        }
        for (InboxReceived message : failed) {
            events.publishEvent(new InboxHandOver(event.from(), List.of(message)));
        }
    }
}
