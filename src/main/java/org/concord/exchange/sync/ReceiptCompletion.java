package org.concord.exchange.sync;

import java.util.List;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Completes promised receipts. A partner that accepts a message before its next signed checkpoint
 * answers with a promise to include it by a deadline; this job asks the partner
 * ({@code GET /ledger/receipts}) for the completed receipt, with the signed checkpoint and the
 * inclusion proof, verifies it against the partner's pinned key and keeps it in place of the promise.
 */
@Component
public class ReceiptCompletion {

    private static final Logger log = LoggerFactory.getLogger(ReceiptCompletion.class);
    private final Partners partners;
    private final TaxiiClient client;
    private final Receipts receipts;
    private final JdbcClient jdbc;

    ReceiptCompletion(Partners partners, TaxiiClient client, Receipts receipts, JdbcClient jdbc) {
        this.partners = partners;
        this.client = client;
        this.receipts = receipts;
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${concord.exchange.receipt-completion-interval:PT30S}", initialDelayString = "PT20S")
    @SchedulerLock(name = "exchange.complete-receipts", lockAtMostFor = "PT10M")
    public void completeAll() {
        for (Partner partner : partners.all()) {
            complete(partner.code());
        }
    }

    private record Promised(long seq, String object) {
    }

    /** Completes the promised receipts from one partner; returns how many were completed. */
    public int complete(PartyCode partner) {
        List<Promised> promised = jdbc.sql("""
                select seq, object from exchange_outbox where partner = ? and delivered_at is not null
                and receipt is not null and receipt like '%"promise"%' order by seq limit 500""")
                .param(partner.value()).query((rs, n) -> new Promised(rs.getLong(1), rs.getString(2))).list();
        int completed = 0;
        // One check for the run: the checkpoint the completed receipts share is verified once.
        Receipts.Checker checker = promised.isEmpty() ? null : receipts.checker(partner);
        for (Promised message : promised) {
            ObjectDigest digest = ObjectDigest.of(message.object());
            try {
                TaxiiClient.Response response = client.getJson(partner, "/ledger/receipts",
                        Map.of("object", digest.id(), "modified", LedgerEntry.formatTime(digest.modified())));
                if (response.status() != 200) {
                    log.warn("{} answered {} for the receipt of {}: {}", partner, response.status(), digest.id(), response.body());
                    continue;
                }
                Receipt receipt = checker.verify(response.body(), digest);
                if (!receipt.isPromise()) {
                    jdbc.sql("update exchange_outbox set receipt = ? where seq = ?").params(response.body(), message.seq()).update();
                    completed++;
                }
            } catch (ReceiptException e) {
                log.warn("{}'s completed receipt for {} does not verify: {}", partner, digest.id(), e.getMessage());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("completing the receipt of {} from {} failed: {}", digest.id(), partner, e.getMessage());
                return completed;
            }
        }
        return completed;
    }
}
