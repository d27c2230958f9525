package org.concord.exchange.sync;

import java.util.List;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.concord.exchange.sync.ReceiptPromises.Promised;
import org.concord.ledger.LedgerAlarms;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.Receipt;
import org.concord.ledger.ReceiptException;
import org.concord.ledger.Receipts;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completes promised receipts. A partner that accepts a message before its next signed checkpoint
 * answers with a promise to include it by a deadline; this job asks the partner
 * ({@code GET /ledger/receipts}) for the completed receipt, with the signed checkpoint and the
 * inclusion proof, verifies it against the partner's pinned key and keeps it in place of the promise.
 * Its work is the promises the delivery noted ({@link ReceiptPromises}), so a run costs the same however
 * many messages were delivered and completed before.
 *
 * <p>A promise is broken when, past its deadline and {@code concord.exchange.receipt-promise-grace} (default 10
 * min, for the two clocks), the partner answers without the completed receipt: no record of the message, a promise
 * again, or a receipt that does not verify. Its log lost or never kept what it accepted (restored from an older
 * backup, or dishonest). The run then raises the ledger's {@code BROKEN_PROMISE} alarm, one for each request of up to 500, with the
 * oldest signed promise as evidence, and stops asking for those receipts: the outbox keeps each signed promise, and
 * they no longer hold back the promises behind them. A partner that cannot be reached breaks nothing: its promises
 * are asked for again when it returns.
 */
@Component
public class ReceiptCompletion {

    private static final Logger log = LoggerFactory.getLogger(ReceiptCompletion.class);
    private final Partners partners;
    private final TaxiiClient client;
    private final Receipts receipts;
    private final ReceiptPromises promises;
    private final TransactionTemplate transactions;
    private final LedgerAlarms alarms;
    private final java.time.Clock clock;
    private final java.time.Duration grace;
    private final java.time.Duration budget;

    /** Promises asked for in one request: what {@code POST /ledger/receipts} takes at most. */
    static final int CHUNK = 500;

    ReceiptCompletion(Partners partners, TaxiiClient client, Receipts receipts, ReceiptPromises promises, TransactionTemplate transactions,
            LedgerAlarms alarms, java.time.Clock clock,
            @Value("${concord.exchange.receipt-promise-grace:PT10M}") java.time.Duration grace,
            @Value("${concord.exchange.receipt-completion-budget:PT10S}") java.time.Duration budget) {
        this.partners = partners;
        this.client = client;
        this.receipts = receipts;
        this.promises = promises;
        this.transactions = transactions;
        this.alarms = alarms;
        this.clock = clock;
        this.grace = grace;
        this.budget = budget;
    }

    @Scheduled(fixedDelayString = "${concord.exchange.receipt-completion-interval:PT30S}", initialDelayString = "PT20S")
    @SchedulerLock(name = "exchange.complete-receipts", lockAtMostFor = "PT1M")
    public void completeAll() {
        for (Partner partner : partners.all()) {
            complete(partner.code());
        }
    }

    /**
     * Completes the promised receipts from one partner, the oldest first, {@value #CHUNK} a request, until none is left
     * or the run has taken {@code concord.exchange.receipt-completion-budget} (default 10 s: the node's scheduled jobs
     * share one thread); returns how many were completed. Each chunk is asked for in one {@code POST /ledger/receipts},
     * which the partner answers with every receipt complete and signed as one batch: one request, one signature there
     * and one verification here, not one of each per message. A hotline in a crisis sends hundreds of messages a
     * second, nearly every one receipted first with a promise: one chunk a run (as until the thirty-fourth stop) left
     * 67,900 promises waiting after two minutes at 500 a second. A partner that does not know that request (an older
     * node: 403, 404 or 405) is asked one receipt at a time, as before. Promises the partner answered without their
     * receipt past the deadline and grace are broken (see above): not counted, no longer asked for, and alarmed; those
     * it answered with a promise again before then are passed over until the next run. A partner that cannot be
     * asked, or answers what cannot be read, ends the run.
     */
    public int complete(PartyCode partner) {
        long started = System.nanoTime();
        long after = 0;
        int completed = 0;
        while (true) {
            List<Promised> promised = promises.oldest(partner, after, CHUNK);
            if (promised.isEmpty()) {
                return completed;
            }
            int done = completeChunk(partner, promised);
            if (done < 0) {
                return completed;
            }
            completed += done;
            after = promised.get(promised.size() - 1).seq();
            if (promised.size() < CHUNK || System.nanoTime() - started > budget.toNanos()) {
                return completed;
            }
        }
    }

    /** Completes one chunk of promises; returns how many were completed, or -1 when the run should stop here. */
    private int completeChunk(PartyCode partner, List<Promised> promised) {
        // One check for the chunk: the checkpoint and the batch's root the completed receipts share are verified once.
        Receipts.Checker checker = receipts.checker(partner);
        List<ObjectDigest> digests = promised.stream().map(p -> ObjectDigest.of(p.object())).toList();
        TaxiiClient.Response response;
        try {
            tools.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
            tools.jackson.databind.node.ArrayNode objects = body.putArray("objects");
            for (ObjectDigest digest : digests) {
                objects.addObject().put("object", digest.id()).put("modified", LedgerEntry.formatTime(digest.modified()));
            }
            response = client.postJson(partner, "/ledger/receipts", JSON.writeValueAsString(body));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("completing {} receipts from {} failed: {}", promised.size(), partner, e.getMessage());
            return -1;
        }
        if (response.status() == 403 || response.status() == 404 || response.status() == 405) {
            return completeOneByOne(partner, promised, digests, checker);
        }
        if (response.status() != 200) {
            log.warn("{} answered {} for {} receipts: {}", partner, response.status(), promised.size(), response.body());
            return -1;
        }
        tools.jackson.databind.JsonNode answered;
        try {
            answered = JSON.readTree(response.body()).path("receipts");
        } catch (RuntimeException e) {
            log.warn("{}'s answer for {} receipts is not JSON: {}", partner, promised.size(), e.getMessage());
            return -1;
        }
        if (!answered.isArray() || answered.size() != promised.size()) {
            // not an answer to what was asked: nothing can be read from it, least of all that a promise is broken
            log.warn("{} answered {} receipts for {} asked", partner, answered.isArray() ? answered.size() : "no list of", promised.size());
            return -1;
        }
        Outcome outcome = new Outcome(partner);
        for (int i = 0; i < promised.size(); i++) {
            tools.jackson.databind.JsonNode one = answered.path(i);
            if (!one.isObject()) {
                outcome.without(promised.get(i), digests.get(i), "no record of the message");
                continue;
            }
            try {
                String json = one.toString();
                if (isComplete(checker, digests.get(i), json)) {
                    outcome.completed.put(promised.get(i).seq(), json);
                } else {
                    outcome.without(promised.get(i), digests.get(i), "a promise again");
                }
            } catch (ReceiptException e) {
                log.warn("{}'s completed receipt for {} does not verify: {}", partner, digests.get(i).id(), e.getMessage());
                outcome.without(promised.get(i), digests.get(i), "a receipt that does not verify");
            } catch (RuntimeException e) {
                log.warn("{}'s completed receipt for {} could not be read: {}", partner, digests.get(i).id(), e.getMessage());
            }
        }
        return keep(outcome);
    }

    /** Whether {@code json} verifies against the partner's pinned key and is complete (not a promise again). */
    private static boolean isComplete(Receipts.Checker checker, ObjectDigest digest, String json) throws ReceiptException {
        return !checker.verify(json, digest).isPromise();
    }

    /** What one run came to: the receipts completed, and the promises broken (past their deadline and the grace). */
    private final class Outcome {
        final PartyCode partner;
        final Map<Long, String> completed = new java.util.LinkedHashMap<>();
        final List<Promised> broken = new java.util.ArrayList<>();
        /** What the partner answered for each broken one, by outbox row. */
        final Map<Long, String> brokenAnswers = new java.util.LinkedHashMap<>();
        Receipt oldest;

        Outcome(PartyCode partner) {
            this.partner = partner;
        }

        /** The partner answered without the completed receipt: broken if past the deadline and the grace, else logged. */
        void without(Promised message, ObjectDigest digest, String answer) {
            Receipt promise;
            try {
                promise = Receipt.parse(message.promise());
            } catch (ReceiptException e) {
                log.warn("the promise kept for {} to {} cannot be read: {}", digest.id(), partner, e.getMessage());
                return;
            }
            if (promise.deadline() == null || !clock.instant().isAfter(promise.deadline().plus(grace))) {
                log.warn("{} answered {} for {} (promised by {})", partner, answer, digest.id(), promise.deadline());
                return;
            }
            broken.add(message);
            brokenAnswers.put(message.seq(), answer);
            if (oldest == null) {
                oldest = promise;
            }
        }

        String detail() {
            Promised first = broken.get(0);
            return partner + " has not kept its promise to record " + (broken.size() == 1 ? "a message" : broken.size() + " messages")
                    + " this node sent: asked past the deadline, it answered "
                    + String.join("; ", new java.util.LinkedHashSet<>(brokenAnswers.values())) + ". The oldest: "
                    + oldest.object().id() + ", promised at index " + oldest.index() + " by " + LedgerEntry.formatTime(oldest.deadline())
                    + " (outbox row " + first.seq() + "). A node restored from an older backup loses what it accepted after it;"
                    + " ask " + partner + " and send again what still matters: each is listed under Broken promises on the ledger"
                    + " page (GET /api/exchange/broken-promises), where a liaison officer may send it again. The signed promises"
                    + " stay in the outbox and are no longer asked for; the oldest is the evidence here.";
        }
    }

    /**
     * Keeps the completed receipts in place of their promises and stops asking for the broken ones, raising their alarm,
     * all in one transaction (one commit for the run, not one per receipt: the run shares the machine with the
     * deliveries); returns how many were completed.
     */
    private int keep(Outcome outcome) {
        if (!outcome.completed.isEmpty() || !outcome.broken.isEmpty()) {
            transactions.executeWithoutResult(tx -> {
                promises.complete(outcome.completed);
                if (!outcome.broken.isEmpty()) {
                    promises.broken(outcome.partner, outcome.brokenAnswers, clock.instant());
                    alarms.promiseBroken(outcome.partner, outcome.detail(), outcome.broken.get(0).promise());
                }
            });
        }
        return outcome.completed.size();
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /** Whether the partner answered that it received no such object (a 404 naming the object, not a path it lacks). */
    private static boolean noSuchObject(TaxiiClient.Response response) {
        if (response.status() != 404) {
            return false;
        }
        try {
            return "object".equals(JSON.readTree(response.body()).path("field").asString(""));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * One GET, one signature and one verification a receipt: for a partner that does not take the POST. Returns how many
     * were completed, or -1 (what was completed kept) when a request failed and the run should stop.
     */
    private int completeOneByOne(PartyCode partner, List<Promised> promised, List<ObjectDigest> digests, Receipts.Checker checker) {
        Outcome outcome = new Outcome(partner);
        for (int i = 0; i < promised.size(); i++) {
            Promised message = promised.get(i);
            ObjectDigest digest = digests.get(i);
            try {
                TaxiiClient.Response response = client.getJson(partner, "/ledger/receipts",
                        Map.of("object", digest.id(), "modified", LedgerEntry.formatTime(digest.modified())));
                if (noSuchObject(response)) {
                    outcome.without(message, digest, "no record of the message");
                    continue;
                }
                if (response.status() != 200) {
                    log.warn("{} answered {} for the receipt of {}: {}", partner, response.status(), digest.id(), response.body());
                    continue;
                }
                if (isComplete(checker, digest, response.body())) {
                    outcome.completed.put(message.seq(), response.body());
                } else {
                    outcome.without(message, digest, "a promise again");
                }
            } catch (ReceiptException e) {
                log.warn("{}'s completed receipt for {} does not verify: {}", partner, digest.id(), e.getMessage());
                outcome.without(message, digest, "a receipt that does not verify");
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("completing the receipt of {} from {} failed: {}", digest.id(), partner, e.getMessage());
                keep(outcome);
                return -1;
            }
        }
        return keep(outcome);
    }
}
