package org.concord.exchange.web;

import java.util.List;

import org.concord.exchange.Outbox;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/exchange/outbox?partner=IR}: what this node sent a partner, newest first, with
 * the ledger index of each message and the partner's signed receipt once delivered. Every user role
 * reads it; partners cannot.
 */
@RestController
class OutboxController {

    private final Outbox outbox;

    OutboxController(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/api/exchange/outbox")
    List<Outbox.Message> recent(@RequestParam String partner, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInput("limit", "range", "must be between 1 and 1000, got " + limit);
        }
        return outbox.recent(PartyCode.of(partner), limit);
    }
}
