package org.concord.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.concord.exchange.Outbox;
import org.concord.ledger.Receipt;
import org.concord.ledger.Receipts;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;

/**
 * The case view of every workflow type ({@link CaseView}) and the list across all of them that a
 * duty officer works from: {@link #list} answers "what must we answer next, and by when".
 */
@Service
public class CaseViews {

    /** The most cases one page of {@code GET /api/cases} holds. */
    public static final int MAX_LIMIT = 200;

    private final Workflow workflow;
    private final WorkflowTypes types;
    private final Outbox outbox;
    private final Receipts receipts;
    private final WorkflowTable table;

    CaseViews(Workflow workflow, WorkflowTypes types, Outbox outbox, Receipts receipts, WorkflowTable table) {
        this.table = table;
        this.workflow = workflow;
        this.types = types;
        this.outbox = outbox;
        this.receipts = receipts;
    }

    /** The view of case {@code caseId} of the type; 404 when this node holds none. */
    public <M extends CaseMessage, S, R extends CaseRefusal> CaseView view(CaseType<M, S, R> type, String caseId) {
        return view(type, workflow.get(type, caseId));
    }

    /** The views of every case of the type, oldest first. */
    public <M extends CaseMessage, S, R extends CaseRefusal> List<CaseView> all(CaseType<M, S, R> type) {
        return workflow.all(type).stream().map(c -> view(type, c)).toList();
    }

    /** The view of a case as held. */
    public <M extends CaseMessage, S, R extends CaseRefusal> CaseView view(CaseType<M, S, R> type, CaseRecord<M, S, R> c) {
        return view(type, c, false);
    }

    /**
     * The view of a case as held; {@code brief} leaves out the timeline (each message's ledger index
     * and receipt, a lookup per message), for lists that show where cases stand, not their messages.
     */
    private <M extends CaseMessage, S, R extends CaseRefusal> CaseView view(CaseType<M, S, R> type, CaseRecord<M, S, R> c,
            boolean brief) {
        Optional<S> state = c.state();
        PartyCode self = workflow.self();
        Map<String, WorkflowTable.StoredMessage> byId = c.byId();
        Function<M, CaseView.MessageView> view = m -> message(type, m, byId);
        NextActor next = state.map(type::nextActor).orElse(NextActor.nobody());
        NextActor other = state.map(type::otherActor).orElse(NextActor.nobody());
        Optional<Deadline> deadline = state.filter(s -> !type.isClosed(s)).flatMap(type::deadline);
        // ours that the partner's inbox refused: in neither node's fold, shown refused with the partner's reason
        List<M> refusedThere = new ArrayList<>();
        List<CaseView.RefusedView> refused = new ArrayList<>();
        c.folded().refused().forEach(r -> refused.add(new CaseView.RefusedView(r.message().id().value(),
                type.messageType(r.message()), r.message().sender().value(), r.refusal().ruleName(),
                type.restField(r.refusal().field()), r.refusal().explanation())));
        for (WorkflowTable.StoredMessage s : c.stored()) {
            if (!s.inCase()) {
                M m = type.fromStix(s.object());
                refusedThere.add(m);
                refused.add(refusedByPartner(type, m, s.refusedByPartner(), c.row().partner()));
            }
        }
        List<CaseView.TimelineEntry> timeline = new ArrayList<>();
        if (!brief) {
            c.folded().applied().forEach(m -> timeline.add(entry(type, m, byId, "APPLIED", c.row().partner())));
            c.folded().refused().forEach(r -> timeline.add(entry(type, r.message(), byId, "REFUSED", c.row().partner())));
            c.folded().waiting().forEach(m -> timeline.add(entry(type, m, byId, "WAITING", c.row().partner())));
            c.folded().conflicting().forEach(m -> timeline.add(entry(type, m, byId, "CONFLICTING", c.row().partner())));
            refusedThere.forEach(m -> timeline.add(entry(type, m, byId, "REFUSED", c.row().partner())));
        }
        return new CaseView(type.name(), c.caseId(), c.row().partner().value(), c.row().tlp().name(),
                state.map(type::stateName).orElse(null), state.map(s -> type.level(s).name()).orElse(null),
                actor(next, self), actor(other, self),
                deadline.map(d -> MessageStix.time(d.at())).orElse(null),
                deadline.map(d -> new CaseView.DeadlineView(d.rule(), type.policyName(), d.missed(), d.awaited().value(),
                        Durations.readable(d.every()), latestRecordedLate(type, c, byId, brief ? null : timeline))).orElse(null),
                state.flatMap(type::agreedTerms).map(CaseViews::terms).orElse(null),
                state.flatMap(type::proposal).map(CaseViews::terms).orElse(null),
                timeline,
                c.folded().applied().stream().map(view).toList(),
                refused,
                c.folded().waiting().stream().map(view).toList(),
                c.folded().conflicting().stream().map(view).toList(),
                type.details(c.caseId(), state));
    }

    /**
     * The late note of the case's latest message, as its timeline entry gives it, naming the message: for the lists
     * (the desk), which show a deadline but no timeline. One look-up (the receipt of that message), for a case with a
     * running deadline only; none when the view's {@code timeline} has the message's entry already.
     */
    private <M extends CaseMessage, S, R extends CaseRefusal> String latestRecordedLate(CaseType<M, S, R> type,
            CaseRecord<M, S, R> c, Map<String, WorkflowTable.StoredMessage> byId, List<CaseView.TimelineEntry> timeline) {
        List<M> applied = c.folded().applied();
        if (applied.isEmpty()) {
            return null;
        }
        M latest = applied.get(applied.size() - 1);
        String id = latest.id().value();
        String late = timeline == null ? entry(type, latest, byId, "APPLIED", c.row().partner()).recordedLate()
                : timeline.stream().filter(e -> e.id().equals(id)).findFirst().map(CaseView.TimelineEntry::recordedLate).orElse(null);
        return late == null ? null : latest.sender().value() + "'s latest message (" + type.messageType(latest) + ", stated "
                + MessageStix.time(latest.sentAt()) + ") was " + late;
    }

    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile("^\\$\\.([A-Za-z_][A-Za-z0-9_.\\[\\]]*):");
    private static final java.util.regex.Pattern RULE = java.util.regex.Pattern.compile("\\(rule: ([a-z][a-z0-9-]*)\\)");

    /**
     * A message of ours refused by the partner's inbox, as a refusal: the rule and the field where the
     * partner's reason names them ({@code $.field: ... (rule: name)}), else {@code refused-by-partner}.
     */
    private static <M extends CaseMessage> CaseView.RefusedView refusedByPartner(CaseType<M, ?, ?> type, M m, String reason,
            PartyCode partner) {
        java.util.regex.Matcher field = FIELD.matcher(reason);
        java.util.regex.Matcher rule = RULE.matcher(reason);
        return new CaseView.RefusedView(m.id().value(), type.messageType(m), m.sender().value(),
                rule.find() ? rule.group(1) : "refused-by-partner", field.find() ? field.group(1) : null,
                partner + "'s inbox refused it before any receipt, so it is in neither node's case: " + reason);
    }

    private static CaseView.Actor actor(NextActor actor, PartyCode self) {
        return new CaseView.Actor(actor.party() == null ? null : actor.party().value(),
                actor.party() == null ? null : actor.party().equals(self) ? "me" : "partner", actor.actions());
    }

    private static CaseView.TermsView terms(CaseType.Terms t) {
        return new CaseView.TermsView(t.ref().value(), t.terms());
    }

    private static <M extends CaseMessage> CaseView.MessageView message(CaseType<M, ?, ?> type, M m,
            Map<String, WorkflowTable.StoredMessage> byId) {
        WorkflowTable.StoredMessage stored = byId.get(m.id().value());
        return new CaseView.MessageView(m.id().value(), type.messageType(m), m.sender().value(), MessageStix.time(m.sentAt()),
                stored == null ? null : stored.direction(), stored == null ? null : stored.object());
    }

    private <M extends CaseMessage> CaseView.TimelineEntry entry(CaseType<M, ?, ?> type, M m,
            Map<String, WorkflowTable.StoredMessage> byId, String status, PartyCode partner) {
        WorkflowTable.StoredMessage stored = byId.get(m.id().value());
        String direction = stored == null ? null : stored.direction();
        Long index = null;
        Instant recorded = null;
        String receipt = "NONE";
        if (Workflow.SENT.equals(direction)) {
            Optional<Outbox.Message> queued = outbox.latest(partner, m.id().value());
            if (queued.isPresent()) {
                // the receiver's entry, from its receipt: the index the partner's own timeline shows for this message
                Receipt theirs = receiptIn(queued.get().receipt());
                index = theirs == null ? null : theirs.index();
                recorded = theirs == null ? null : theirs.recordedAt();
                receipt = queued.get().receipt() != null ? "DELIVERED_WITH_RECEIPT"
                        : queued.get().refusedReason() != null ? "REFUSED_BY_PARTNER"
                        : queued.get().delivered() ? "DELIVERED" : "QUEUED";
            }
        } else if (Workflow.RECEIVED.equals(direction)) {
            Optional<Receipt> signed = receiptOf(m, stored.object());
            if (signed.isPresent()) {
                index = signed.get().index();
                recorded = signed.get().recordedAt();
                receipt = "RECEIPT_SIGNED";
            }
        }
        String late = null;
        if (recorded != null && recorded.isAfter(m.sentAt().plus(LATE))) {
            String receiver = Workflow.SENT.equals(direction) ? partner.value() : workflow.self().value();
            late = "recorded by " + receiver + "'s ledger " + Durations.readable(Duration.between(m.sentAt(), recorded).truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS)) + " after the time it states: its delivery was held up (a node or the"
                    + " link down), the two nodes' clocks differ, or it was dated earlier than it was sent; the deadlines it starts"
                    + " run from the time it states";
        }
        return new CaseView.TimelineEntry(m.id().value(), type.messageType(m), m.sender().value(), MessageStix.time(m.sentAt()),
                direction, status, index, receipt, recorded == null ? null : MessageStix.time(recorded), late);
    }

    /**
     * How much later than the time a message states its receiver's ledger may record it before its timeline entry says so
     * ({@code recordedLate}): deliveries take seconds, and an officer reading a deadline needs to know when it started.
     */
    static final Duration LATE = Duration.ofMinutes(2);

    /** A partner's receipt for a message it received; null for no receipt, or one that cannot be read. */
    private static Receipt receiptIn(String receipt) {
        if (receipt == null) {
            return null;
        }
        try {
            return Receipt.parse(receipt);
        } catch (org.concord.ledger.ReceiptException.Malformed e) {
            return null;
        }
    }

    private Optional<Receipt> receiptOf(CaseMessage m, JsonNode object) {
        try {
            String modified = object.path("modified").asString(object.path("created").asString(""));
            return receipts.receipt(m.sender(), m.id().value(), Instant.parse(modified));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One page of the list across every type. */
    public record Page(List<CaseView> items, String next) {
    }

    /**
     * The cases of every type (or of {@code type}), filtered and sorted: {@code awaiting} me (this
     * node must act) or partner; {@code state} by name; {@code q} a text the case's JSON contains;
     * sorted by due date (soonest first, cases without a deadline last) or by opening (newest first).
     * Paged: {@code cursor} is the {@code next} of the page before.
     */
    public Page list(String awaiting, String type, String state, String q, String sort, String cursor, Integer limit) {
        if (awaiting != null && !awaiting.equals("me") && !awaiting.equals("partner")) {
            throw InvalidInput.notOneOf("awaiting", awaiting, List.of("me", "partner"));
        }
        List<String> names = types.all().stream().map(CaseType::name).toList();
        if (type != null && !names.contains(type)) {
            throw InvalidInput.notOneOf("type", type, List.copyOf(names));
        }
        if (state != null) {
            // a mistyped state would answer an empty list: "nothing awaits" when it is the question that was wrong
            List<String> states = types.all().stream().filter(t -> type == null || t.name().equals(type))
                    .flatMap(t -> t.stateNames().stream()).distinct().toList();
            if (states.stream().noneMatch(state::equalsIgnoreCase)) {
                throw InvalidInput.notOneOf("state", state, states);
            }
        }
        String order = sort == null ? "due" : sort;
        if (!order.equals("due") && !order.equals("opened")) {
            throw InvalidInput.notOneOf("sort", sort, List.of("due", "opened"));
        }
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidInput("limit", "range", size + " is not between 1 and " + MAX_LIMIT);
        }
        String needle = q == null || q.isBlank() ? null : q.toLowerCase(Locale.ROOT);
        if (needle == null) {
            return indexed(awaiting, type, state, order, cursor, size);
        }
        // a text search reads every case whole: the index holds no text
        List<CaseView> all = new ArrayList<>();
        for (CaseType<?, ?, ?> t : types.all()) {
            if (type == null || t.name().equals(type)) {
                all.addAll(all(t));
            }
        }
        List<CaseView> kept = all.stream()
                .filter(v -> awaiting == null || awaiting.equals(v.nextActor().side()))
                .filter(v -> state == null || state.equalsIgnoreCase(v.state()))
                .filter(v -> needle == null || MessageStix.JSON.writeValueAsString(v).toLowerCase(Locale.ROOT).contains(needle))
                .sorted(order.equals("due") ? BY_DUE : BY_OPENED)
                .toList();
        int from = 0;
        if (cursor != null) {
            String after = decode(cursor);
            from = -1;
            for (int i = 0; i < kept.size(); i++) {
                if (key(kept.get(i)).equals(after)) {
                    from = i + 1;
                    break;
                }
            }
            if (from < 0) {
                throw new InvalidInput("cursor", "known-cursor", "the cursor names no case of this list; start again without it");
            }
        }
        List<CaseView> page = kept.subList(Math.min(from, kept.size()), Math.min(from + size, kept.size()));
        String next = from + size < kept.size() ? encode(key(page.get(page.size() - 1))) : null;
        return new Page(page, next);
    }

    /**
     * A page of the list from the case index (V11_80) in SQL, and the views of that page's cases
     * only: the cost of a page does not grow with the number of cases held.
     */
    private Page indexed(String awaiting, String type, String state, String order, String cursor, int size) {
        return indexed(awaiting, type, state, order, cursor, size, false);
    }

    /**
     * The cases awaiting {@code awaiting} ({@code me} or {@code partner}), soonest deadline first, at
     * most {@code limit}, as brief views (no timeline): the desk's lists.
     */
    public Page awaiting(String awaiting, int limit) {
        return indexed(awaiting, null, null, "due", null, limit, true);
    }

    /** How many cases await {@code awaiting} ({@code me} or {@code partner}), from the case index. */
    public int count(String awaiting) {
        types.all().forEach(workflow::indexed);
        String self = workflow.self().value();
        return table.count("me".equals(awaiting) ? self : null, "partner".equals(awaiting) ? self : null);
    }

    private Page indexed(String awaiting, String type, String state, String order, String cursor, int size, boolean brief) {
        List<CaseType<?, ?, ?>> chosen = types.all().stream().filter(t -> type == null || t.name().equals(type)).toList();
        chosen.forEach(workflow::indexed);
        String self = workflow.self().value();
        boolean byDue = order.equals("due");
        WorkflowTable.Indexed after = cursor == null ? null : indexCursor(cursor, order);
        List<WorkflowTable.Indexed> rows = table.page(chosen.stream().map(CaseType::name).toList(),
                "me".equals(awaiting) ? self : null, "partner".equals(awaiting) ? self : null, state, byDue, after, size + 1);
        boolean more = rows.size() > size;
        List<WorkflowTable.Indexed> page = more ? rows.subList(0, size) : rows;
        List<CaseView> views = new ArrayList<>(page.size());
        if (brief) {
            // the page's cases and their messages in two queries, not two per case
            List<String> ids = page.stream().map(WorkflowTable.Indexed::caseId).toList();
            Map<String, WorkflowTable.CaseRow> held = table.findCases(ids);
            Map<String, List<WorkflowTable.StoredMessage>> messages = table.messages(ids);
            for (WorkflowTable.Indexed row : page) {
                WorkflowTable.CaseRow caseRow = held.get(row.caseId());
                if (caseRow != null) {
                    views.add(brief(types.byName(row.type()).orElseThrow(), caseRow,
                            messages.getOrDefault(row.caseId(), List.of())));
                }
            }
        } else {
            for (WorkflowTable.Indexed row : page) {
                views.add(view(types.byName(row.type()).orElseThrow(), row.caseId()));
            }
        }
        return new Page(views, more ? indexCursor(page.get(page.size() - 1), order) : null);
    }

    private <M extends CaseMessage, S, R extends CaseRefusal> CaseView brief(CaseType<M, S, R> type, WorkflowTable.CaseRow row,
            List<WorkflowTable.StoredMessage> messages) {
        return view(type, workflow.read(type, row, messages), true);
    }

    private static final String INDEX_CURSOR = "index";

    private static String indexCursor(WorkflowTable.Indexed row, String order) {
        return encode(String.join("\n", INDEX_CURSOR, order, row.type(), row.caseId(),
                row.dueAt() == null ? "-" : row.dueAt().toString(), row.openedAt().toString()));
    }

    private static WorkflowTable.Indexed indexCursor(String cursor, String order) {
        String[] parts = decode(cursor).split("\n", -1);
        if (parts.length != 6 || !parts[0].equals(INDEX_CURSOR) || !parts[1].equals(order)) {
            throw new InvalidInput("cursor", "known-cursor", "the cursor was not given by this list (sort " + order
                    + ", no text query); start again without it");
        }
        try {
            return new WorkflowTable.Indexed(parts[2], parts[3], null, null, parts[4].equals("-") ? null : java.time.Instant.parse(parts[4]),
                    false, java.time.Instant.parse(parts[5]));
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInput("cursor", "known-cursor", "the cursor was not given by this list; start again without it");
        }
    }

    private static final Comparator<CaseView> BY_DUE = Comparator
            .comparing((CaseView v) -> v.dueAt() == null ? "~" : v.dueAt())
            .thenComparing(CaseView::caseId);
    private static final Comparator<CaseView> BY_OPENED = Comparator
            .comparing((CaseView v) -> v.history().isEmpty() ? "" : v.history().get(0).sentAt()).reversed()
            .thenComparing(CaseView::caseId);

    private static String key(CaseView v) {
        return v.type() + "/" + v.caseId();
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("cursor", "known-cursor", "'" + cursor + "' is not a cursor this list gave");
        }
    }
}
