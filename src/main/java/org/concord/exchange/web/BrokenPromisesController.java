package org.concord.exchange.web;

import java.util.List;

import org.concord.exchange.BrokenPromises;
import org.concord.node.InvalidInput;
import org.concord.party.Callers;
import org.concord.party.PartyCode;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/exchange/broken-promises[?partner=IR][&after=SEQ][&limit=200]}: the messages a partner promised to
 * record and did not ({@code BROKEN_PROMISE}), oldest first, page by page (the next after the last {@code seq}), each with the index and deadline it was promised, when and how the promise
 * was found broken, and whether it was sent again and how that delivery stands. Every user role reads it; partners
 * cannot. {@code POST /api/exchange/broken-promises/{seq}/send-again}: an ADMIN or LIAISON officer queues the message
 * again (once; audited): 404 if there is no such broken promise, 409 if it was sent again already, 422 if it names an
 * object the partner may no longer see. {@code POST /api/exchange/broken-promises/send-again} with
 * {@code {"seqs": [..]}} (up to 1,000): each as the single send, each in its own transaction; the answer lists those sent
 * and those refused, with the status, field, rule and reason the single send would have given.
 */
@RestController
class BrokenPromisesController {

    private final BrokenPromises broken;

    BrokenPromisesController(BrokenPromises broken) {
        this.broken = broken;
    }

    @GetMapping("/api/exchange/broken-promises")
    List<BrokenPromises.Broken> list(@RequestParam(required = false) String partner, @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "200") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInput("limit", "range", "must be between 1 and 1000, got " + limit);
        }
        if (after < 0) {
            throw new InvalidInput("after", "range", "an outbox row (the last seq of the page before), 0 or more, got " + after);
        }
        return broken.list(partner == null ? null : PartyCode.required(partner, "partner"), after, limit);
    }

    /** The body of a send of several: the broken promises' outbox rows. */
    record Chosen(List<Long> seqs) {
    }

    @PostMapping("/api/exchange/broken-promises/send-again")
    @PreAuthorize("hasAnyRole('ADMIN', 'LIAISON')")
    BrokenPromises.Outcome sendAgainEach(@RequestBody Chosen chosen, Authentication caller) {
        return broken.sendAgainEach(chosen == null || chosen.seqs() == null ? List.of() : chosen.seqs(), Callers.of(caller).auditName());
    }

    @PostMapping("/api/exchange/broken-promises/{seq}/send-again")
    @PreAuthorize("hasAnyRole('ADMIN', 'LIAISON')")
    BrokenPromises.Broken sendAgain(@PathVariable long seq, Authentication caller) {
        return broken.sendAgain(seq, Callers.of(caller).auditName());
    }
}
