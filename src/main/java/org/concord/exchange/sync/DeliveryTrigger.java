package org.concord.exchange.sync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;

import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts delivering to a partner as soon as a message for it is committed to the outbox, instead
 * of waiting up to {@code concord.exchange.delivery-interval} for the scheduled run: a FLASH
 * hotline message should not sit two seconds in a queue. Requests for the same partner that
 * arrive while a delivery is pending are merged into it. The scheduled run stays as the safety
 * net (after a restart, after a failure, on another instance).
 */
@Component
public class DeliveryTrigger {

    private static final Logger log = LoggerFactory.getLogger(DeliveryTrigger.class);
    private final OutboxDelivery delivery;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "concord-outbox-trigger");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<PartyCode, AtomicBoolean> pending = new ConcurrentHashMap<>();

    DeliveryTrigger(OutboxDelivery delivery) {
        this.delivery = delivery;
    }

    /** Asks for a delivery run to {@code partner} soon, on this trigger's own thread. */
    public void request(PartyCode partner) {
        AtomicBoolean flag = pending.computeIfAbsent(partner, p -> new AtomicBoolean());
        if (flag.compareAndSet(false, true)) {
            executor.execute(() -> {
                flag.set(false);
                try {
                    delivery.deliver(partner);
                } catch (RuntimeException e) {
                    log.warn("delivering to {} right after commit failed; the scheduled run will retry: {}", partner, e.getMessage());
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
