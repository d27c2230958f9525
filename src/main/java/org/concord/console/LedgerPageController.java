package org.concord.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.concord.exchange.BrokenPromises;
import org.concord.exchange.Outbox;
import org.concord.exchange.UnshareableReference;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.LedgerRecords;
import org.concord.ledger.Receipt;
import org.concord.ledger.ReceiptException;
import org.concord.ledger.tree.Checkpoint;
import org.concord.node.Conflict;
import org.concord.node.NotFound;
import org.concord.party.Callers;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ledger page ({@code /console/ledger}), for every role: this node's checkpoints and
 * the partner's over time (a chart of tree size and the tables), who cosigned which checkpoint and
 * whether the cosignature still verifies, each partner's log as this node last witnessed it, and the
 * alarms with their evidence. Everything comes through {@link LedgerRecords}; the partner's
 * checkpoints over time are the signed checkpoints in the receipts the partner gave for this node's
 * messages ({@link Outbox}), besides the one this node last accepted as its witness. A receipt and
 * its message, pasted or uploaded, are checked as the API and {@code concord verify receipt} check
 * them; nothing is stored. Under "Broken promises", the messages a partner promised to record and did not
 * ({@link BrokenPromises}), each of which an ADMIN or LIAISON officer may send again (the page's one change).
 */
@Controller
class LedgerPageController {

    /** The most checkpoints, cosignatures, alarms and receipts read for the page. */
    static final int SHOWN = 200;
    /** The largest receipt or message taken (a receipt is a few kB; a message is a STIX object). */
    static final int MAX_TEXT = 1_000_000;

    private final LedgerRecords ledger;
    private final Partners partners;
    private final Outbox outbox;
    private final BrokenPromises broken;

    LedgerPageController(LedgerRecords ledger, Partners partners, Outbox outbox, BrokenPromises broken) {
        this.ledger = ledger;
        this.partners = partners;
        this.outbox = outbox;
        this.broken = broken;
    }

    @GetMapping("/console/ledger")
    String page(Model model, Authentication user) {
        fill(model, user);
        return "console/ledger";
    }

    /** Sends the message of a broken promise again, as {@code POST /api/exchange/broken-promises/{seq}/send-again} does. */
    @PostMapping("/console/ledger/broken-promises/{seq}/send-again")
    @PreAuthorize("hasAnyRole('ADMIN', 'LIAISON')")
    String sendAgain(@PathVariable long seq, Authentication user, RedirectAttributes redirect) {
        try {
            BrokenPromises.Broken sent = broken.sendAgain(seq, Callers.of(user).auditName());
            redirect.addFlashAttribute("brokenNotice", sent.objectId() + " queued again to " + sent.partner() + " as outbox row "
                    + sent.sentAgain().seq() + "; its delivery and receipt show below.");
        } catch (NotFound | Conflict | UnshareableReference e) {
            redirect.addFlashAttribute("brokenError", "Not sent again: " + e.getMessage());
        }
        return "redirect:/console/ledger#broken-promises";
    }

    /** Checks a receipt and its message; read-only (a POST only because a receipt and a message are too long for a URL). */
    @PostMapping("/console/ledger/receipts")
    String verify(@RequestParam(required = false) String receipt, @RequestParam(required = false) String message,
            @RequestParam(required = false) MultipartFile receiptFile, @RequestParam(required = false) MultipartFile messageFile,
            Model model, Authentication user) throws IOException {
        String receiptText = chosen(receiptFile, receipt);
        String messageText = chosen(messageFile, message);
        LedgerRecords.ReceiptCheck check;
        if (receiptText == null || receiptText.isBlank()) {
            check = null;
            model.addAttribute("verifyError", "Give a receipt: paste it or choose its file.");
        } else if (receiptText.length() > MAX_TEXT || (messageText != null && messageText.length() > MAX_TEXT)) {
            check = null;
            model.addAttribute("verifyError", "A receipt or message over " + MAX_TEXT + " characters is not one Concord sent.");
        } else {
            check = ledger.verify(receiptText, messageText);
        }
        model.addAttribute("check", check);
        model.addAttribute("receiptText", receipt == null ? "" : receipt);
        model.addAttribute("messageText", message == null ? "" : message);
        fill(model, user);
        return "console/ledger";
    }

    /**
     * Sends several broken promises again: those chosen on the page ({@code seq}), or with {@code all} every one not yet sent
     * again (up to {@link BrokenPromises#MOST_AT_ONCE}); each as the single send, each refusal named.
     */
    @PostMapping("/console/ledger/broken-promises/send-again")
    @PreAuthorize("hasAnyRole('ADMIN', 'LIAISON')")
    String sendAgainEach(@RequestParam(name = "seq", required = false) List<Long> seqs,
            @RequestParam(name = "all", required = false) String all, Authentication user, RedirectAttributes redirect) {
        List<Long> chosen = all != null ? broken.notSentAgain(BrokenPromises.MOST_AT_ONCE) : seqs == null ? List.of() : seqs;
        if (chosen.isEmpty()) {
            redirect.addFlashAttribute("brokenError", all != null ? "Nothing to send again: every broken promise was sent again already."
                    : "Not sent again: choose at least one message (its box in the table) or send all.");
            return "redirect:/console/ledger#broken-promises";
        }
        BrokenPromises.Outcome outcome = broken.sendAgainEach(chosen, Callers.of(user).auditName());
        if (!outcome.sent().isEmpty()) {
            redirect.addFlashAttribute("brokenNotice", outcome.sent().size() + (outcome.sent().size() == 1 ? " message" : " messages")
                    + " queued again: " + String.join(", ", outcome.sent().stream()
                            .map(b -> b.objectId() + " to " + b.partner() + " as outbox row " + b.sentAgain().seq()).toList())
                    + "; their delivery and receipts show below.");
        }
        if (!outcome.refused().isEmpty()) {
            redirect.addFlashAttribute("brokenError", "Not sent again: " + String.join("; ", outcome.refused().stream()
                    .map(r -> "outbox row " + r.seq() + ": " + r.detail()).toList()));
        }
        return "redirect:/console/ledger#broken-promises";
    }

    private static String chosen(MultipartFile file, String text) throws IOException {
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > MAX_TEXT) {
                return "x".repeat(MAX_TEXT + 1);
            }
            return new String(file.getBytes(), StandardCharsets.UTF_8);
        }
        return text;
    }

    /** A checkpoint of a partner's log as a receipt or the witness showed it. */
    record PartnerCheckpoint(String partner, long size, String root, Instant time, String seenIn) {
    }

    /** One of this node's checkpoints with the partners that cosigned it. */
    record OwnRow(long size, String root, Instant signedAt, List<LedgerRecords.Cosignature> cosignatures) {
    }

    /** Per partner: its newest cosignature of this node's log, and how many newer checkpoints it has not cosigned. */
    record Witness(String partner, Long cosignedSize, Instant cosignedAt, boolean verified, long newerUncosigned, long newestSize,
            LedgerRecords.Witnessed ofPartner) {
    }

    private void fill(Model model, Authentication user) {
        model.addAttribute("brokenPromises", broken.list(null, SHOWN));
        model.addAttribute("brokenCounts", broken.counts());
        List<String> roles = DeskController.roles(user);
        model.addAttribute("maySendAgain", roles.contains("ADMIN") || roles.contains("LIAISON"));
        List<LedgerRecords.OwnCheckpoint> own = ledger.checkpoints(SHOWN);
        List<LedgerRecords.Cosignature> cosignatures = ledger.cosignatures(SHOWN);
        Map<Long, List<LedgerRecords.Cosignature>> bySize = new TreeMap<>();
        cosignatures.forEach(c -> bySize.computeIfAbsent(c.size(), s -> new ArrayList<>()).add(c));
        List<OwnRow> rows = own.stream().map(c -> new OwnRow(c.size(), c.root(), c.signedAt(), bySize.getOrDefault(c.size(), List.of())))
                .toList();
        List<LedgerRecords.Witnessed> witnessed = ledger.witnessed();
        List<PartnerCheckpoint> theirs = partnerCheckpoints(witnessed);
        long newest = own.isEmpty() ? 0 : own.get(0).size();
        List<Witness> witnesses = new ArrayList<>();
        for (LedgerRecords.Witnessed w : witnessed) {
            LedgerRecords.Cosignature last = cosignatures.stream().filter(c -> c.witness().equals(w.partner()))
                    .max(Comparator.comparingLong(LedgerRecords.Cosignature::size)).orElse(null);
            long uncosigned = own.stream().filter(c -> last == null || c.size() > last.size()).count();
            witnesses.add(new Witness(w.partner(), last == null ? null : last.size(), last == null ? null : last.cosignedAt(),
                    last != null && last.verified(), uncosigned, newest, w));
        }
        List<SvgChart.TimeSeries> series = new ArrayList<>();
        List<LedgerRecords.OwnCheckpoint> ascending = new ArrayList<>(own);
        java.util.Collections.reverse(ascending);
        series.add(new SvgChart.TimeSeries("this node's log", "own", ascending.stream().map(LedgerRecords.OwnCheckpoint::signedAt).toList(),
                ascending.stream().map(LedgerRecords.OwnCheckpoint::size).toList()));
        Map<String, List<PartnerCheckpoint>> perPartner = new TreeMap<>();
        theirs.forEach(p -> perPartner.computeIfAbsent(p.partner(), k -> new ArrayList<>()).add(p));
        perPartner.forEach((partner, list) -> {
            List<PartnerCheckpoint> up = list.stream().sorted(Comparator.comparing(PartnerCheckpoint::time)).toList();
            series.add(new SvgChart.TimeSeries(partner + "'s log", "partner", up.stream().map(PartnerCheckpoint::time).toList(),
                    up.stream().map(PartnerCheckpoint::size).toList()));
        });
        model.addAttribute("own", rows);
        model.addAttribute("theirs", theirs);
        model.addAttribute("witnesses", witnesses);
        model.addAttribute("cosignatures", cosignatures);
        model.addAttribute("alarms", ledger.alarms(SHOWN));
        model.addAttribute("sizes", SvgChart.overTime("Tree size over time", series));
    }

    /**
     * The partner's checkpoints this node holds: the one it accepted as witness, and those in the
     * partner's receipts for this node's messages (checked when they arrived), one per size, newest first.
     */
    private List<PartnerCheckpoint> partnerCheckpoints(List<LedgerRecords.Witnessed> witnessed) {
        Map<String, PartnerCheckpoint> found = new LinkedHashMap<>();
        for (LedgerRecords.Witnessed w : witnessed) {
            if (w.size() != null) {
                found.put(w.partner() + "/" + w.size(), new PartnerCheckpoint(w.partner(), w.size(), w.root(), w.checkpointTime(),
                        "witnessed, cosigned by this node " + LedgerEntry.formatTime(w.acceptedAt())));
            }
        }
        for (Partner partner : partners.all()) {
            for (Outbox.Message m : outbox.recent(partner.code(), SHOWN)) {
                if (m.receipt() == null) {
                    continue;
                }
                try {
                    Receipt receipt = Receipt.parse(m.receipt());
                    if (receipt.isPromise()) {
                        continue;
                    }
                    Checkpoint head = receipt.checkpointBody();
                    found.putIfAbsent(partner.code().value() + "/" + head.size(), new PartnerCheckpoint(partner.code().value(),
                            head.size(), head.root().hex(), timeOf(head, receipt.issuedAt()), "receipt for " + receipt.object().id()));
                } catch (ReceiptException | RuntimeException e) {
                    // a receipt that no longer reads is the receipts' business (it was checked on arrival); not a checkpoint here
                }
            }
        }
        return found.values().stream().sorted(Comparator.comparing(PartnerCheckpoint::partner)
                .thenComparing(Comparator.comparingLong(PartnerCheckpoint::size).reversed())).toList();
    }

    private static Instant timeOf(Checkpoint head, Instant otherwise) {
        for (String line : head.extensions()) {
            if (line.startsWith("time ")) {
                Instant time = LedgerEntry.parseTime(line.substring(5));
                if (time != null) {
                    return time;
                }
            }
        }
        return otherwise;
    }
}
