package org.concord.exchange.sync;

import java.util.List;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.concord.exchange.sync.ReceiptPromises.Promised;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.ReceiptException;
import org.concord.ledger.Receipts;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 */
@Component
public class ReceiptCompletion {

    private static final Logger log = LoggerFactory.getLogger(ReceiptCompletion.class);
    private final Partners partners;
    private final TaxiiClient client;
    private final Receipts receipts;
    private final ReceiptPromises promises;
    private final TransactionTemplate transactions;

    ReceiptCompletion(Partners partners, TaxiiClient client, Receipts receipts, ReceiptPromises promises, TransactionTemplate transactions) {
        this.partners = partners;
        this.client = client;
        this.receipts = receipts;
        this.promises = promises;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${concord.exchange.receipt-completion-interval:PT30S}", initialDelayString = "PT20S")
    @SchedulerLock(name = "exchange.complete-receipts", lockAtMostFor = "PT10M")
    public void completeAll() {
        for (Partner partner : partners.all()) {
            complete(partner.code());
        }
    }

    /**
     * Completes the promised receipts from one partner (up to 500 a run); returns how many were completed. They
     * are asked for together, in one {@code POST /ledger/receipts}, which the partner answers with every receipt
     * complete and signed as one batch: one request, one signature there and one verification here for the
     * run, not one of each per message. A partner that does not know that request (an older node: 403, 404 or
     * 405) is asked one receipt at a time, as before.
     */
    public int complete(PartyCode partner) {
        List<Promised> promised = promises.oldest(partner, 500);
        if (promised.isEmpty()) {
            return 0;
        }
        // One check for the run: the checkpoint and the batch's root the completed receipts share are verified once.
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
            return 0;
        }
        if (response.status() == 403 || response.status() == 404 || response.status() == 405) {
            return completeOneByOne(partner, promised, digests, checker);
        }
        if (response.status() != 200) {
            log.warn("{} answered {} for {} receipts: {}", partner, response.status(), promised.size(), response.body());
            return 0;
        }
        tools.jackson.databind.JsonNode answered;
        try {
            answered = JSON.readTree(response.body()).path("receipts");
        } catch (RuntimeException e) {
            log.warn("{}'s answer for {} receipts is not JSON: {}", partner, promised.size(), e.getMessage());
            return 0;
        }
        Map<Long, String> completed = new java.util.LinkedHashMap<>();
        for (int i = 0; i < promised.size(); i++) {
            tools.jackson.databind.JsonNode one = answered.path(i);
            if (!one.isObject()) {
                log.warn("{} holds no receipt for {}", partner, digests.get(i).id());
                continue;
            }
            try {
                String json = one.toString();
                if (isComplete(checker, digests.get(i), json)) {
                    completed.put(promised.get(i).seq(), json);
                }
            } catch (ReceiptException e) {
                log.warn("{}'s completed receipt for {} does not verify: {}", partner, digests.get(i).id(), e.getMessage());
            } catch (RuntimeException e) {
                log.warn("{}'s completed receipt for {} could not be read: {}", partner, digests.get(i).id(), e.getMessage());
            }
        }
        return keep(completed);
    }

    /** Whether {@code json} verifies against the partner's pinned key and is complete (not a promise again). */
    private static boolean isComplete(Receipts.Checker checker, ObjectDigest digest, String json) throws ReceiptException {
        return !checker.verify(json, digest).isPromise();
    }

    /**
     * Keeps the completed receipts in place of their promises, all in one transaction (one commit for the run, not one
     * per receipt: the run shares the machine with the deliveries); returns how many.
     */
    private int keep(Map<Long, String> completed) {
        if (!completed.isEmpty()) {
            transactions.executeWithoutResult(tx -> promises.complete(completed));
        }
        return completed.size();
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /** One GET, one signature and one verification a receipt: for a partner that does not take the POST. */
    private int completeOneByOne(PartyCode partner, List<Promised> promised, List<ObjectDigest> digests, Receipts.Checker checker) {
        Map<Long, String> completed = new java.util.LinkedHashMap<>();
        for (int i = 0; i < promised.size(); i++) {
            Promised message = promised.get(i);
            ObjectDigest digest = digests.get(i);
            try {
                TaxiiClient.Response response = client.getJson(partner, "/ledger/receipts",
                        Map.of("object", digest.id(), "modified", LedgerEntry.formatTime(digest.modified())));
                if (response.status() != 200) {
                    log.warn("{} answered {} for the receipt of {}: {}", partner, response.status(), digest.id(), response.body());
                    continue;
                }
                if (isComplete(checker, digest, response.body())) {
                    completed.put(message.seq(), response.body());
                }
            } catch (ReceiptException e) {
                log.warn("{}'s completed receipt for {} does not verify: {}", partner, digest.id(), e.getMessage());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("completing the receipt of {} from {} failed: {}", digest.id(), partner, e.getMessage());
                return keep(completed);
            }
        }
        return keep(completed);
    }
}
