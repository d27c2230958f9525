package org.concord.exchange.web;

import java.util.List;

import org.concord.audit.AuditLog;
import org.concord.exchange.Outbox;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.Callers;
import org.concord.party.PartyCode;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/exchange/outbox?partner=IR}: what this node sent a partner, newest first, with
 * the ledger index of each message, its priority, the partner's signed receipt once delivered, and
 * whether it was set aside as poison. {@code GET /api/exchange/outbox/alarms[?partner=IR]}: the
 * messages set aside as poison that no one has acknowledged yet. Every user role reads both;
 * partners cannot. {@code POST /api/exchange/outbox/alarms/{seq}/acknowledge}: an ADMIN or LIAISON
 * officer acknowledges one (audited).
 */
@RestController
class OutboxController {

    private final Outbox outbox;
    private final AuditLog audit;

    OutboxController(Outbox outbox, AuditLog audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    @GetMapping("/api/exchange/outbox")
    List<Outbox.Message> recent(@RequestParam String partner, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInput("limit", "range", "must be between 1 and 1000, got " + limit);
        }
        return outbox.recent(PartyCode.of(partner), limit);
    }

    @GetMapping("/api/exchange/outbox/alarms")
    List<Outbox.Message> alarms(@RequestParam(required = false) String partner) {
        return outbox.poisoned(partner == null ? null : PartyCode.of(partner));
    }

    @PostMapping("/api/exchange/outbox/alarms/{seq}/acknowledge")
    @PreAuthorize("hasAnyRole('ADMIN', 'LIAISON')")
    List<Outbox.Message> acknowledge(@PathVariable long seq, Authentication caller) {
        String actor = Callers.of(caller).auditName();
        if (!outbox.acknowledgePoison(seq, actor)) {
            throw NotFound.of("seq", "no unacknowledged poisoned message " + seq + " in the outbox");
        }
        audit.record(actor, "exchange.poison-acknowledged", String.valueOf(seq), "outbox message " + seq);
        return outbox.poisoned(null);
    }
}
