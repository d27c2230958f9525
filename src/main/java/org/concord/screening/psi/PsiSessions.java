package org.concord.screening.psi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.concord.ledger.Direction;
import org.concord.ledger.Ledger;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.Caller;
import org.concord.party.PartnerConnections;
import org.concord.party.PartyCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Private set intersection sessions with a partner node (docs/screening.md, "Private set
 * intersection"). The requester (A) asks, the responder's person (B) accepts, then, within B's
 * acceptance:
 *
 * <ol>
 * <li>B sends {@code POST /psi/sessions/{id}/blinded}: its keys hashed to P-256 and blinded with
 * its fresh key {@code b}, shuffled ({@code H(y)^b});</li>
 * <li>A answers with its own keys blinded with its fresh key {@code a}, shuffled ({@code H(x)^a}),
 * and B's values re-blinded, in the order received ({@code H(y)^ba}); A forgets {@code a};</li>
 * <li>B re-blinds A's values ({@code H(x)^ab}), learns which of its own keys match (its
 * {@code H(y)^ba} among them), forgets {@code b} and sends {@code POST /psi/sessions/{id}/reblinded}
 * with {@code H(x)^ab} in A's order, from which A learns which of its own keys match.</li>
 * </ol>
 *
 * Each node keeps only its own entries that matched, the set sizes and who requested and accepted.
 */
@Service
public class PsiSessions {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom SHUFFLE = new SecureRandom();
    /** How many of a partner's blinded values per session are kept to recognise a reused key (the smallest hashes). */
    static final int SEEN_SAMPLE = 16;

    /** One of this node's entries that matched. */
    public record MatchView(String reference, String name, List<String> keys) {
    }

    /** A session as this node sees it. */
    public record SessionView(String id, String partner, String role, String state, String list, Integer ownSetSize,
            Integer partnerSetSize, Integer matchedEntries, String requestedBy, String acceptedBy, Instant requestedAt,
            Instant acceptedAt, Instant completedAt, String failure, List<MatchView> matches) {
    }

    /** The keys of a list, and the entries each key stands for. */
    record ListKeys(Map<String, Set<String>> entriesByKey, Map<String, String> names) {
    }

    /** The requester's state between the two partner messages: its keys in the order sent, the partner's doubly blinded values. */
    private record Pending(String list, List<String> sentKeys, ListKeys keys, Set<String> partnerDoubly) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final PartnerConnections connections;
    private final Ledger ledger;
    private final int maxSetSize;
    private final int maxSessionsPerDay;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    PsiSessions(JdbcClient jdbc, TransactionTemplate transaction, Clock clock, PartnerConnections connections, Ledger ledger,
            @Value("${concord.screening.psi.max-set-size:20000}") int maxSetSize,
            @Value("${concord.screening.psi.max-sessions-per-day:10}") int maxSessionsPerDay) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.connections = connections;
        this.ledger = ledger;
        this.maxSetSize = maxSetSize;
        this.maxSessionsPerDay = maxSessionsPerDay;
    }

    // ---- the people's side -------------------------------------------------------------------

    /**
     * Asks {@code partner} for a session over this node's watchlist {@code list}.
     *
     * @throws InvalidInput for an unknown or empty list, or one with more keys than the policy allows ({@code max-set-size})
     * @throws Conflict if the day's sessions with the partner are used up ({@code max-sessions-per-day}) or the partner refuses
     * @throws NotFound if no such partner is paired
     */
    public SessionView request(Caller.User user, String partnerText, String list) {
        if (partnerText == null || partnerText.isBlank()) {
            throw new InvalidInput("partner", "required", "name the partner (its party code) to match with");
        }
        PartyCode partner;
        try {
            partner = PartyCode.of(partnerText);
        } catch (RuntimeException e) {
            throw new InvalidInput("partner", "party-code", e.getMessage());
        }
        var connection = connections.to(partner);
        ListKeys keys = keysOf(list);
        withinDailyLimit(partner);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.sql("insert into screening_psi_session (id, partner, our_role, state, list_source, own_set_size, requested_by, requested_at)"
                + " values (?, ?, 'REQUESTER', 'REQUESTED', ?, ?, ?, ?)")
                .params(id, partner.value(), list, keys.entriesByKey().size(), user.auditName(), Timestamp.from(now)).update();
        ObjectNode invitation = JSON.createObjectNode();
        invitation.put("id", id);
        try {
            post(connection, "/psi/sessions", invitation.toString());
        } catch (RuntimeException e) {
            fail(id, e.getMessage());
            throw e;
        } catch (IOException e) {
            fail(id, e.getMessage());
            throw new Conflict("partner", "unreachable", partner + " could not be reached: " + e.getMessage());
        }
        record("x-concord-psi-request", id, Direction.SENT, partner, now, Map.of("own_set_size", keys.entriesByKey().size()));
        return view(id);
    }

    /**
     * Accepts a session the partner requested, with this node's watchlist {@code list}, and runs
     * the exchange to its end.
     */
    public SessionView accept(Caller.User user, String id, String list) {
        Row row = row(id);
        if (!"RESPONDER".equals(row.role())) {
            throw new Conflict("id", "not-invited", "this node requested session " + id + "; the partner accepts it");
        }
        if (!"REQUESTED".equals(row.state())) {
            throw new Conflict("id", "already-accepted", "session " + id + " is " + row.state() + ", not waiting for acceptance");
        }
        ListKeys keys = keysOf(list);
        PartyCode partner = PartyCode.of(row.partner());
        var connection = connections.to(partner);
        Instant now = clock.instant();
        int moved = jdbc.sql("update screening_psi_session set state = 'EXCHANGING', list_source = ?, own_set_size = ?, accepted_by = ?,"
                + " accepted_at = ? where id = ? and state = 'REQUESTED'")
                .params(list, keys.entriesByKey().size(), user.auditName(), Timestamp.from(now), id).update();
        if (moved != 1) {
            throw new Conflict("id", "already-accepted", "session " + id + " was accepted meanwhile");
        }
        record("x-concord-psi-acceptance", id, Direction.SENT, partner, now, Map.of("own_set_size", keys.entriesByKey().size()));
        try {
            Blinding.Key key = Blinding.freshKey();
            List<String> order = shuffled(keys.entriesByKey().keySet());
            ObjectNode first = JSON.createObjectNode();
            ArrayNode blinded = first.putArray("blinded");
            key.blindKeys(order).forEach(blinded::add);
            JsonNode answer = JSON.readTree(post(connection, "/psi/sessions/" + id + "/blinded", first.toString()));
            List<String> theirs = strings(answer, "blinded");
            List<String> ours = strings(answer, "reblinded");
            if (ours.size() != order.size()) {
                throw new IllegalStateException("the partner returned " + ours.size() + " re-blinded values for the " + order.size() + " sent");
            }
            if (theirs.size() > maxSetSize) {
                throw new IllegalStateException("the partner sent " + theirs.size() + " values, more than max-set-size " + maxSetSize);
            }
            refuseReusedKey(partner, id, theirs);
            List<String> theirsDoubly = key.reblind(theirs);
            Set<String> theirSet = new HashSet<>(theirsDoubly);
            Set<String> matched = new HashSet<>();
            for (int i = 0; i < order.size(); i++) {
                if (theirSet.contains(ours.get(i))) {
                    matched.add(order.get(i));
                }
            }
            ObjectNode second = JSON.createObjectNode();
            ArrayNode reblinded = second.putArray("reblinded");
            theirsDoubly.forEach(reblinded::add);
            post(connection, "/psi/sessions/" + id + "/reblinded", second.toString());
            complete(id, keys, matched, theirs.size(), partner, Direction.SENT);
        } catch (RuntimeException | IOException e) {
            fail(id, e.getMessage());
            if (e instanceof RuntimeException r && (r instanceof Conflict || r instanceof InvalidInput)) {
                throw r;
            }
            throw new Conflict("partner", "exchange-failed", "the exchange with " + partner + " failed: " + e.getMessage());
        }
        return view(id);
    }

    /** A session, with this node's own entries that matched. */
    public SessionView view(String id) {
        Row row = row(id);
        List<MatchView> matches = jdbc.sql("select reference, name, keys_matched from screening_psi_match where session_id = ? order by reference")
                .param(id).query((rs, n) -> new MatchView(rs.getString(1), rs.getString(2), List.of(rs.getString(3).split(","))))
                .list();
        return new SessionView(row.id(), row.partner(), row.role(), row.state(), row.list(), row.ownSetSize(), row.partnerSetSize(),
                row.matchedEntries(), row.requestedBy(), row.acceptedBy(), row.requestedAt(), row.acceptedAt(), row.completedAt(),
                row.failure(), matches);
    }

    // ---- the partner's side ------------------------------------------------------------------

    /** The partner asks for a session: recorded, waiting for a person here to accept it. */
    String invited(Caller.PartnerNode caller, String body) {
        JsonNode request = parse(body);
        InvalidInput.onlyProperties("", request, List.of("id"));
        String id = sessionId(request.path("id").isString() ? request.path("id").asString() : null);
        PartyCode partner = caller.partner().code();
        if (jdbc.sql("select count(*) from screening_psi_session where id = ?").param(id).query(Long.class).single() > 0) {
            throw new Conflict("id", "reused-session", "session id " + id + " has been used before; a session id is never reused");
        }
        withinDailyLimit(partner);
        Instant now = clock.instant();
        jdbc.sql("insert into screening_psi_session (id, partner, our_role, state, requested_by, requested_at)"
                + " values (?, ?, 'RESPONDER', 'REQUESTED', ?, ?)").params(id, partner.value(), caller.auditName(), Timestamp.from(now)).update();
        record("x-concord-psi-request", id, Direction.RECEIVED, partner, now, Map.of());
        return JSON.createObjectNode().put("id", id).put("state", "REQUESTED").toString();
    }

    /** Step 2 at the requester: the responder's blinded keys in; this node's blinded keys and theirs re-blinded out. */
    String blinded(Caller.PartnerNode caller, String idText, String body) {
        String id = sessionId(idText);
        Row row = partnersRow(caller, id);
        JsonNode request = parse(body);
        InvalidInput.onlyProperties("", request, List.of("blinded"));
        List<String> theirs = strings(request, "blinded");
        if (theirs.size() > maxSetSize) {
            throw new InvalidInput("blinded", "max-set-size", theirs.size() + " values; the most a session may send is " + maxSetSize
                    + " (concord.screening.psi.max-set-size)");
        }
        if (!"REQUESTER".equals(row.role()) || !"REQUESTED".equals(row.state())) {
            throw new Conflict("id", "replayed", "session " + id + " is " + row.state() + "; its blinded set was exchanged already");
        }
        PartyCode partner = caller.partner().code();
        ListKeys keys = keysOf(row.list());
        Blinding.Key key = Blinding.freshKey();
        List<String> theirsDoubly;
        try {
            theirsDoubly = key.reblind(theirs);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("blinded" + e.getMessage().substring(0, e.getMessage().indexOf(':')), "point",
                    e.getMessage().substring(e.getMessage().indexOf(':') + 2));
        }
        List<String> order = shuffled(keys.entriesByKey().keySet());
        List<String> ours = key.blindKeys(order);
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            refuseReusedKey(partner, id, theirs);
            int moved = jdbc.sql("update screening_psi_session set state = 'EXCHANGING', own_set_size = ?, partner_set_size = ?,"
                    + " accepted_by = ?, accepted_at = ? where id = ? and state = 'REQUESTED'")
                    .params(order.size(), theirs.size(), caller.auditName(), Timestamp.from(now), id).update();
            if (moved != 1) {
                throw new Conflict("id", "replayed", "session " + id + " has exchanged its blinded set already");
            }
        });
        pending.put(id, new Pending(row.list(), order, keys, new HashSet<>(theirsDoubly)));
        record("x-concord-psi-acceptance", id, Direction.RECEIVED, partner, now, Map.of("partner_set_size", theirs.size()));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode blinded = answer.putArray("blinded");
        ours.forEach(blinded::add);
        ArrayNode reblinded = answer.putArray("reblinded");
        theirsDoubly.forEach(reblinded::add);
        return answer.toString();
    }

    /** Step 3 at the requester: its own keys doubly blinded, in the order sent; the matches are its own keys among the partner's. */
    String reblinded(Caller.PartnerNode caller, String idText, String body) {
        String id = sessionId(idText);
        Row row = partnersRow(caller, id);
        JsonNode request = parse(body);
        InvalidInput.onlyProperties("", request, List.of("reblinded"));
        List<String> doubly = strings(request, "reblinded");
        Pending state = "EXCHANGING".equals(row.state()) ? pending.remove(id) : null;
        if (state == null) {
            throw new Conflict("id", "replayed", "session " + id + " is not waiting for its re-blinded set (" + row.state() + ")");
        }
        if (doubly.size() != state.sentKeys().size()) {
            fail(id, "the partner returned " + doubly.size() + " re-blinded values for the " + state.sentKeys().size() + " sent");
            throw new InvalidInput("reblinded", "same-size", doubly.size() + " values for the " + state.sentKeys().size() + " sent");
        }
        Set<String> matched = new HashSet<>();
        for (int i = 0; i < doubly.size(); i++) {
            if (state.partnerDoubly().contains(doubly.get(i))) {
                matched.add(state.sentKeys().get(i));
            }
        }
        complete(id, state.keys(), matched, state.partnerDoubly().size(), caller.partner().code(), Direction.RECEIVED);
        return JSON.createObjectNode().put("id", id).put("state", "COMPLETED").toString();
    }

    // ---- parts -------------------------------------------------------------------------------

    private record Row(String id, String partner, String role, String state, String list, Integer ownSetSize, Integer partnerSetSize,
            Integer matchedEntries, String requestedBy, String acceptedBy, Instant requestedAt, Instant acceptedAt,
            Instant completedAt, String failure) {
    }

    private Row row(String id) {
        sessionId(id);
        return jdbc.sql("select * from screening_psi_session where id = ?").param(id).query((rs, n) -> new Row(rs.getString("id"),
                rs.getString("partner"), rs.getString("our_role"), rs.getString("state"), rs.getString("list_source"),
                (Integer) rs.getObject("own_set_size", Integer.class), (Integer) rs.getObject("partner_set_size", Integer.class),
                (Integer) rs.getObject("matched_entries", Integer.class), rs.getString("requested_by"), rs.getString("accepted_by"),
                instant(rs.getTimestamp("requested_at")), instant(rs.getTimestamp("accepted_at")), instant(rs.getTimestamp("completed_at")),
                rs.getString("failure"))).optional().orElseThrow(() -> NotFound.of("id", "no PSI session " + id));
    }

    /** The session, if it is one with this partner; else not found (a partner learns nothing of other partners' sessions). */
    private Row partnersRow(Caller.PartnerNode caller, String id) {
        Row row = row(id);
        if (!row.partner().equals(caller.partner().code().value())) {
            throw NotFound.of("id", "no PSI session " + id);
        }
        return row;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String sessionId(String id) {
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            throw new InvalidInput("id", "uuid", "a session id is a lower-case UUID, not '" + id + "'");
        }
        return id;
    }

    private void withinDailyLimit(PartyCode partner) {
        Instant since = clock.instant().minus(Duration.ofDays(1));
        long today = jdbc.sql("select count(*) from screening_psi_session where partner = ? and requested_at > ?")
                .params(partner.value(), Timestamp.from(since)).query(Long.class).single();
        if (today >= maxSessionsPerDay) {
            throw new Conflict("partner", "max-sessions-per-day", today + " sessions with " + partner
                    + " in the last 24 hours; the policy allows " + maxSessionsPerDay + " (concord.screening.psi.max-sessions-per-day)");
        }
    }

    /** The keys of this node's listed entries in {@code list}, within the policy's size. */
    ListKeys keysOf(String list) {
        if (list == null || list.isBlank()) {
            throw new InvalidInput("list", "required", "name the watchlist (its source, e.g. un-sc) to match");
        }
        Map<String, Set<String>> byKey = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        jdbc.sql("select n.reference, n.name from screening_name n join screening_entry e on e.source = n.source and e.reference = n.reference"
                + " where n.source = ? and e.listed = true order by n.reference, n.position").param(list).query(rs -> {
                    String reference = rs.getString(1);
                    String name = rs.getString(2);
                    names.putIfAbsent(reference, name);
                    for (String key : PsiKeys.of(name).keySet()) {
                        byKey.computeIfAbsent(key, k -> new TreeSet<>()).add(reference);
                    }
                });
        if (names.isEmpty()) {
            throw new InvalidInput("list", "unknown-list", "this node has no listed entries in a watchlist '" + list + "'");
        }
        if (byKey.size() > maxSetSize) {
            throw new InvalidInput("list", "max-set-size", "watchlist '" + list + "' gives " + byKey.size()
                    + " keys; the most a session may send is " + maxSetSize + " (concord.screening.psi.max-set-size)");
        }
        return new ListKeys(byKey, names);
    }

    private static List<String> shuffled(Set<String> keys) {
        List<String> order = new ArrayList<>(keys);
        Collections.shuffle(order, SHUFFLE);
        return order;
    }

    /**
     * Keeps the {@value #SEEN_SAMPLE} smallest SHA-256 hashes of the partner's singly-blinded values
     * and refuses the set if any was seen in an earlier session: the same keys blinded with the same
     * secret give the same values, so a partner that reuses its key (or replays a set) is caught.
     */
    private void refuseReusedKey(PartyCode partner, String id, List<String> values) {
        TreeSet<String> hashes = new TreeSet<>();
        for (String value : values) {
            hashes.add(HexFormat.of().formatHex(Blinding.sha256(value.getBytes(StandardCharsets.US_ASCII))));
            if (hashes.size() > SEEN_SAMPLE) {
                hashes.pollLast();
            }
        }
        for (String hash : hashes) {
            if (jdbc.sql("select count(*) from screening_psi_seen where partner = ? and value_hash = ?").params(partner.value(), hash)
                    .query(Long.class).single() > 0) {
                throw new Conflict("blinded", "reused-key", "a value of this set was sent in an earlier session: the partner"
                        + " reused its key or replayed a set; every session needs a fresh key");
            }
        }
        for (String hash : hashes) {
            jdbc.sql("insert into screening_psi_seen (partner, value_hash, session_id) values (?, ?, ?)").params(partner.value(), hash, id).update();
        }
    }

    private void complete(String id, ListKeys keys, Set<String> matchedKeys, int partnerSetSize, PartyCode partner, Direction direction) {
        Map<String, Set<String>> kindsByEntry = new java.util.TreeMap<>();
        for (String key : matchedKeys) {
            for (String reference : keys.entriesByKey().getOrDefault(key, Set.of())) {
                kindsByEntry.computeIfAbsent(reference, r -> new TreeSet<>(java.util.Comparator.comparingInt(PsiKeys.KINDS::indexOf)))
                        .add(PsiKeys.kind(key));
            }
        }
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            kindsByEntry.forEach((reference, kinds) -> jdbc.sql("insert into screening_psi_match (session_id, reference, name, keys_matched)"
                    + " values (?, ?, ?, ?)").params(id, reference, keys.names().get(reference), String.join(",", kinds)).update());
            jdbc.sql("update screening_psi_session set state = 'COMPLETED', partner_set_size = ?, matched_entries = ?, completed_at = ?"
                    + " where id = ?").params(partnerSetSize, kindsByEntry.size(), Timestamp.from(now), id).update();
        });
        record("x-concord-psi-completion", id, direction, partner, now, Map.of("own_set_size", keys.entriesByKey().size(),
                "partner_set_size", partnerSetSize, "matched_entries", kindsByEntry.size()));
    }

    private void fail(String id, String why) {
        pending.remove(id);
        String text = why == null ? "failed" : why.length() > 390 ? why.substring(0, 390) : why;
        jdbc.sql("update screening_psi_session set state = 'FAILED', failure = ? where id = ? and state <> 'COMPLETED'").params(text, id).update();
    }

    /** Records a step in the ledger: the session, the step, set sizes; never a name or a blinded value. */
    private void record(String type, String id, Direction direction, PartyCode partner, Instant when, Map<String, Integer> sizes) {
        ObjectNode object = JSON.createObjectNode();
        object.put("type", type);
        object.put("id", type + "--" + id);
        String time = LedgerEntry.formatTime(when);
        object.put("created", time);
        object.put("modified", time);
        object.put("session", id);
        object.put("partner", partner.value());
        sizes.forEach(object::put);
        ledger.append(LedgerEntry.of(direction, partner, ObjectDigest.of(object.toString()), when));
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw new InvalidInput("body", "json-object", "the body is a JSON object");
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw InvalidInput.notJson("body", e);
        }
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode array = body.path(field);
        if (!array.isArray()) {
            throw new InvalidInput(field, "required", "an array of base64 points is needed");
        }
        List<String> values = new ArrayList<>(array.size());
        for (JsonNode value : array) {
            if (!value.isString()) {
                throw new InvalidInput(field, "point", "each value is a base64 compressed point");
            }
            values.add(value.asString());
        }
        return values;
    }

    private static String post(PartnerConnections.Connection connection, String path, String body) throws IOException {
        String base = connection.partner().url().toString();
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
        HttpResponse<String> response;
        try {
            response = connection.client().send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            String detail = response.body() == null ? "" : response.body();
            throw new Conflict("partner", "partner-refused", connection.partner().code() + " answered " + response.statusCode() + " to "
                    + path.replaceAll("/psi/sessions/[^/]+", "/psi/sessions/{id}") + ": "
                    + (detail.length() > 300 ? detail.substring(0, 300) : detail));
        }
        return response.body();
    }
}
