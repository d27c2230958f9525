package org.concord.screening.psi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.concord.ledger.Direction;
import org.concord.ledger.Ledger;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.node.Conflict;
import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.Viewer;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.Caller;
import org.concord.party.NodeIdentity;
import org.concord.party.PartnerConnections;
import org.concord.party.PartyCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Private set intersection sessions with a partner node (docs/screening.md, "Private set
 * intersection"). The requester (A) asks, the responder's person (B) accepts, then, within B's
 * acceptance, B drives every step and A answers, each set in numbered chunks under the API's body
 * limit:
 *
 * <ol>
 * <li>B announces its set: {@code POST /psi/sessions/{id}/blinded {"count", "chunks"}}; A checks the
 * policy's size, draws its fresh key {@code a} and answers with its own count and chunks;</li>
 * <li>B sends its keys hashed to Curve25519 and blinded with its fresh key {@code b}, shuffled, chunk by chunk
 * ({@code POST .../blinded/{k}}, {@code H(y)^b}); A answers each chunk re-blinded in the order received
 * ({@code H(y)^ba}) and keeps those values;</li>
 * <li>B fetches A's keys blinded with {@code a}, shuffled, chunk by chunk ({@code POST .../answer/{k}},
 * {@code H(x)^a}); after the last, A forgets {@code a};</li>
 * <li>B re-blinds them ({@code H(x)^ab}), learns which of its own keys match (its {@code H(y)^ba} among
 * them), forgets {@code b} and sends them back in A's order ({@code POST .../reblinded/{k}}), from which
 * A learns which of its own keys match.</li>
 * </ol>
 *
 * Every chunk is numbered; a chunk out of order, twice, past the announced number or holding more or
 * fewer values than announced is refused naming the field and rule, and each chunk of the partner's
 * singly-blinded values passes the reused-key check. The requester keeps its state in the database
 * ({@code screening_psi_state}), its scalar sealed, so a restart between two messages loses nothing.
 * Each node keeps only its own entries that matched, the set sizes and who requested and accepted.
 */
@Service
public class PsiSessions {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How many of a partner's blinded values per chunk are kept to recognise a reused key (the smallest hashes). */
    static final int SEEN_SAMPLE = 16;
    private static final byte[] SEALING_DOMAIN = "concord-psi-state-seal/1: the key that seals a PSI session's scalar at rest"
            .getBytes(StandardCharsets.UTF_8);

    /** One of this node's entries that matched. */
    public record MatchView(String reference, String name, List<String> keys) {
    }

    /**
     * A session as this node sees it. {@code expiresAt} is when a session still open lapses here: an invitation not
     * accepted by then ({@code concord.screening.psi.invitation-expiry} after {@code requestedAt}), an exchange not
     * finished by then ({@code concord.screening.psi.session-expiry} after {@code acceptedAt}); null once the session
     * ended. {@code matches} is null in a list of sessions ({@link #recent}), which leaves them out rather than claim
     * that none matched; {@code matchedEntries} counts them.
     */
    public record SessionView(String id, String partner, String role, String state, String list, Integer ownSetSize,
            Integer partnerSetSize, Integer matchedEntries, String requestedBy, String acceptedBy, Instant requestedAt,
            Instant acceptedAt, Instant completedAt, Instant expiresAt, String failure,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            List<MatchView> matches) {
    }

    /** The keys of a list, and the entries each key stands for. */
    record ListKeys(Map<String, Set<String>> entriesByKey, Map<String, String> names) {
    }

    /** 16 bytes of a doubly blinded point's u-coordinate: what is compared and kept (a false match has odds of 2^-128 per pair). */
    record Tag(long high, long low) {
        static Tag of(String base64Point) {
            byte[] point = Base64.getDecoder().decode(base64Point);
            ByteBuffer b = ByteBuffer.wrap(point, 0, 16);
            return new Tag(b.getLong(), b.getLong());
        }

        static List<Tag> all(byte[] data) {
            ByteBuffer b = ByteBuffer.wrap(data);
            List<Tag> tags = new ArrayList<>(data.length / 16);
            while (b.remaining() >= 16) {
                tags.add(new Tag(b.getLong(), b.getLong()));
            }
            return tags;
        }
    }

    /** The requester's session in memory, rebuilt from {@code screening_psi_state} after a restart. */
    private static final class Live {
        final ListKeys keys;
        final List<String> order;
        volatile Blinding.Key key;
        final Set<Tag> partnerDoubly;

        Live(ListKeys keys, List<String> order, Blinding.Key key, Set<Tag> partnerDoubly) {
            this.keys = keys;
            this.order = order;
            this.key = key;
            this.partnerDoubly = partnerDoubly;
        }
    }

    /** A list's keys as last computed, with what identified the list's version then. */
    private record CachedKeys(String version, ListKeys keys) {
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PsiSessions.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final PartnerConnections connections;
    private final Ledger ledger;
    private final NodeIdentity identity;
    private final IntelStore intel;
    private final int maxSetSize;
    private final int maxSessionsPerDay;
    private final int maxOpenInvitations;
    private final int chunkSize;
    private final Duration expiry;
    private final Duration invitationExpiry;
    private final Duration partnerWait;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Map<String, CachedKeys> listKeys = new ConcurrentHashMap<>();
    private volatile SecretKey sealingKey;

    PsiSessions(JdbcClient jdbc, TransactionTemplate transaction, Clock clock, PartnerConnections connections, Ledger ledger,
            NodeIdentity identity, IntelStore intel,
            @Value("${concord.screening.psi.max-set-size:100000}") int maxSetSize,
            @Value("${concord.screening.psi.max-sessions-per-day:10}") int maxSessionsPerDay,
            @Value("${concord.screening.psi.max-open-invitations:10}") int maxOpenInvitations,
            @Value("${concord.screening.psi.chunk-size:16384}") int chunkSize,
            @Value("${concord.screening.psi.session-expiry:PT1H}") Duration expiry,
            @Value("${concord.screening.psi.invitation-expiry:PT24H}") Duration invitationExpiry,
            @Value("${concord.screening.psi.partner-wait:PT2M}") Duration partnerWait,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        if (chunkSize < 1) {
            throw new IllegalArgumentException("concord.screening.psi.chunk-size: at least 1 value per chunk, not " + chunkSize);
        }
        if (invitationExpiry.isNegative() || invitationExpiry.isZero()) {
            throw new IllegalArgumentException("concord.screening.psi.invitation-expiry: a positive duration, not " + invitationExpiry);
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.connections = connections;
        this.ledger = ledger;
        this.identity = identity;
        this.intel = intel;
        this.maxSetSize = maxSetSize;
        this.maxSessionsPerDay = maxSessionsPerDay;
        this.maxOpenInvitations = maxOpenInvitations;
        this.chunkSize = chunkSize;
        this.expiry = expiry;
        this.invitationExpiry = invitationExpiry;
        this.partnerWait = partnerWait;
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
        PartnerConnections.Connection connection;
        try {
            connection = connections.to(partner);
        } catch (org.concord.node.NotFound e) {
            throw new InvalidInput("partner", "paired-partner", partner.equals(identity.party().code())
                    ? partner + " is this node; a session is with a paired partner" : "this node is not paired with " + partner);
        }
        ListKeys keys = keysOf(list, partner);
        withinDailyLimit(partner);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.sql("insert into screening_psi_session (id, partner, our_role, state, list_source, own_set_size, requested_by, requested_at)"
                + " values (?, ?, 'REQUESTER', 'REQUESTED', ?, ?, ?, ?)")
                .params(id, partner.value(), list, keys.entriesByKey().size(), user.auditName(), Timestamp.from(now)).update();
        ObjectNode invitation = JSON.createObjectNode();
        invitation.put("id", id);
        invitation.put("version", Blinding.VERSION);
        try {
            postOnce(connection, "/psi/sessions", invitation.toString()); // a person waits on it: no retries
        } catch (Conflict e) {
            if ("partner-refused".equals(e.rule()) && e.getMessage().contains("'version' is not a property")) {
                // a node of the first version (P-256) knows no version: it refuses the property
                String why = partner + " runs an older private set intersection (concord-psi/1, P-256) than this node's "
                        + Blinding.VERSION + " (Curve25519); both nodes must run the same version";
                fail(id, why);
                throw new Conflict("partner", "protocol-version", why);
            }
            fail(id, e.getMessage());
            throw e;
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
     * the exchange to its end (this node drives every step; its own state stays in memory). An acceptance counts
     * in this node's daily limit ({@code max-sessions-per-day}), as a request does; an invitation does not.
     */
    public SessionView accept(Caller.User user, String id, String list) {
        Row row = row(id);
        if (!"RESPONDER".equals(row.role())) {
            throw new Conflict("id", "not-invited", "this node requested session " + id + "; the partner accepts it");
        }
        if (!"REQUESTED".equals(row.state())) {
            throw new Conflict("id", "already-accepted", "session " + id + " is " + row.state() + ", not waiting for acceptance");
        }
        refuseLapsedInvitation(row);
        PartyCode partner = PartyCode.of(row.partner());
        ListKeys keys = keysOf(list, partner);
        withinDailyLimit(partner);
        var connection = connections.to(partner);
        Instant now = clock.instant();
        int moved = jdbc.sql("update screening_psi_session set state = 'EXCHANGING', list_source = ?, own_set_size = ?, accepted_by = ?,"
                + " accepted_at = ? where id = ? and state = 'REQUESTED'")
                .params(list, keys.entriesByKey().size(), user.auditName(), Timestamp.from(now), id).update();
        if (moved != 1) {
            throw new Conflict("id", "already-accepted", "session " + id + " was accepted meanwhile");
        }
        record("x-concord-psi-acceptance", id, Direction.SENT, partner, now, Map.of("own_set_size", keys.entriesByKey().size()));
        String base = "/psi/sessions/" + id;
        try {
            Blinding.Key key = Blinding.freshKey();
            List<String> order = shuffled(keys.entriesByKey().keySet());
            List<String> ours = key.blindKeys(order);
            int ourChunks = chunks(ours.size(), chunkSize);

            // 1. the announcement, and the requester's
            ObjectNode announcement = JSON.createObjectNode().put("count", ours.size()).put("chunks", ourChunks);
            JsonNode announced = JSON.readTree(post(connection, base + "/blinded", announcement.toString()));
            String theirVersion = announced.path("version").isString() ? announced.path("version").asString() : "concord-psi/1";
            if (!Blinding.VERSION.equals(theirVersion)) {
                throw new Conflict("partner", "protocol-version", partner + " runs the private set intersection " + theirVersion
                        + ", not this node's " + Blinding.VERSION + " (Curve25519); both nodes must run the same version");
            }
            int theirCount = announced.path("count").asInt(-1);
            int theirChunks = announced.path("chunks").asInt(-1);
            if (theirCount < 1 || theirChunks < 1 || theirChunks > theirCount) {
                throw new IllegalStateException("the partner announced " + theirCount + " values in " + theirChunks + " chunks");
            }
            if (theirCount > maxSetSize) {
                throw new IllegalStateException("the partner announced " + theirCount + " values, more than max-set-size " + maxSetSize);
            }

            // 2. our values out, re-blinded by the partner
            List<Tag> oursDoubly = new ArrayList<>(ours.size());
            for (int k = 0; k < ourChunks; k++) {
                List<String> chunk = ours.subList(k * chunkSize, Math.min(ours.size(), (k + 1) * chunkSize));
                ObjectNode body = JSON.createObjectNode();
                ArrayNode blinded = body.putArray("blinded");
                chunk.forEach(blinded::add);
                List<String> back = strings(JSON.readTree(post(connection, base + "/blinded/" + k, body.toString())), "reblinded");
                if (back.size() != chunk.size()) {
                    throw new IllegalStateException("the partner returned " + back.size() + " re-blinded values for the " + chunk.size()
                            + " of chunk " + k);
                }
                for (String value : back) {
                    oursDoubly.add(tag(value, "reblinded"));
                }
            }

            // 3. the partner's values in, each chunk checked for a reused key, and re-blinded here
            List<List<String>> theirsDoubly = new ArrayList<>(theirChunks);
            Set<Tag> theirSet = new HashSet<>(theirCount * 2);
            int received = 0;
            for (int k = 0; k < theirChunks; k++) {
                List<String> theirs = strings(JSON.readTree(post(connection, base + "/answer/" + k, "{}")), "blinded");
                received += theirs.size();
                if (theirs.isEmpty() || received > theirCount) {
                    throw new IllegalStateException("the partner's chunk " + k + " holds " + theirs.size() + " values; " + received
                            + " in all is not the " + theirCount + " it announced");
                }
                transaction.executeWithoutResult(status -> refuseReusedKey(partner, id, theirs, "blinded"));
                List<String> doubly = key.reblind(theirs);
                theirsDoubly.add(doubly);
                for (String v : doubly) {
                    if (!theirSet.add(Tag.of(v))) {
                        // the same value twice would count one key as two: a set's size counts distinct keys
                        throw new IllegalStateException("the partner's set holds the same value twice (chunk " + k
                                + "): a set counts distinct keys");
                    }
                }
            }
            if (received != theirCount) {
                throw new IllegalStateException("the partner sent " + received + " values, not the " + theirCount + " it announced");
            }
            Set<String> matched = new HashSet<>();
            for (int i = 0; i < order.size(); i++) {
                if (theirSet.contains(oursDoubly.get(i))) {
                    matched.add(order.get(i));
                }
            }

            // 4. theirs back, doubly blinded, in the partner's order and chunks
            for (int k = 0; k < theirsDoubly.size(); k++) {
                ObjectNode body = JSON.createObjectNode();
                ArrayNode reblinded = body.putArray("reblinded");
                theirsDoubly.get(k).forEach(reblinded::add);
                post(connection, base + "/reblinded/" + k, body.toString());
            }
            complete(id, keys, matched, theirCount, partner, Direction.SENT);
        } catch (RuntimeException | IOException e) {
            fail(id, e.getMessage());
            if (e instanceof RuntimeException r && (r instanceof Conflict || r instanceof InvalidInput)) {
                throw r;
            }
            throw new Conflict("partner", "exchange-failed", "the exchange with " + partner + " failed: " + e.getMessage());
        }
        return view(id);
    }

    /**
     * Declines a session the partner requested and that waits here: it ends {@code DECLINED} on this node and leaves
     * the desk, is recorded in the ledger (SENT; the partner records it RECEIVED when told), and the partner is told
     * ({@code POST /psi/sessions/{id}/declined}, once, no retries), so that its
     * officer does not wait a day for an invitation that will never be taken (a tester's finding). The notice carries
     * nothing but the session's id; if the partner cannot be reached, its invitation lapses there at its expiry
     * ({@code concord.screening.psi.invitation-expiry}), as one nobody answered does, and the session here says so. A
     * declined session counts for nothing in this node's daily limit.
     *
     * @throws Conflict if this node requested the session ({@code not-invited}) or it no longer waits ({@code not-waiting})
     */
    public SessionView decline(Caller.User user, String id) {
        Row row = row(id);
        if (!"RESPONDER".equals(row.role())) {
            throw new Conflict("id", "not-invited", "this node requested session " + id + "; only the partner accepts or lets it lapse");
        }
        String declined = "declined here by " + user.auditName() + " at " + clock.instant();
        int moved = jdbc.sql("update screening_psi_session set state = 'DECLINED', failure = ? where id = ? and state = 'REQUESTED'")
                .params(cut(declined, 390), id).update();
        if (moved != 1) {
            throw new Conflict("id", "not-waiting", "session " + id + " is " + row(id).state() + ", not waiting for acceptance");
        }
        PartyCode partner = PartyCode.of(row.partner());
        String told;
        try {
            postOnce(connections.to(partner), "/psi/sessions/" + id + "/declined", "{}");
            told = "; " + partner + " was told";
        } catch (IOException | RuntimeException e) {
            told = "; " + partner + " could not be told (" + e.getMessage() + "), and its invitation lapses there";
        }
        jdbc.sql("update screening_psi_session set failure = ? where id = ?").params(cut(declined + told, 390), id).update();
        // the decision in this node's ledger, as a request and an acceptance are: neither side can later deny it
        record("x-concord-psi-decline", id, Direction.SENT, partner, clock.instant(), Map.of());
        return view(id);
    }

    /**
     * The partner declined a session this node requested of it: it ends {@code DECLINED} here, with who declined and
     * when, off the desk. Only a session this node requested of that partner, and only while it waits; told again, it
     * changes nothing. An id this node did not request of the caller is answered as unknown, so that a partner learns
     * nothing of another's sessions.
     */
    String declinedByPartner(Caller.PartnerNode caller, String idText) {
        String id = sessionId(idText);
        Row row = partnersRow(caller, id);
        if (!"REQUESTER".equals(row.role())) {
            throw NotFound.of("id", "no PSI session " + id + " was requested of " + caller.partner().code());
        }
        if ("DECLINED".equals(row.state())) {
            return "{}";
        }
        Instant now = clock.instant();
        int moved = jdbc.sql("update screening_psi_session set state = 'DECLINED', failure = ? where id = ? and state = 'REQUESTED'")
                .params(cut("declined by " + caller.partner().code() + " at " + now, 390), id).update();
        if (moved != 1) {
            throw new Conflict("id", "not-waiting", "session " + id + " is " + row(id).state() + ", not waiting for acceptance");
        }
        record("x-concord-psi-decline", id, Direction.RECEIVED, caller.partner().code(), now, Map.of());
        return "{}";
    }

    /** A session, with this node's own entries that matched. */
    public SessionView view(String id) {
        Row row = asOfNow(row(id));
        List<MatchView> matches = jdbc.sql("select reference, name, keys_matched from screening_psi_match where session_id = ? order by reference")
                .param(id).query((rs, n) -> new MatchView(rs.getString(1), rs.getString(2), List.of(rs.getString(3).split(","))))
                .list();
        return viewOf(row, matches);
    }

    /** The newest sessions, of either role, without their matches ({@code matches} null). */
    public List<SessionView> recent(int limit) {
        return jdbc.sql("select * from screening_psi_session order by requested_at desc, id limit ?").param(Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> rowOf(rs)).list().stream().map(r -> viewOf(asOfNow(r), null)).toList();
    }

    private SessionView viewOf(Row r, List<MatchView> matches) {
        return new SessionView(r.id(), r.partner(), r.role(), r.state(), r.list(), r.ownSetSize(), r.partnerSetSize(), r.matchedEntries(),
                r.requestedBy(), r.acceptedBy(), r.requestedAt(), r.acceptedAt(), r.completedAt(), expiresAt(r), r.failure(), matches);
    }

    /** When a session still open lapses here (see {@link SessionView}); null for one that ended. */
    private Instant expiresAt(Row r) {
        return switch (r.state()) {
            case "REQUESTED" -> r.requestedAt().plus(invitationExpiry);
            case "EXCHANGING" -> r.acceptedAt() == null ? null : r.acceptedAt().plus(expiry);
            default -> null;
        };
    }

    /** Fails an invitation that waited longer than {@code invitation-expiry} and refuses what was asked of it. */
    private void refuseLapsedInvitation(Row row) {
        Instant lapsed = row.requestedAt().plus(invitationExpiry);
        if (clock.instant().isAfter(lapsed)) {
            lapse(row.id());
            throw new Conflict("id", "expired", "session " + row.id() + " was not accepted within " + invitationExpiry
                    + " (concord.screening.psi.invitation-expiry) and lapsed at " + lapsed + "; request a new one");
        }
    }

    /**
     * The session as it stands now: one still waiting for its acceptance past its expiry is lapsed first, so that a read
     * between the expiry and the minute's job ({@link #expire}) does not show it waiting with no time left.
     */
    private Row asOfNow(Row row) {
        if ("REQUESTED".equals(row.state()) && clock.instant().isAfter(row.requestedAt().plus(invitationExpiry))) {
            lapse(row.id());
            return row(row.id());
        }
        return row;
    }

    /** Fails a session still waiting for its acceptance (and only such a one: an acceptance under way wins). */
    private void lapse(String id) {
        if (jdbc.sql("update screening_psi_session set state = 'FAILED', failure = ? where id = ? and state = 'REQUESTED'")
                .params("expired: not accepted within " + invitationExpiry + " (concord.screening.psi.invitation-expiry)", id).update() == 1) {
            events.publishEvent(new PsiSessionChanged(id, "x-concord-psi-lapse", "NONE"));
        }
    }

    /** The sessions waiting for a person to accept them, of either role, the soonest to lapse first. */
    public List<SessionView> awaitingAcceptance() {
        return jdbc.sql("select * from screening_psi_session where state = 'REQUESTED' order by requested_at, id limit 500")
                .query((rs, n) -> rowOf(rs)).list().stream().map(this::asOfNow).filter(r -> "REQUESTED".equals(r.state()))
                .map(r -> viewOf(r, null)).toList();
    }

    /** This node's watchlists with at least one listed entry: what a session may match. */
    public List<String> lists() {
        return jdbc.sql("select distinct source from screening_entry where listed = true order by source").query(String.class).list();
    }

    // ---- the partner's side ------------------------------------------------------------------

    /** The partner asks for a session: recorded, waiting for a person here to accept it. */
    String invited(Caller.PartnerNode caller, String body) {
        JsonNode request = parse(body);
        InvalidInput.onlyProperties("", request, List.of("id", "version"));
        String id = sessionId(request.path("id").isString() ? request.path("id").asString() : null);
        String version = request.path("version").isString() ? request.path("version").asString() : null;
        if (!Blinding.VERSION.equals(version)) {
            throw new InvalidInput("version", "protocol-version", "this node speaks the private set intersection " + Blinding.VERSION
                    + " (Curve25519), not " + (version == null ? "concord-psi/1 (P-256, an invitation without a version)" : "'" + version + "'")
                    + "; both nodes must run the same version");
        }
        PartyCode partner = caller.partner().code();
        if (jdbc.sql("select count(*) from screening_psi_session where id = ?").param(id).query(Long.class).single() > 0) {
            throw new Conflict("id", "reused-session", "session id " + id + " has been used before; a session id is never reused");
        }
        withinOpenInvitations(partner);
        Instant now = clock.instant();
        jdbc.sql("insert into screening_psi_session (id, partner, our_role, state, requested_by, requested_at)"
                + " values (?, ?, 'RESPONDER', 'REQUESTED', ?, ?)").params(id, partner.value(), caller.auditName(), Timestamp.from(now)).update();
        record("x-concord-psi-request", id, Direction.RECEIVED, partner, now, Map.of());
        return JSON.createObjectNode().put("id", id).put("state", "REQUESTED").toString();
    }

    /**
     * Step 1 at the requester: the responder announces how many blinded values it will send and in how
     * many chunks; this node draws its key, orders its keys, keeps the state and announces its own.
     */
    String announced(Caller.PartnerNode caller, String idText, String body) {
        String id = sessionId(idText);
        Row row = partnersRow(caller, id);
        JsonNode request = parse(body);
        InvalidInput.onlyProperties("", request, List.of("count", "chunks"));
        int count = positive(request, "count");
        if (count > maxSetSize) {
            throw new InvalidInput("count", "max-set-size", count + " values; the most a session may send is " + maxSetSize
                    + " (concord.screening.psi.max-set-size)");
        }
        int chunks = positive(request, "chunks");
        if (chunks > count) {
            throw new InvalidInput("chunks", "range", chunks + " chunks for " + count + " values: every chunk holds at least one value");
        }
        if (!"REQUESTER".equals(row.role()) || !"REQUESTED".equals(row.state())) {
            throw new Conflict("id", "replayed", "session " + id + " is " + row.state() + "; its blinded set was announced already");
        }
        refuseLapsedInvitation(row);
        PartyCode partner = caller.partner().code();
        ListKeys keys = keysOf(row.list(), partner);
        Blinding.Key key = Blinding.freshKey();
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        List<String> order = orderOf(keys, seed);
        int ownChunks = chunks(order.size(), chunkSize);
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            int moved = jdbc.sql("update screening_psi_session set state = 'EXCHANGING', own_set_size = ?, partner_set_size = ?,"
                    + " accepted_by = ?, accepted_at = ? where id = ? and state = 'REQUESTED'")
                    .params(order.size(), count, caller.auditName(), Timestamp.from(now), id).update();
            if (moved != 1) {
                throw new Conflict("id", "replayed", "session " + id + " has announced its blinded set already");
            }
            jdbc.sql("insert into screening_psi_state (session_id, list_source, sealed_key, order_seed, keys_digest, own_count, own_chunk_size,"
                    + " own_chunks, partner_count, partner_chunks, received_chunks, received_values, served_chunks, reblinded_chunks, expires_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)")
                    .params(id, row.list(), key.seal(sealingKey(), associated(id)), seed, digestOf(keys), order.size(), chunkSize, ownChunks,
                            count, chunks, Timestamp.from(now.plus(expiry))).update();
        });
        live.put(id, new Live(keys, order, key, ConcurrentHashMap.newKeySet(count * 2)));
        record("x-concord-psi-acceptance", id, Direction.RECEIVED, partner, now, Map.of("partner_set_size", count));
        return JSON.createObjectNode().put("id", id).put("state", "EXCHANGING").put("version", Blinding.VERSION).put("count", order.size())
                .put("chunks", ownChunks).toString();
    }

    /** Step 2 at the requester: chunk {@code k} of the responder's blinded values in, re-blinded out in the order received. */
    String blindedChunk(Caller.PartnerNode caller, String idText, String chunkText, String body) {
        String id = sessionId(idText);
        Row row = partnersRow(caller, id);
        State state = exchanging(row);
        int k = chunkNumber(chunkText, state.partnerChunks(), state.receivedChunks(), "the partner's blinded set");
        JsonNode request = parse(body);
        InvalidInput.onlyProperties("", request, List.of("blinded"));
        List<String> theirs = strings(request, "blinded");
        if (theirs.isEmpty()) {
            throw new InvalidInput("blinded", "empty", "a chunk holds at least one value");
        }
        int total = state.receivedValues() + theirs.size();
        int chunksLeft = state.partnerChunks() - k - 1;
        if (total > state.partnerCount() || state.partnerCount() - total < chunksLeft
                || (chunksLeft == 0 && total != state.partnerCount())) {
            throw new InvalidInput("blinded", "count", "chunk " + k + " of " + state.partnerChunks() + " brings the values to " + total
                    + "; " + state.partnerCount() + " were announced");
        }
        Live session = live(id, PartyCode.of(row.partner()), state);
        Blinding.Key key = session.key;
        if (key == null) {
            throw new Conflict("id", "replayed", "session " + id + " has served its own set; its key is gone");
        }
        List<String> doubly;
        try {
            doubly = key.reblind(theirs);
        } catch (Blinding.InvalidValue e) {
            throw new InvalidInput("blinded[" + e.index() + "]", e.rule(), e.reason() + " (value " + (state.receivedValues() + e.index())
                    + " of the set)");
        }
        ByteBuffer tags = ByteBuffer.allocate(doubly.size() * 16);
        List<Tag> added = new ArrayList<>(doubly.size());
        Map<Tag, Integer> inChunk = new HashMap<>(doubly.size() * 2);
        for (int i = 0; i < doubly.size(); i++) {
            // re-blinding is one-to-one, so equal products are equal values, however their base64 was written
            Tag tag = Tag.of(doubly.get(i));
            Integer earlier = inChunk.putIfAbsent(tag, i);
            if (earlier != null || session.partnerDoubly.contains(tag)) {
                throw new InvalidInput("blinded[" + i + "]", "distinct", "value " + (state.receivedValues() + i) + " of the set repeats value "
                        + (earlier != null ? String.valueOf(state.receivedValues() + earlier) : "of an earlier chunk")
                        + ": a set counts distinct keys, each sent once");
            }
            added.add(tag);
            tags.putLong(tag.high()).putLong(tag.low());
        }
        PartyCode partner = caller.partner().code();
        try {
            transaction.executeWithoutResult(status -> refuseReusedKey(partner, id, theirs, "blinded"));
        } catch (Conflict reused) {
            fail(id, reused.getMessage());
            throw reused;
        }
        transaction.executeWithoutResult(status -> {
            int moved = jdbc.sql("update screening_psi_state set received_chunks = ?, received_values = ? where session_id = ? and received_chunks = ?")
                    .params(k + 1, total, id, k).update();
            if (moved != 1) {
                throw new Conflict("chunk", "duplicate", "chunk " + k + " of session " + id + " was received already");
            }
            jdbc.sql("insert into screening_psi_state_chunk (session_id, part, chunk, data) values (?, 'doubly', ?, ?)")
                    .params(id, k, tags.array()).update();
        });
        session.partnerDoubly.addAll(added);
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode reblinded = answer.putArray("reblinded");
        doubly.forEach(reblinded::add);
        return answer.toString();
    }

    /** Step 3 at the requester: chunk {@code k} of this node's own keys, blinded with its key; after the last, the key is forgotten. */
    String answerChunk(Caller.PartnerNode caller, String idText, String chunkText, String body) {
        String id = sessionId(idText);
        Row row = partnersRow(caller, id);
        JsonNode request = parse(body == null || body.isBlank() ? "{}" : body);
        InvalidInput.onlyProperties("", request, List.of());
        State state = exchanging(row);
        if (state.receivedChunks() < state.partnerChunks()) {
            throw new Conflict("chunk", "out-of-order", "this node's set follows the partner's: " + state.receivedChunks() + " of its "
                    + state.partnerChunks() + " chunks have arrived");
        }
        int k = chunkNumber(chunkText, state.ownChunks(), state.servedChunks(), "this node's blinded set");
        Live session = live(id, PartyCode.of(row.partner()), state);
        Blinding.Key key = session.key;
        if (key == null) {
            throw new Conflict("chunk", "duplicate", "this node's set was served whole already");
        }
        int from = k * state.ownChunkSize();
        List<String> blinded = key.blindKeys(session.order.subList(from, Math.min(session.order.size(), from + state.ownChunkSize())));
        boolean last = k + 1 == state.ownChunks();
        transaction.executeWithoutResult(status -> {
            int moved = jdbc.sql("update screening_psi_state set served_chunks = ?" + (last ? ", sealed_key = null" : "")
                    + " where session_id = ? and served_chunks = ?").params(k + 1, id, k).update();
            if (moved != 1) {
                throw new Conflict("chunk", "duplicate", "chunk " + k + " of this node's set was served already");
            }
        });
        if (last) {
            session.key = null;
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode values = answer.putArray("blinded");
        blinded.forEach(values::add);
        return answer.toString();
    }

    /** Step 4 at the requester: chunk {@code k} of its own keys doubly blinded, in the order sent; the matches are those among the partner's. */
    String reblindedChunk(Caller.PartnerNode caller, String idText, String chunkText, String body) {
        String id = sessionId(idText);
        Row row = partnersRow(caller, id);
        State state = exchanging(row);
        if (state.servedChunks() < state.ownChunks()) {
            throw new Conflict("chunk", "out-of-order", "the re-blinded set follows this node's set: " + state.servedChunks() + " of its "
                    + state.ownChunks() + " chunks have been served");
        }
        int k = chunkNumber(chunkText, state.ownChunks(), state.reblindedChunks(), "the re-blinded set");
        JsonNode request = parse(body);
        InvalidInput.onlyProperties("", request, List.of("reblinded"));
        List<String> doubly = strings(request, "reblinded");
        int from = k * state.ownChunkSize();
        int size = Math.min(state.ownCount(), from + state.ownChunkSize()) - from;
        if (doubly.size() != size) {
            throw new InvalidInput("reblinded", "same-size", doubly.size() + " values for the " + size + " of chunk " + k + " sent");
        }
        Live session = live(id, PartyCode.of(row.partner()), state);
        ByteBuffer matched = ByteBuffer.allocate(doubly.size() * 4);
        for (int i = 0; i < doubly.size(); i++) {
            if (session.partnerDoubly.contains(tag(doubly.get(i), "reblinded[" + i + "]"))) {
                matched.putInt(from + i);
            }
        }
        byte[] positions = java.util.Arrays.copyOf(matched.array(), matched.position());
        boolean last = k + 1 == state.ownChunks();
        transaction.executeWithoutResult(status -> {
            int moved = jdbc.sql("update screening_psi_state set reblinded_chunks = ? where session_id = ? and reblinded_chunks = ?")
                    .params(k + 1, id, k).update();
            if (moved != 1) {
                throw new Conflict("chunk", "duplicate", "chunk " + k + " of the re-blinded set was received already");
            }
            jdbc.sql("insert into screening_psi_state_chunk (session_id, part, chunk, data) values (?, 'matched', ?, ?)")
                    .params(id, k, positions).update();
        });
        if (!last) {
            return JSON.createObjectNode().put("id", id).put("state", "EXCHANGING").toString();
        }
        Set<String> matchedKeys = new HashSet<>();
        for (byte[] chunk : jdbc.sql("select data from screening_psi_state_chunk where session_id = ? and part = 'matched' order by chunk")
                .param(id).query((rs, n) -> rs.getBytes(1)).list()) {
            ByteBuffer b = ByteBuffer.wrap(chunk);
            while (b.remaining() >= 4) {
                matchedKeys.add(session.order.get(b.getInt()));
            }
        }
        complete(id, session.keys, matchedKeys, state.partnerCount(), caller.partner().code(), Direction.RECEIVED);
        return JSON.createObjectNode().put("id", id).put("state", "COMPLETED").toString();
    }

    /**
     * Ends every requester session whose state has outlived {@code concord.screening.psi.session-expiry}
     * (the session fails as expired and its state, sealed key included, is deleted) and every invitation,
     * of either role, not accepted within {@code concord.screening.psi.invitation-expiry}. Runs every minute
     * on one instance ({@link #expireOnSchedule}); returns how many it ended.
     */
    public int expire() {
        Instant now = clock.instant();
        List<String> expired = jdbc.sql("select session_id from screening_psi_state where expires_at < ?")
                .param(Timestamp.from(now)).query(String.class).list();
        expired.forEach(id -> fail(id, "expired: the exchange did not finish within " + expiry + " (concord.screening.psi.session-expiry)"));
        List<String> lapsed = jdbc.sql("select id from screening_psi_session where state = 'REQUESTED' and requested_at < ?")
                .param(Timestamp.from(now.minus(invitationExpiry))).query(String.class).list();
        lapsed.forEach(this::lapse);
        return expired.size() + lapsed.size();
    }

    /**
     * {@link #expire} every minute, on one instance. Returns nothing: ShedLock's proxy cannot lock a method
     * that returns a primitive, and refused every run while this job returned its count.
     */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    @SchedulerLock(name = "screening.psi-expiry", lockAtMostFor = "PT1M")
    public void expireOnSchedule() {
        int ended = expire();
        if (ended > 0) {
            log.info("ended {} PSI session(s) whose exchange did not finish in time", ended);
        }
    }

    // ---- parts -------------------------------------------------------------------------------

    private record Row(String id, String partner, String role, String state, String list, Integer ownSetSize, Integer partnerSetSize,
            Integer matchedEntries, String requestedBy, String acceptedBy, Instant requestedAt, Instant acceptedAt,
            Instant completedAt, String failure) {
    }

    /** The requester's progress ({@code screening_psi_state}). */
    private record State(String list, byte[] sealedKey, byte[] seed, byte[] digest, int ownCount, int ownChunkSize, int ownChunks,
            int partnerCount, int partnerChunks, int receivedChunks, int receivedValues, int servedChunks, int reblindedChunks,
            Instant expiresAt) {
    }

    private Row row(String id) {
        sessionId(id);
        return jdbc.sql("select * from screening_psi_session where id = ?").param(id).query((rs, n) -> rowOf(rs)).optional()
                .orElseThrow(() -> NotFound.of("id", "no PSI session " + id));
    }

    private static Row rowOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString("id"), rs.getString("partner"), rs.getString("our_role"), rs.getString("state"),
                rs.getString("list_source"), (Integer) rs.getObject("own_set_size", Integer.class),
                (Integer) rs.getObject("partner_set_size", Integer.class), (Integer) rs.getObject("matched_entries", Integer.class),
                rs.getString("requested_by"), rs.getString("accepted_by"), instant(rs.getTimestamp("requested_at")),
                instant(rs.getTimestamp("accepted_at")), instant(rs.getTimestamp("completed_at")), rs.getString("failure"));
    }

    /** The session, if it is one with this partner; else not found (a partner learns nothing of other partners' sessions). */
    private Row partnersRow(Caller.PartnerNode caller, String id) {
        Row row = row(id);
        if (!row.partner().equals(caller.partner().code().value())) {
            throw NotFound.of("id", "no PSI session " + id);
        }
        return row;
    }

    /** The requester's state of a session in the exchange; refuses one in any other state, or expired. */
    private State exchanging(Row row) {
        if (!"REQUESTER".equals(row.role()) || !"EXCHANGING".equals(row.state())) {
            throw new Conflict("id", "replayed", "session " + row.id() + " is " + row.state() + ", not exchanging chunks");
        }
        State state = jdbc.sql("select * from screening_psi_state where session_id = ?").param(row.id())
                .query((rs, n) -> new State(rs.getString("list_source"), rs.getBytes("sealed_key"), rs.getBytes("order_seed"),
                        rs.getBytes("keys_digest"), rs.getInt("own_count"), rs.getInt("own_chunk_size"), rs.getInt("own_chunks"),
                        rs.getInt("partner_count"), rs.getInt("partner_chunks"), rs.getInt("received_chunks"), rs.getInt("received_values"),
                        rs.getInt("served_chunks"), rs.getInt("reblinded_chunks"), rs.getTimestamp("expires_at").toInstant()))
                .optional().orElseThrow(() -> new Conflict("id", "replayed", "session " + row.id() + " has no exchange in progress"));
        if (state.expiresAt().isBefore(clock.instant())) {
            fail(row.id(), "expired: the exchange did not finish within " + expiry + " (concord.screening.psi.session-expiry)");
            throw new Conflict("id", "expired", "session " + row.id() + " expired; request a new one");
        }
        return state;
    }

    /**
     * The session in memory, or rebuilt from its stored state after a restart: the list's keys again
     * (refused if the list changed meanwhile), their order from the stored seed, the key unsealed, the
     * partner's doubly blinded values read back.
     */
    private Live live(String id, PartyCode partner, State state) {
        Live session = live.get(id);
        if (session != null) {
            return session;
        }
        synchronized (live) {
            session = live.get(id);
            if (session != null) {
                return session;
            }
            ListKeys keys = keysOf(state.list(), partner, false);
            if (!java.security.MessageDigest.isEqual(digestOf(keys), state.digest())) {
                fail(id, "the watchlist " + state.list() + " changed during the session");
                throw new Conflict("id", "list-changed", "the watchlist '" + state.list() + "' changed since session " + id
                        + " began; request a new session");
            }
            List<String> order = orderOf(keys, state.seed());
            Blinding.Key key;
            try {
                key = state.sealedKey() == null ? null : Blinding.unseal(sealingKey(), state.sealedKey(), associated(id));
            } catch (IllegalStateException e) {
                // sealed under another protocol version (the associated data names it) or another signing key
                fail(id, "this node's scalar of the session no longer opens: " + e.getMessage());
                throw new Conflict("id", "sealed-key", "session " + id + " cannot resume: its sealed scalar does not open (begun under"
                        + " another protocol version than " + Blinding.VERSION + ", or another signing key); request a new session");
            }
            Set<Tag> doubly = ConcurrentHashMap.newKeySet(state.partnerCount() * 2);
            jdbc.sql("select data from screening_psi_state_chunk where session_id = ? and part = 'doubly' order by chunk").param(id)
                    .query((rs, n) -> rs.getBytes(1)).list().forEach(data -> doubly.addAll(Tag.all(data)));
            session = new Live(keys, order, key, doubly);
            live.put(id, session);
            return session;
        }
    }

    private static int chunkNumber(String text, int chunks, int next, String what) {
        int k;
        try {
            k = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidInput("chunk", "integer", "a chunk number is an integer from 0, not '" + text + "'");
        }
        if (k < 0 || k >= chunks) {
            throw new InvalidInput("chunk", "range", "chunk " + k + " of " + what + ": chunks are numbered 0 to " + (chunks - 1));
        }
        if (k < next) {
            throw new Conflict("chunk", "duplicate", "chunk " + k + " of " + what + " was received already; the next is " + next);
        }
        if (k > next) {
            throw new Conflict("chunk", "out-of-order", "chunk " + k + " of " + what + " came before chunk " + next
                    + "; chunks go in order, each once");
        }
        return k;
    }

    private static int positive(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidInput(field, "required", "an integer is needed");
        }
        if (value.asInt() < 1) {
            throw new InvalidInput(field, "positive", "at least 1, not " + value.asInt());
        }
        return value.asInt();
    }

    private static int chunks(int values, int size) {
        return Math.max(1, (values + size - 1) / size);
    }

    private static Tag tag(String value, String field) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value);
            if (bytes.length != Blinding.SIZE) {
                throw new IllegalArgumentException("32 bytes");
            }
            return Tag.of(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "point", "each value is the base64 of a 32-byte Curve25519 u-coordinate");
        }
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

    /**
     * Refuses a session with {@code partner} past the day's limit. What counts is what a person at this node did:
     * each session this node requested (when it was requested, whatever became of it) and each it accepted (when it
     * was accepted); a partner's invitation nobody here accepted counts for nothing (it is bounded apart, {@link
     * #withinOpenInvitations}). The refusal says when a session is allowed again: when enough of the counted ones
     * have left the 24 hours.
     */
    private void withinDailyLimit(PartyCode partner) {
        dailyLimitReached(partner).ifPresent(refusal -> {
            throw refusal;
        });
    }

    /**
     * Why no session with {@code partner} may be requested or accepted now, naming when one is allowed again; empty
     * while the day's limit has room. What a page shows in place of a form that would only be refused.
     */
    public java.util.Optional<Conflict> dailyLimitReached(PartyCode partner) {
        Instant since = clock.instant().minus(Duration.ofDays(1));
        List<Instant> counted = jdbc.sql("select requested_at as counted_at from screening_psi_session where partner = :partner"
                + " and our_role = 'REQUESTER' and requested_at > :since union all select accepted_at as counted_at from screening_psi_session"
                + " where partner = :partner and our_role = 'RESPONDER' and accepted_at > :since order by counted_at")
                .param("partner", partner.value()).param("since", Timestamp.from(since))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        if (counted.size() >= maxSessionsPerDay) {
            Instant again = counted.get(counted.size() - Math.max(1, maxSessionsPerDay)).plus(Duration.ofDays(1));
            return java.util.Optional.of(new Conflict("partner", "max-sessions-per-day", counted.size() + " sessions with " + partner
                    + " requested or accepted here in the last 24 hours; the policy allows " + maxSessionsPerDay
                    + " (concord.screening.psi.max-sessions-per-day); a session is allowed again at " + again));
        }
        return java.util.Optional.empty();
    }

    /**
     * Refuses the partner's invitation while it holds {@code concord.screening.psi.max-open-invitations} here that
     * nobody accepted or declined and that have not lapsed: so a partner cannot fill the desk. An honest partner,
     * held by its own daily limit, never holds more than that limit.
     */
    private void withinOpenInvitations(PartyCode partner) {
        Instant since = clock.instant().minus(invitationExpiry);
        List<Instant> open = jdbc.sql("select requested_at from screening_psi_session where partner = ? and our_role = 'RESPONDER'"
                + " and state = 'REQUESTED' and requested_at >= ? order by requested_at")
                .params(partner.value(), Timestamp.from(since)).query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        if (open.size() >= maxOpenInvitations) {
            throw new Conflict("partner", "max-open-invitations", partner + " holds " + open.size() + " invitations here that nobody"
                    + " has accepted or declined; the policy allows " + maxOpenInvitations + " at once"
                    + " (concord.screening.psi.max-open-invitations); another is taken once one is accepted or declined, or at "
                    + open.get(0).plus(invitationExpiry) + " when the oldest lapses");
        }
    }

    /** The keys of this node's listed entries in {@code list} that {@code partner} may be matched with, within the policy's size. */
    ListKeys keysOf(String list, PartyCode partner) {
        return keysOf(list, partner, true);
    }

    /**
     * The keys of a list, computed again only when the list has changed since (a new import, an entry listed
     * or delisted): normalising every name of a large list is most of the time a session spends outside the
     * curve arithmetic.
     */
    private ListKeys keysOf(String list, PartyCode partner, boolean withinPolicy) {
        if (list == null || list.isBlank()) {
            throw new InvalidInput("list", "required", "name the watchlist (its source, e.g. un-sc) to match");
        }
        String version = jdbc.sql("select (select coalesce(max(id), 0) from screening_import where source = :list),"
                + " (select count(*) from screening_name n join screening_entry e on e.source = n.source and e.reference = n.reference"
                + " where n.source = :list and e.listed = true)").param("list", list).query((rs, n) -> rs.getLong(1) + "/" + rs.getLong(2))
                .single();
        CachedKeys cached = listKeys.get(list);
        ListKeys keys;
        if (cached != null && cached.version().equals(version)) {
            keys = cached.keys();
        } else {
            keys = computeKeys(list);
            listKeys.put(list, new CachedKeys(version, keys));
        }
        if (keys.names().isEmpty()) {
            throw new InvalidInput("list", "unknown-list", "this node has no listed entries in a watchlist '" + list + "'");
        }
        keys = readableBy(keys, partner);
        if (keys.names().isEmpty()) {
            throw new InvalidInput("list", "nothing-shareable", "no entry of watchlist '" + list + "' may be matched with " + partner
                    + ": each is a STIX object the sharing policy withholds from " + partner);
        }
        if (withinPolicy && keys.entriesByKey().size() > maxSetSize) {
            throw new InvalidInput("list", "max-set-size", "watchlist '" + list + "' gives " + keys.entriesByKey().size()
                    + " keys; the most a session may send is " + maxSetSize + " (concord.screening.psi.max-set-size)");
        }
        return keys;
    }

    /**
     * The keys of the entries {@code partner} may be matched with. A session tells the partner, for each of its
     * own names, whether this node lists it, so an entry made from a STIX object of the intel store (its
     * reference is the object's id) takes part only if the sharing policy lets {@code partner} read that object
     * ({@link IntelStore#visible}, the gate a pull passes): not a TLP:RED one, not an AMBER one the policy does not
     * name the partner for, not one received from a third party and not passed on. Entries of the node's own
     * lists (UN, CSV) are not STIX objects and take part. Computed per session: the sharing may change.
     */
    private ListKeys readableBy(ListKeys keys, PartyCode partner) {
        Set<String> withheld = new HashSet<>();
        Viewer viewer = Viewer.partner(partner);
        for (String reference : keys.names().keySet()) {
            if (reference.contains("--") && !intel.visible(Collection.INTEL, reference, viewer)) {
                withheld.add(reference);
            }
        }
        if (withheld.isEmpty()) {
            return keys;
        }
        Map<String, Set<String>> byKey = new LinkedHashMap<>();
        keys.entriesByKey().forEach((key, refs) -> {
            Set<String> left = refs.stream().filter(r -> !withheld.contains(r)).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
            if (!left.isEmpty()) {
                byKey.put(key, Set.copyOf(left));
            }
        });
        Map<String, String> names = new HashMap<>(keys.names());
        names.keySet().removeAll(withheld);
        return new ListKeys(Collections.unmodifiableMap(byKey), names);
    }

    private ListKeys computeKeys(String list) {
        List<String[]> rows = jdbc.sql("select n.reference, n.name from screening_name n join screening_entry e on e.source = n.source"
                + " and e.reference = n.reference where n.source = ? and e.listed = true order by n.reference, n.position").param(list)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        List<Map<String, String>> keysPerName = rows.parallelStream().map(r -> PsiKeys.of(r[1])).toList();
        Map<String, Set<String>> byKey = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String reference = rows.get(i)[0];
            names.putIfAbsent(reference, rows.get(i)[1]);
            for (String key : keysPerName.get(i).keySet()) {
                Set<String> refs = byKey.get(key);
                if (refs == null) {
                    byKey.put(key, Set.of(reference));
                } else if (!refs.contains(reference)) {
                    Set<String> more = new TreeSet<>(refs);
                    more.add(reference);
                    byKey.put(key, more);
                }
            }
        }
        return new ListKeys(Collections.unmodifiableMap(byKey), names);
    }

    private static List<String> shuffled(Set<String> keys) {
        List<String> order = new ArrayList<>(keys);
        Collections.shuffle(order, RANDOM);
        return order;
    }

    /** The keys in the order a random {@code seed} gives them (by HMAC-SHA-256 under the seed): the same order again after a restart. */
    private static List<String> orderOf(ListKeys keys, byte[] seed) {
        record Ranked(String key, String rank) {
        }
        ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(seed, "HmacSHA256"));
                return mac;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA-256 is on every Java platform", e);
            }
        });
        return keys.entriesByKey().keySet().parallelStream()
                .map(k -> new Ranked(k, HexFormat.of().formatHex(macs.get().doFinal(k.getBytes(StandardCharsets.UTF_8)))))
                .sorted(Comparator.comparing(Ranked::rank)).map(Ranked::key).toList();
    }

    /** SHA-256 of the keys, sorted: whether a list gives the same keys as when a session began. */
    private static byte[] digestOf(ListKeys keys) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            keys.entriesByKey().keySet().stream().sorted().forEach(k -> {
                digest.update(k.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            });
            return digest.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** What a sealed scalar is bound to: the protocol version and the session (a scalar of another version does not open). */
    private static byte[] associated(String id) {
        return (Blinding.VERSION + "-state " + id).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The AES-256 key that seals a session's scalar at rest: SHA-256 of this node's Ed25519 signature
     * of a fixed text that it signs for no other purpose. Ed25519 signatures are deterministic, so
     * every instance of the node (all hold the same signing key) derives the same key, and it is never
     * stored: a copy of the database alone does not open a sealed scalar.
     */
    private SecretKey sealingKey() {
        SecretKey key = sealingKey;
        if (key == null) {
            byte[] signature = identity.sign(SEALING_DOMAIN);
            key = new SecretKeySpec(Blinding.sha256(SEALING_DOMAIN, signature), "AES");
            java.util.Arrays.fill(signature, (byte) 0);
            sealingKey = key;
        }
        return key;
    }

    /**
     * Keeps the {@value #SEEN_SAMPLE} smallest SHA-256 hashes of each chunk of the partner's
     * singly-blinded values and refuses the chunk if any was seen before (in an earlier session or an
     * earlier chunk): the same keys blinded with the same secret give the same values, so a partner that
     * reuses its key (or replays a set) is caught. Runs in the caller's transaction.
     */
    private void refuseReusedKey(PartyCode partner, String id, List<String> values, String field) {
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
                throw new Conflict(field, "reused-key", "a value of this set was sent before: the partner"
                        + " reused its key or replayed a set; every session needs a fresh key");
            }
        }
        for (String hash : hashes) {
            jdbc.sql("insert into screening_psi_seen (partner, value_hash, session_id) values (?, ?, ?)").params(partner.value(), hash, id).update();
        }
    }

    private void complete(String id, ListKeys keys, Set<String> matchedKeys, int partnerSetSize, PartyCode partner, Direction direction) {
        Map<String, Set<String>> kindsByEntry = new TreeMap<>();
        for (String key : matchedKeys) {
            for (String reference : keys.entriesByKey().getOrDefault(key, Set.of())) {
                kindsByEntry.computeIfAbsent(reference, r -> new TreeSet<>(Comparator.comparingInt(PsiKeys.KINDS::indexOf)))
                        .add(PsiKeys.kind(key));
            }
        }
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            kindsByEntry.forEach((reference, kinds) -> jdbc.sql("insert into screening_psi_match (session_id, reference, name, keys_matched)"
                    + " values (?, ?, ?, ?)").params(id, reference, keys.names().get(reference), String.join(",", kinds)).update());
            jdbc.sql("update screening_psi_session set state = 'COMPLETED', partner_set_size = ?, matched_entries = ?, completed_at = ?"
                    + " where id = ?").params(partnerSetSize, kindsByEntry.size(), Timestamp.from(now), id).update();
            forget(id);
        });
        live.remove(id);
        record("x-concord-psi-completion", id, direction, partner, now, Map.of("own_set_size", keys.entriesByKey().size(),
                "partner_set_size", partnerSetSize, "matched_entries", kindsByEntry.size()));
    }

    private void fail(String id, String why) {
        live.remove(id);
        String text = why == null ? "failed" : why.length() > 390 ? why.substring(0, 390) : why;
        transaction.executeWithoutResult(status -> {
            jdbc.sql("update screening_psi_session set state = 'FAILED', failure = ? where id = ? and state <> 'COMPLETED'").params(text, id)
                    .update();
            forget(id);
        });
    }

    /** Deletes the requester's state of a session, its sealed key with it. */
    private void forget(String id) {
        jdbc.sql("delete from screening_psi_state_chunk where session_id = ?").param(id).update();
        jdbc.sql("delete from screening_psi_state where session_id = ?").param(id).update();
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
        // published as Workflow publishes CaseChanged: a listener that must wait for the commit defers itself
        // (ConsoleEvents does); deferring here too would lose the event once published from a commit's callback
        events.publishEvent(new PsiSessionChanged(id, type, direction.name()));
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
            throw new InvalidInput(field, "required", "an array of base64 Curve25519 u-coordinates is needed");
        }
        List<String> values = new ArrayList<>(array.size());
        for (JsonNode value : array) {
            if (!value.isString()) {
                throw new InvalidInput(field, "point", "each value is the base64 of a 32-byte Curve25519 u-coordinate");
            }
            values.add(value.asString());
        }
        return values;
    }

    /**
     * Posts to the partner, and while it cannot be reached (its node restarting, a connection reset) tries
     * the same message again, for up to {@code concord.screening.psi.partner-wait} (1 s, 2 s, 4 s, then every
     * 5 s): the requester keeps its state across a restart, so the responder waits for it. A message the
     * partner had already taken before the connection broke is refused the second time (409 {@code chunk}
     * {@code duplicate}), and the session fails. A refusal (any answer but 2xx) is never retried.
     */
    private String post(PartnerConnections.Connection connection, String path, String body) throws IOException {
        long deadline = System.nanoTime() + partnerWait.toNanos();
        long pause = 1000;
        while (true) {
            try {
                return postOnce(connection, path, body);
            } catch (IOException unreachable) {
                if (unreachable.getMessage() != null && unreachable.getMessage().equals("interrupted")
                        || System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw unreachable;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw unreachable;
                }
                pause = Math.min(pause * 2, 5000);
            }
        }
    }

    private static String postOnce(PartnerConnections.Connection connection, String path, String body) throws IOException {
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
            throw new Conflict("partner", "partner-refused", connection.partner().code() + " answered " + response.statusCode() + " to "
                    + path.replaceAll("/psi/sessions/[^/]+", "/psi/sessions/{id}") + ": " + partnersWords(response.body()));
        }
        return response.body();
    }

    /**
     * What the partner said, as an officer reads it: the {@code detail} of its problem document with the
     * field and rule it names, not the document itself escaped into ours (a tester's finding); a body
     * that is no problem document is quoted, cut to 300 characters.
     */
    static String partnersWords(String body) {
        String text = body == null ? "" : body.strip();
        try {
            JsonNode problem = JSON.readTree(text);
            if (problem != null && problem.isObject() && problem.path("detail").isString()) {
                String detail = problem.path("detail").asString();
                String field = problem.path("field").asString("");
                String rule = problem.path("rule").asString("");
                String named = field.isEmpty() && rule.isEmpty() ? ""
                        : " (" + (field.isEmpty() ? "" : "field " + field) + (field.isEmpty() || rule.isEmpty() ? "" : ", ")
                                + (rule.isEmpty() ? "" : "rule " + rule) + ")";
                return cut(detail, 500) + named;
            }
        } catch (RuntimeException notJson) {
            // quoted below
        }
        return cut(text, 300);
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }
}
