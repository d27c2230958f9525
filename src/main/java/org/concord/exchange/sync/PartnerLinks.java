package org.concord.exchange.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.concord.exchange.PartnerClock;
import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The link to each partner as this node sees it ({@code exchange_partner_link}): the partner's
 * advertised {@code max_content_length} from its TAXII API root (cached; fetched when unknown,
 * after a failure and every {@code concord.exchange.partner-refresh}), whether its last contact
 * answered, the consecutive delivery failures behind the backoff, and the batch size after a 413
 * split. The state is in the database so that every instance of the node shares it.
 */
@Component
public class PartnerLinks {

    private static final Logger log = LoggerFactory.getLogger(PartnerLinks.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String API_ROOT = "/taxii2/concord/";

    private final JdbcClient jdbc;
    private final TaxiiClient client;
    private final Clock clock;
    private final Duration refresh;

    PartnerLinks(JdbcClient jdbc, TaxiiClient client, Clock clock,
            @Value("${concord.exchange.partner-refresh:PT5M}") Duration refresh) {
        this.jdbc = jdbc;
        this.client = client;
        this.clock = clock;
        this.refresh = refresh;
    }

    /**
     * How the link to one partner stands.
     *
     * @param maxContentLength the partner's advertised limit per request, in bytes (null: not known yet)
     * @param reachable whether its node answered the last contact (null: no contact yet)
     * @param failures consecutive failed deliveries (0: not backing off)
     * @param batchLimit the number of messages per batch after a 413 split (null: the configured maximum)
     */
    public record Link(PartyCode partner, Long maxContentLength, Instant limitCheckedAt, Boolean reachable, Instant lastContactAt,
            Instant lastCheckedAt, String lastError, int failures, Instant lastFailureAt, Integer batchLimit, PartnerClock clock) {
    }

    /** The result of asking the partner's API root; {@code clock}: the partner's clock as its answer stated it (null: not stated). */
    public record Probe(boolean reachable, Long maxContentLength, String error, PartnerClock clock) {

        Probe(boolean reachable, Long maxContentLength, String error) {
            this(reachable, maxContentLength, error, null);
        }
    }

    public Link link(PartyCode partner) {
        return find(partner).orElseGet(() -> new Link(partner, null, null, null, null, null, null, 0, null, null, null));
    }

    public List<Link> all() {
        return jdbc.sql("select " + COLUMNS + " from exchange_partner_link order by partner").query(PartnerLinks::row).list();
    }

    private static final String COLUMNS = "partner, max_content_length, limit_checked_at, reachable, last_contact_at, last_checked_at,"
            + " last_error, failures, last_failure_at, batch_limit, clock_offset_ms, clock_error_ms, clock_read_at";

    private Optional<Link> find(PartyCode partner) {
        return jdbc.sql("select " + COLUMNS + " from exchange_partner_link where partner = ?").param(partner.value())
                .query(PartnerLinks::row).optional();
    }

    private static Link row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Link(PartyCode.of(rs.getString(1)), rs.getObject(2, Long.class), instant(rs.getTimestamp(3)),
                (Boolean) rs.getObject(4, Boolean.class), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), rs.getString(7),
                rs.getInt(8), instant(rs.getTimestamp(9)), rs.getObject(10, Integer.class), clock(rs, 11));
    }

    /** The clock reading in columns {@code from} to {@code from + 2} (offset ms, error ms, read at), or null. */
    private static PartnerClock clock(java.sql.ResultSet rs, int from) throws java.sql.SQLException {
        Long offset = rs.getObject(from, Long.class);
        Long error = rs.getObject(from + 1, Long.class);
        Timestamp readAt = rs.getTimestamp(from + 2);
        return offset == null || error == null || readAt == null ? null
                : new PartnerClock(Duration.ofMillis(offset), Duration.ofMillis(error), readAt.toInstant());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private void ensure(PartyCode partner) {
        if (find(partner).isEmpty()) {
            try {
                jdbc.sql("insert into exchange_partner_link (partner, failures) values (?, 0)").param(partner.value()).update();
            } catch (org.springframework.dao.DuplicateKeyException e) {
                // another instance or thread inserted it first
            }
        }
    }

    /**
     * Asks the partner's TAXII API root ({@code GET /taxii2/concord/}): a cheap health probe that also
     * refreshes its {@code max_content_length}. Records the answer.
     */
    public Probe probe(PartyCode partner) {
        Probe probe;
        try {
            Instant sent = clock.instant();
            TaxiiClient.Response response = client.get(partner, API_ROOT, java.util.Map.of());
            // the partner's clock, as its answer states it: read on any answer, a refusal's too
            PartnerClock theirs = PartnerClock.fromHeaders(response.headers(), sent, clock.instant()).orElse(null);
            if (response.status() == 200) {
                JsonNode root = JSON.readTree(response.body());
                long limit = root.path("max_content_length").asLong(0);
                probe = new Probe(true, limit > 0 ? limit : null, null, theirs);
            } else {
                probe = new Probe(true, null, "API root answered " + response.status() + ": " + TaxiiClient.abbreviate(response.body()),
                        theirs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            probe = new Probe(false, null, TaxiiClient.describe(e));
        } catch (Exception e) {
            probe = new Probe(false, null, TaxiiClient.describe(e));
        }
        record(partner, probe);
        return probe;
    }

    private void record(PartyCode partner, Probe probe) {
        ensure(partner);
        Timestamp now = Timestamp.from(clock.instant());
        if (probe.reachable()) {
            jdbc.sql("update exchange_partner_link set reachable = true, last_contact_at = ?, last_checked_at = ?, last_error = ? where partner = ?")
                    .params(now, now, probe.error(), partner.value()).update();
            if (probe.maxContentLength() != null) {
                jdbc.sql("update exchange_partner_link set max_content_length = ?, limit_checked_at = ? where partner = ?")
                        .params(probe.maxContentLength(), now, partner.value()).update();
            }
            if (probe.clock() != null) {
                PartnerClock.State before = Optional.ofNullable(link(partner).clock()).map(PartnerClock::state).orElse(PartnerClock.State.IN_STEP);
                jdbc.sql("update exchange_partner_link set clock_offset_ms = ?, clock_error_ms = ?, clock_read_at = ? where partner = ?")
                        .params(probe.clock().offset().toMillis(), probe.clock().error().toMillis(), Timestamp.from(probe.clock().readAt()),
                                partner.value()).update();
                logClock(partner, before, probe.clock());
            }
        } else {
            jdbc.sql("update exchange_partner_link set reachable = false, last_checked_at = ?, last_error = ? where partner = ?")
                    .params(now, probe.error(), partner.value()).update();
        }
    }

    /**
     * The partner's {@code max_content_length}: cached, fetched when unknown or older than
     * {@code concord.exchange.partner-refresh}. Empty when the partner cannot be asked and nothing is cached.
     */
    public Optional<Long> maxContentLength(PartyCode partner) {
        return maxContentLength(partner, link(partner));
    }

    /**
     * As {@link #maxContentLength(PartyCode)}, from {@code link} as the caller has just read it: a delivery run reads
     * the link once a round, not three times (issue 13). Read again only after asking the partner.
     */
    Optional<Long> maxContentLength(PartyCode partner, Link link) {
        if (link.maxContentLength() == null || link.limitCheckedAt() == null
                || link.limitCheckedAt().plus(refresh).isBefore(clock.instant())) {
            Probe probe = probe(partner);
            if (probe.maxContentLength() != null) {
                return Optional.of(probe.maxContentLength());
            }
            return Optional.ofNullable(link(partner).maxContentLength());
        }
        return Optional.of(link.maxContentLength());
    }

    /** Forgets the cached limit, so the next delivery asks the partner again (after a 413). */
    void forgetLimit(PartyCode partner) {
        jdbc.sql("update exchange_partner_link set limit_checked_at = null where partner = ?").param(partner.value()).update();
    }

    /** A delivery got through: the link is up, the backoff ends, a split batch may grow back. */
    void delivered(PartyCode partner, int batch, int maxBatch) {
        // One statement a delivery (it was three: the row's presence, its batch limit, the update); the row is
        // inserted first only when the update finds none.
        Timestamp now = Timestamp.from(clock.instant());
        String update = """
                update exchange_partner_link set reachable = true, last_contact_at = ?, last_checked_at = ?, failures = 0,
                  last_failure_at = null, last_error = null,
                  batch_limit = case when batch_limit is null or batch_limit * 2 >= ? then null else batch_limit * 2 end
                where partner = ?""";
        if (jdbc.sql(update).params(now, now, maxBatch, partner.value()).update() == 0) {
            ensure(partner);
            jdbc.sql(update).params(now, now, maxBatch, partner.value()).update();
        }
    }

    /** A delivery failed: one more failure behind the backoff. {@code reachable}: the partner's node answered. */
    void failed(PartyCode partner, boolean reachable, String error) {
        ensure(partner);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                update exchange_partner_link set reachable = ?, last_checked_at = ?, failures = failures + 1, last_failure_at = ?,
                  last_error = ? where partner = ?""")
                .params(reachable, now, now, TaxiiClient.abbreviate(error), partner.value()).update();
    }

    /** The partner refused a batch as too large or malformed: send at most {@code limit} messages per batch. */
    void splitTo(PartyCode partner, int limit) {
        ensure(partner);
        jdbc.sql("update exchange_partner_link set batch_limit = ? where partner = ?").params(Math.max(1, limit), partner.value()).update();
    }

    /**
     * The partner answered a probe after delivery to it had failed because it was unreachable: the
     * backoff ends now. Returns true if it was backing off.
     */
    boolean backAgain(PartyCode partner) {
        return jdbc.sql("update exchange_partner_link set failures = 0, last_failure_at = null where partner = ? and failures > 0")
                .param(partner.value()).update() > 0;
    }

    /** A warning each time the partner's clock is found apart from ours, and a line when it is back in step. */
    private static void logClock(PartyCode partner, PartnerClock.State before, PartnerClock now) {
        String reading = String.format(java.util.Locale.ROOT, "%+.3f s (within %.3f s)", now.offsetSeconds(), now.error().toMillis() / 1000.0);
        String effect = now.effect(partner.value());
        if (effect != null) {
            log.warn("{}'s clock stands {} from this node's: {}; have both nodes' time synchronised", partner, reading, effect);
        } else if (before != PartnerClock.State.IN_STEP) {
            log.info("{}'s clock is back in step with this node's: {}", partner, reading);
        }
    }

    static void logProbe(PartyCode partner, Probe probe) {
        if (!probe.reachable()) {
            log.debug("probe of {} failed: {}", partner, probe.error());
        }
    }
}
