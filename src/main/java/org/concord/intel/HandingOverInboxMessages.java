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
 * <p>A delivery of several messages is first given over together, each module taking its run of messages with
 * {@link InboxTaker#takeAll} (a few statements for the lot), under one savepoint. Should anything fail, all of that
 * is rolled back to the savepoint and the messages are given over one by one, as follows.
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
        if (!alone && together(event)) {
            return;
        }
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

    /**
     * The delivery's messages given over a run at a time (consecutive messages that the same modules want, each
     * module's {@link InboxTaker#takeAll} for the run), all under one savepoint: a module reads and writes a run in a
     * few statements instead of a few per message. True if every run was taken; false if a module failed, when
     * everything taken is rolled back to the savepoint and the messages are given over one by one, each under a
     * savepoint of its own, as before.
     */
    private boolean together(InboxHandOver event) {
        List<List<InboxReceived>> runs = new java.util.ArrayList<>();
        List<List<InboxTaker>> runTakers = new java.util.ArrayList<>();
        for (InboxReceived message : event.messages()) {
            List<InboxTaker> wanting = takers().stream().filter(t -> t.wants(message.type())).toList();
            if (wanting.isEmpty()) {
                continue;
            }
            if (runs.isEmpty() || !runTakers.get(runTakers.size() - 1).equals(wanting)) {
                runs.add(new java.util.ArrayList<>());
                runTakers.add(wanting);
            }
            runs.get(runs.size() - 1).add(message);
        }
        try {
            savepoint.executeWithoutResult(status -> {
                for (int i = 0; i < runs.size(); i++) {
                    for (InboxTaker taker : runTakers.get(i)) {
                        taker.takeAll(runs.get(i));
                    }
                }
            });
            return true;
        } catch (RuntimeException e) {
            log.info("hand-over of {} messages from {} together failed; each is handed over on its own: {}", event.messages().size(),
                    event.from(), e.toString());
            return false;
        }
    }
}
