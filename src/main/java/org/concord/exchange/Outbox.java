package org.concord.exchange;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.Viewer;
import org.concord.party.NodeIdentity;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages waiting to go to a partner's {@code inbox}. {@link #enqueue} joins the caller's
 * transaction, so a message is queued exactly when the write that produced it commits; delivery
 * ({@code exchange.sync.OutboxDelivery}) starts right after that commit
 * ({@code concord.exchange.deliver-on-commit}, default on) and again on every scheduled run; it is
 * at least once, with backoff while the partner is unreachable. The receiver is idempotent on
 * (id, modified).
 *
 * <p><b>Order.</b> Higher {@link DeliveryPriority} goes first (FLASH before ROUTINE), so there is
 * deliberately no global order. Within a case (a workflow message's case, otherwise the object's
 * own id) order is kept: enqueue locks the case's row in {@code exchange_outbox_case} until the
 * caller's transaction ends, so a later message of the case takes its {@code seq} only after the
 * earlier one committed, and delivery never sends a message before an earlier undelivered message
 * of its case (the earlier one inherits the later one's priority instead).
 *
 * <p><b>The one gate for references.</b> Every reference in a message (any identifier anywhere in
 * it, at any depth: {@code *_ref}, {@code *_refs}, a request's targets and evidence, even in text)
 * to an object this node holds in its {@code intel} collection must point at an object the partner
 * may see; otherwise {@link #enqueue} throws {@link UnshareableReference} naming the reference, and
 * the caller's transaction rolls back. Exempt: the message's own id, this node's and the partner's
 * identity (exchanged at pairing), and an escalation's {@code history} (the case's earlier
 * messages, each checked when it was sent or received from the partner itself). Ids this node does
 * not hold as intel (e.g. earlier workflow messages) reveal nothing and pass.
 */
@Service
public class Outbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The property that names a workflow message's case, in each workflow module's messages. */
    static final List<String> CASE_PROPERTIES = List.of("case_ref", "call_ref", "incident_ref", "commitment_ref");
    /** Every STIX identifier in a value: the one pattern rule 5 reads ids in text with. */
    private static final Pattern STIX_ID = org.concord.intel.stix.SharingPolicy.ID_IN_TEXT;

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Clock clock;
    private final org.concord.exchange.sync.DeliveryTrigger trigger;
    private final boolean deliverOnCommit;
    private final IntelStore intel;
    private final NodeIdentity identity;
    private final org.springframework.jdbc.core.JdbcTemplate batches;

    private final org.concord.exchange.sync.PartnerLinks links;

    Outbox(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batches, Partners partners, Clock clock, org.concord.exchange.sync.DeliveryTrigger trigger,
            @org.springframework.beans.factory.annotation.Value("${concord.exchange.deliver-on-commit:true}") boolean deliverOnCommit,
            IntelStore intel, NodeIdentity identity, org.concord.exchange.sync.PartnerLinks links) {
        this.jdbc = jdbc;
        this.links = links;
        this.batches = batches;
        this.partners = partners;
        this.clock = clock;
        this.trigger = trigger;
        this.deliverOnCommit = deliverOnCommit;
        this.intel = intel;
        this.identity = identity;
    }

    /**
     * One queued message and how its delivery stands.
     *
     * @param receipt the partner's signed receipt (JSON, verified against its pinned key), once delivered; in
     *     answers the receipt itself, a JSON object, not a string holding it
     * @param priority how urgently it must go
     * @param poisoned set aside: it can never be delivered (too large for the partner, or refused whole); an alarm
     * @param poisonReason why it was set aside
     */
    public record Message(long seq, PartyCode partner, String objectId, String version, int attempts, boolean delivered,
            String refusedReason, String lastError, Long ledgerIndex,
            @com.fasterxml.jackson.annotation.JsonRawValue
            @io.swagger.v3.oas.annotations.media.Schema(type = "object", description = "the partner's signed receipt, once delivered")
            String receipt, DeliveryPriority priority, boolean poisoned,
            String poisonReason, java.time.Instant enqueuedAt) {
    }

    private static final String COLUMNS = "seq, partner, object_id, version, attempts, delivered_at, refused_reason, last_error, ledger_index,"
            + " receipt, priority, poisoned_at, poison_reason, enqueued_at";

    private static Message message(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Message(rs.getLong(1), PartyCode.of(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getTimestamp(6) != null, rs.getString(7), rs.getString(8), rs.getObject(9, Long.class), rs.getString(10),
                DeliveryPriority.ofRank(rs.getInt(11)), rs.getTimestamp(12) != null, rs.getString(13), rs.getTimestamp(14).toInstant());
    }

    /** Queues a STIX object for delivery to {@code partner}'s inbox, ROUTINE; returns its position in the outbox. */
    public long enqueue(PartyCode partner, JsonNode object) {
        return enqueue(partner, object, DeliveryPriority.ROUTINE);
    }

    /**
     * Queues a STIX object for delivery to {@code partner}'s inbox with {@code priority}; returns its
     * position in the outbox.
     *
     * @throws UnshareableReference when the object refers to an object {@code partner} may not see
     */
    public long enqueue(PartyCode partner, JsonNode object, DeliveryPriority priority) {
        Partner paired = partners.byCode(partner)
                .orElseThrow(() -> new org.concord.node.NotFound("no partner " + partner + " is paired with this node"));
        checkReferences(paired, object);
        String version = object.path("modified").asString(object.path("created").asString(null));
        String json = JSON.writeValueAsString(object);
        String caseKey = caseKey(object);
        lockCase(partner, caseKey);
        var now = Timestamp.from(clock.instant());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into exchange_outbox (partner, object_id, version, object, enqueued_at, attempts, next_attempt_at,
                                             priority, case_key, size_bytes)
                values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""")
                .params(partner.value(), object.path("id").asString(), version, json, now, now, priority.rank(), caseKey,
                        (long) json.getBytes(StandardCharsets.UTF_8).length)
                .update(key, "seq");
        long seq = ((Number) key.getKeyList().get(0).values().iterator().next()).longValue();
        if (deliverOnCommit) {
            org.concord.node.AfterCommit.run(() -> trigger.request(partner));
        }
        return seq;
    }

    /**
     * The gate of {@link #enqueue} alone, for a caller that checks a list of messages before it queues any (each
     * refusal naming its place in the list); {@link #enqueue} and {@link #enqueueAll} check again.
     *
     * @throws UnshareableReference when the object refers to an object {@code partner} may not see
     */
    public void checkShareable(PartyCode partner, JsonNode object) {
        Partner paired = partners.byCode(partner)
                .orElseThrow(() -> new org.concord.node.NotFound("no partner " + partner + " is paired with this node"));
        checkReferences(paired, object);
    }

    /** One message for {@link #enqueueAll}: the partner it goes to, the STIX object, how urgently. */
    public record Queued(PartyCode partner, JsonNode object, DeliveryPriority priority) {
    }

    /**
     * Queues several messages as {@link #enqueue} queues each, in the order given, in a few statements for the lot:
     * every reference checked as {@link #enqueue} checks it (the first that fails throws, and the caller's transaction
     * rolls back), each case's row lock taken (an update for the cases with a row, one insert for the new ones), the
     * rows inserted as one JDBC batch, their {@code seq} in the order given.
     *
     * @throws UnshareableReference when an object refers to an object its partner may not see
     */
    public void enqueueAll(List<Queued> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(messages.size());
        // each (partner, case) with how many of these messages it has, in the order first met
        Map<List<String>, Integer> cases = new LinkedHashMap<>();
        var now = Timestamp.from(clock.instant());
        for (Queued m : messages) {
            Partner paired = partners.byCode(m.partner())
                    .orElseThrow(() -> new org.concord.node.NotFound("no partner " + m.partner() + " is paired with this node"));
            checkReferences(paired, m.object());
            String version = m.object().path("modified").asString(m.object().path("created").asString(null));
            String json = JSON.writeValueAsString(m.object());
            String caseKey = caseKey(m.object());
            cases.merge(List.of(m.partner().value(), caseKey), 1, Integer::sum);
            rows.add(new Object[] {m.partner().value(), m.object().path("id").asString(), version, json, now, now, m.priority().rank(),
                    caseKey, (long) json.getBytes(StandardCharsets.UTF_8).length});
        }
        lockCases(cases);
        batches().batchUpdate("""
                insert into exchange_outbox (partner, object_id, version, object, enqueued_at, attempts, next_attempt_at,
                                             priority, case_key, size_bytes)
                values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""", rows);
        if (deliverOnCommit) {
            java.util.Set<PartyCode> to = new java.util.LinkedHashSet<>();
            messages.forEach(m -> to.add(m.partner()));
            org.concord.node.AfterCommit.run(() -> to.forEach(trigger::request));
        }
    }

    /**
     * {@link #lockCase} for several cases at once: the rows that exist updated in one JDBC batch (each update's count
     * says whether it was there), the others inserted in one statement. A concurrent first message of one of those
     * cases, in another transaction, makes the insert wait and then skip its row: the count tells, and the rows are
     * then locked one by one as {@link #lockCase} does.
     */
    private void lockCases(Map<List<String>, Integer> cases) {
        List<Map.Entry<List<String>, Integer>> all = new ArrayList<>(cases.entrySet());
        int[] updated = batches().batchUpdate("update exchange_outbox_case set messages = messages + ? where partner = ? and case_key = ?",
                all.stream().map(e -> new Object[] {e.getValue(), e.getKey().get(0), e.getKey().get(1)}).toList());
        List<Map.Entry<List<String>, Integer>> fresh = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (updated[i] == 0) {
                fresh.add(all.get(i));
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(fresh.size() * 3);
        StringBuilder values = new StringBuilder();
        for (Map.Entry<List<String>, Integer> e : fresh) {
            values.append(values.isEmpty() ? "(?, ?, ?)" : ", (?, ?, ?)");
            params.add(e.getKey().get(0));
            params.add(e.getKey().get(1));
            params.add(e.getValue());
        }
        int inserted = jdbc.sql("insert into exchange_outbox_case (partner, case_key, messages) values " + values + " on conflict do nothing")
                .params(params).update();
        if (inserted != fresh.size()) {
            // some case's row was added meanwhile by another transaction (now committed): which ones is not told, so
            // each is made sure of as a single message would; a case counted twice only takes its lock twice
            for (Map.Entry<List<String>, Integer> e : fresh) {
                jdbc.sql("update exchange_outbox_case set messages = messages + 1 where partner = ? and case_key = ?")
                        .params(e.getKey().get(0), e.getKey().get(1)).update();
            }
        }
    }

    private org.springframework.jdbc.core.JdbcTemplate batches() {
        return batches;
    }

    /** The case a message belongs to, for ordering: a workflow message's case, otherwise its own id. */
    static String caseKey(JsonNode object) {
        for (String property : CASE_PROPERTIES) {
            String value = object.path(property).asString(null);
            if (value != null && !value.isBlank()) {
                return abbreviate(value);
            }
        }
        return abbreviate(object.path("id").asString(""));
    }

    private static String abbreviate(String key) {
        return key.length() <= 200 ? key : key.substring(0, 200);
    }

    /**
     * Takes the case's row lock until the caller's transaction ends (update, or insert the row for a
     * new case; H2 runs in PostgreSQL mode and knows {@code on conflict do nothing}). A second message
     * of the case, in another transaction, waits here until the first is committed or rolled back, so
     * its {@code seq} is larger than that of every committed earlier one.
     */
    private void lockCase(PartyCode partner, String caseKey) {
        // A concurrent first message of the same case waits here for the other's insert to commit. The
        // row this transaction inserted is its own until it ends: the first message of a case (a new
        // hotline call, every time) needs no update to hold it, one statement instead of two.
        if (jdbc.sql("insert into exchange_outbox_case (partner, case_key, messages) values (?, ?, 1) on conflict do nothing")
                .params(partner.value(), caseKey).update() == 1) {
            return;
        }
        jdbc.sql("update exchange_outbox_case set messages = messages + 1 where partner = ? and case_key = ?")
                .params(partner.value(), caseKey).update();
    }

    /**
     * Whether {@code object}, queued earlier, may still go to {@code partner}: every object it refers
     * to still readable by the partner under the sharing settings in force (an ADMIN may have changed
     * them since it was queued). The same check as {@link #enqueue}'s.
     */
    public java.util.Optional<UnshareableReference> unshareableNow(PartyCode partner, JsonNode object) {
        Partner paired = partners.byCode(partner).orElse(null);
        if (paired == null) {
            return java.util.Optional.empty();
        }
        try {
            checkReferences(paired, object);
            return java.util.Optional.empty();
        } catch (UnshareableReference e) {
            return java.util.Optional.of(e);
        }
    }

    /**
     * The id of each partner's identity object, by the object's JSON as pairing holds it: read once, not once per
     * message checked (it was most of the gate's time for a hotline call). A partner's identity changes only when it
     * pairs again, so this holds a handful of entries.
     */
    private final Map<String, String> identityIds = new java.util.concurrent.ConcurrentHashMap<>();

    /** Refuses the message if any identifier in it names an intel object {@code partner} may not see. */
    private void checkReferences(Partner partner, JsonNode object) {
        Map<String, String> references = new LinkedHashMap<>();
        collect(object, "", references, true);
        references.remove(object.path("id").asString(""));
        references.remove(identity.stixIdentityId());
        if (partner.identity() != null) {
            references.remove(identityIds.computeIfAbsent(partner.identity(), json -> JSON.readTree(json).path("id").asString("")));
        }
        Viewer viewer = Viewer.partner(partner.code());
        for (Map.Entry<String, String> reference : references.entrySet()) {
            String id = reference.getKey();
            if (org.concord.intel.stix.Tlp.isStandardMarkingDefinition(id)) {
                // Public by the sharing policy's first rule, and named by nearly every message: no lookup.
                continue;
            }
            if (!intel.visible(Collection.INTEL, id, viewer) && intel.visible(Collection.INTEL, id, Viewer.local())) {
                throw new UnshareableReference(reference.getValue(), id, partner.code().value());
            }
        }
    }

    /** Every identifier in {@code node}, with the path where it first occurs. */
    private static void collect(JsonNode node, String path, Map<String, String> found, boolean top) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (top && property.getKey().equals("history")) {
                    continue;
                }
                collect(property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), found, false);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", found, false);
            }
        } else if (node.isString()) {
            Matcher matcher = STIX_ID.matcher(node.asString());
            while (matcher.find()) {
                found.putIfAbsent(matcher.group().toLowerCase(java.util.Locale.ROOT), path);
            }
        }
    }

    public Optional<Message> message(long seq) {
        return jdbc.sql("select " + COLUMNS + " from exchange_outbox where seq = ?").param(seq).query(Outbox::message).optional();
    }

    /** Messages not yet delivered to {@code partner} and not set aside as poison, oldest first. */
    public List<Message> pending(PartyCode partner) {
        return jdbc.sql("select " + COLUMNS + " from exchange_outbox where partner = ? and delivered_at is null and poisoned_at is null order by seq")
                .param(partner.value()).query(Outbox::message).list();
    }

    /** The messages to a partner queued before a moment and not delivered: how many, and the oldest of them. */
    public record Late(int count, Message oldest) {
    }

    /**
     * How many messages to {@code partner} wait undelivered (not poisoned) since before {@code before},
     * and the oldest: two indexed queries, whatever the size of the queue (the desk asks on every render).
     */
    public Optional<Late> late(PartyCode partner, java.time.Instant before) {
        int count = jdbc.sql("select count(*) from exchange_outbox where partner = ? and delivered_at is null and poisoned_at is null"
                + " and enqueued_at < ?").params(partner.value(), java.sql.Timestamp.from(before)).query(Integer.class).single();
        if (count == 0) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from exchange_outbox where partner = ? and delivered_at is null and poisoned_at is null"
                + " order by seq limit 1").param(partner.value()).query(Outbox::message).optional().map(m -> new Late(count, m));
    }

    /** How the delivery of object {@code objectId} to {@code partner} stands: its latest queued version; empty if never queued. */
    public Optional<Message> latest(PartyCode partner, String objectId) {
        return jdbc.sql("select " + COLUMNS + " from exchange_outbox where partner = ? and object_id = ? order by seq desc limit 1")
                .params(partner.value(), objectId).query(Outbox::message).optional();
    }

    /** The newest messages to {@code partner}, delivered or not, newest first. */
    public List<Message> recent(PartyCode partner, int limit) {
        return jdbc.sql("select " + COLUMNS + " from exchange_outbox where partner = ? order by seq desc limit ?")
                .params(partner.value(), limit).query(Outbox::message).list();
    }

    /**
     * How this node's contact with {@code partner} stands (kept by delivery and the partner probe in
     * {@code exchange_partner_link}).
     *
     * @param reachable whether the partner's node answered the last contact; null: no contact yet
     * @param lastContactAt the last contact that succeeded; null: never
     * @param lastCheckedAt the last contact, successful or not
     * @param lastError why the last contact or delivery failed, if it did
     * @param failures deliveries failed in a row
     * @param clock how far the partner's clock stood from this node's when last read (null: not read yet)
     */
    public record Contact(PartyCode partner, Boolean reachable, java.time.Instant lastContactAt, java.time.Instant lastCheckedAt,
            String lastError, int failures, PartnerClock clock) {
    }

    /** How this node's contact with {@code partner} stands: {@link org.concord.exchange.sync.PartnerLinks#link}'s row, the one read of it. */
    public Contact contact(PartyCode partner) {
        org.concord.exchange.sync.PartnerLinks.Link link = links.link(partner);
        return new Contact(partner, link.reachable(), link.lastContactAt(), link.lastCheckedAt(), link.lastError(), link.failures(),
                link.clock());
    }

    /**
     * A person has seen the alarm of poisoned message {@code seq} (and dealt with it outside, e.g.
     * sent its content again in smaller parts): it no longer counts as an alarm. Returns false if
     * there is no such poisoned message or it was acknowledged already.
     */
    public boolean acknowledgePoison(long seq, String actor) {
        int updated = jdbc.sql("""
                update exchange_outbox set poison_acknowledged_at = ?, poison_acknowledged_by = ?
                where seq = ? and poisoned_at is not null and poison_acknowledged_at is null""")
                .params(Timestamp.from(clock.instant()), actor, seq).update();
        return updated > 0;
    }

    /**
     * The alarms: messages set aside as poison and not yet acknowledged (to every partner, or to
     * {@code partner} if not null), newest first. Each waits for a person: the partner can never take
     * it as it is.
     */
    public List<Message> poisoned(PartyCode partner) {
        List<Object> params = new ArrayList<>();
        String where = "poisoned_at is not null and poison_acknowledged_at is null";
        if (partner != null) {
            where += " and partner = ?";
            params.add(partner.value());
        }
        return jdbc.sql("select " + COLUMNS + " from exchange_outbox where " + where + " order by poisoned_at desc, seq desc")
                .params(params).query(Outbox::message).list();
    }
}
