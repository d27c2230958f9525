package org.concord.exchange.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.ObjectOutcome;
import org.concord.intel.Origin;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pulls each partner's {@code intel} collection into this node's store, attributed to that
 * partner. The position (the partner's {@code next} token within a run, its last
 * {@code X-TAXII-Date-Added-Last} across runs) is stored in the same transaction as the objects
 * of each page, so a crash loses nothing and repeats nothing. Errors back off exponentially
 * (5 s doubling to 10 min) per partner. Every object goes through the store's trust boundary
 * ({@code intel.stix.TrustBoundary}): a version of this node's own object, or of one held from
 * another source, is refused and raised as an alarm ({@code GET /api/intel/alarms}); the rest of
 * the page is stored and the cursor moves on.
 */
@Component
public class PartnerIntelPull {

    private static final Logger log = LoggerFactory.getLogger(PartnerIntelPull.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int PAGE = 1000;
    static final int MAX_PAGES_PER_RUN = 100;
    static final String OBJECTS = "/taxii2/concord/collections/" + Collection.INTEL.id() + "/objects/";

    private final Partners partners;
    private final TaxiiClient client;
    private final IntelStore store;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PartnerIntelPull(Partners partners, TaxiiClient client, IntelStore store, JdbcClient jdbc, TransactionTemplate transactions,
            Clock clock) {
        this.partners = partners;
        this.client = client;
        this.store = store;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What one pull from one partner did. */
    public record Result(PartyCode partner, int pages, int received, int stored, String error) {
    }

    @Scheduled(fixedDelayString = "${concord.exchange.pull-interval:PT30S}", initialDelayString = "PT10S")
    @SchedulerLock(name = "exchange.pull-partner-intel", lockAtMostFor = "PT1M")
    public void pullAll() {
        for (Partner partner : partners.all()) {
            Cursor cursor = cursor(partner.code());
            if (cursor.nextAttemptAt().isAfter(clock.instant())) {
                continue;
            }
            pull(partner.code());
        }
    }

    /** Pulls everything new from one partner now, page by page. */
    public Result pull(PartyCode partner) {
        int pages = 0;
        int received = 0;
        int stored = 0;
        boolean restarted = false;
        try {
            while (pages < MAX_PAGES_PER_RUN) {
                Cursor cursor = cursor(partner);
                Map<String, String> query = new LinkedHashMap<>();
                query.put("limit", String.valueOf(PAGE));
                if (cursor.addedAfter() != null) {
                    query.put("added_after", cursor.addedAfter());
                }
                if (cursor.next() != null) {
                    query.put("next", cursor.next());
                }
                TaxiiClient.Response response = client.get(partner, OBJECTS, query);
                if (response.status() == 400 && cursor.next() != null && !restarted && response.body().contains("next")) {
                    // The partner no longer knows the position it gave out (its key changed, or it was upgraded
                    // to sealed positions): start again from the last date added; objects already held are skipped.
                    log.warn("{} refused its own next value; pulling again from added_after {}", partner, cursor.addedAfter());
                    restarted = true;
                    save(partner, cursor.addedAfter(), null, 0, clock.instant(), null);
                    continue;
                }
                if (response.status() != 200) {
                    throw new IllegalStateException("GET " + OBJECTS + " answered " + response.status() + ": " + TaxiiClient.abbreviate(response.body()));
                }
                String tag = response.headers().get(SHARING_HEADER);
                String previous = cursor.sharingTag();
                if (tag != null && !tag.equals(previous)) {
                    saveSharingTag(partner, tag);
                    if (previous != null && (cursor.addedAfter() != null || cursor.next() != null) && !restarted) {
                        // What the partner lets this node read changed (an ADMIN changed its sharing settings):
                        // objects added long ago may be readable now, so start again; those already held are skipped.
                        log.info("{} changed what it shares with this node; pulling its collection again from the beginning", partner);
                        restarted = true;
                        save(partner, null, null, 0, clock.instant(), null);
                        continue;
                    }
                }
                JsonNode envelope = JSON.readTree(response.body());
                List<JsonNode> objects = new ArrayList<>();
                envelope.path("objects").forEach(objects::add);
                boolean more = envelope.path("more").asBoolean(false);
                String next = more ? envelope.path("next").asString(null) : null;
                String last = Optional.ofNullable(response.headers().get("x-taxii-date-added-last")).orElse(cursor.addedAfter());
                int[] changed = {0};
                transactions.executeWithoutResult(status -> {
                    if (!objects.isEmpty()) {
                        List<ObjectOutcome> outcomes = store.store(Collection.INTEL, objects, Origin.Partner.pulledFrom(partner));
                        changed[0] = (int) outcomes.stream().filter(ObjectOutcome::changedSomething).count();
                        outcomes.stream().filter(o -> !o.succeeded()).limit(5).forEach(o ->
                                log.warn("refused object {} from {}: {}", o.id(), partner, o.message()));
                    }
                    save(partner, more ? cursor.addedAfter() : last, next, 0, clock.instant(), null);
                });
                pages++;
                received += objects.size();
                stored += changed[0];
                if (!more) {
                    break;
                }
            }
            if (received > 0) {
                log.info("pulled {} objects ({} new or newer) from {} in {} page(s)", received, stored, partner, pages);
            }
            return new Result(partner, pages, received, stored, null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Cursor cursor = cursor(partner);
            int failures = cursor.failures() + 1;
            Duration backoff = Duration.ofSeconds(Math.min(600, 5L << Math.min(failures - 1, 7)));
            String error = TaxiiClient.describe(e);
            save(partner, cursor.addedAfter(), cursor.next(), failures, clock.instant().plus(backoff), TaxiiClient.abbreviate(error));
            log.warn("pulling intel from {} failed ({} in a row), next try in {} s: {}", partner, failures, backoff.toSeconds(), error);
            return new Result(partner, pages, received, stored, error);
        }
    }

    /** @param sharingTag the partner's {@code X-Concord-Sharing} digest as last seen, or null */
    record Cursor(String addedAfter, String next, int failures, Instant nextAttemptAt, String sharingTag) {
    }

    /** The header with the partner's digest of what it shares with this node (TaxiiServer.SHARING_HEADER, lower case). */
    private static final String SHARING_HEADER = "x-concord-sharing";

    private void saveSharingTag(PartyCode partner, String tag) {
        if (jdbc.sql("update exchange_cursor set sharing_tag = ? where partner = ?").params(tag, partner.value()).update() == 0) {
            save(partner, null, null, 0, clock.instant(), null);
            jdbc.sql("update exchange_cursor set sharing_tag = ? where partner = ?").params(tag, partner.value()).update();
        }
    }

    Cursor cursor(PartyCode partner) {
        return jdbc.sql("select added_after, next_token, failures, next_attempt_at, sharing_tag from exchange_cursor where partner = ?")
                .param(partner.value())
                .query((rs, n) -> new Cursor(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant(), rs.getString(5)))
                .optional().orElse(new Cursor(null, null, 0, Instant.EPOCH, null));
    }

    private void save(PartyCode partner, String addedAfter, String next, int failures, Instant nextAttempt, String error) {
        int updated = jdbc.sql("""
                update exchange_cursor set added_after = ?, next_token = ?, failures = ?, next_attempt_at = ?,
                       last_success_at = case when ? = 0 then ? else last_success_at end, last_error = ?
                where partner = ?""")
                .params(addedAfter, next, failures, Timestamp.from(nextAttempt), failures, Timestamp.from(clock.instant()), error,
                        partner.value())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into exchange_cursor (partner, added_after, next_token, failures, next_attempt_at, last_success_at, last_error)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(partner.value(), addedAfter, next, failures, Timestamp.from(nextAttempt),
                            failures == 0 ? Timestamp.from(clock.instant()) : null, error)
                    .update();
        }
    }

}
