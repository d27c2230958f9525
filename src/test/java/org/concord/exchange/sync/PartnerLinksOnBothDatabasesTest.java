package org.concord.exchange.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;

import org.concord.party.PartyCode;
import org.concord.testing.MigratedDatabase;
import org.concord.testing.Postgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The link to a partner as a delivery run reads and records it, on both stores a node may use: a delivery that got
 * through ends the backoff and lets a split batch grow back (doubling, up to the configured maximum), with or
 * without a row for the partner yet; a limit cached and fresh is used as read, without asking the partner.
 */
class PartnerLinksOnBothDatabasesTest {

    enum Store { H2, POSTGRES }

    static final PartyCode IR = PartyCode.of("IR");

    record Fixture(HikariDataSource dataSource, String schema, JdbcClient jdbc, PartnerLinks links) implements AutoCloseable {
        @Override
        public void close() {
            dataSource.close();
            if (schema != null) {
                Postgres.dropSchema(schema);
            }
        }

        PartnerLinks.Link link() {
            return links.link(IR);
        }
    }

    static Fixture links(Store store) throws Exception {
        MigratedDatabase database = MigratedDatabase.open(MigratedDatabase.Store.valueOf(store.name()), "links");
        HikariDataSource dataSource = database.dataSource();
        String schema = database.schema();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        // no TaxiiClient: asking the partner would find it unreachable, and record so
        return new Fixture(dataSource, schema, jdbc, new PartnerLinks(jdbc, null, Clock.systemUTC(), Duration.ofMinutes(5)));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aDeliveryThatGotThroughEndsTheBackoffAndLetsASplitBatchGrowBack(Store store) throws Exception {
        try (Fixture f = links(store)) {
            // given a partner that refused a batch as too large (split to 100) and then failed twice
            f.links().splitTo(IR, 100);
            f.links().failed(IR, false, "connection refused");
            f.links().failed(IR, true, "503");
            assertThat(f.link().failures()).isEqualTo(2);

            // when a batch gets through (at most 500 a batch configured)
            f.links().delivered(IR, 100, 500);

            // then the backoff ends and the batch may be twice as large
            PartnerLinks.Link link = f.link();
            assertThat(link.failures()).isZero();
            assertThat(link.lastFailureAt()).isNull();
            assertThat(link.lastError()).isNull();
            assertThat(link.reachable()).isTrue();
            assertThat(link.lastContactAt()).isNotNull();
            assertThat(link.batchLimit()).isEqualTo(200);

            // and it grows back by doubling until the configured maximum, where the limit goes
            f.links().delivered(IR, 200, 500);
            assertThat(f.link().batchLimit()).isEqualTo(400);
            f.links().delivered(IR, 400, 500);
            assertThat(f.link().batchLimit()).isNull();
            f.links().splitTo(IR, 250);
            f.links().delivered(IR, 250, 500);
            assertThat(f.link().batchLimit()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aDeliveryToAPartnerWithoutARowYetRecordsOne(Store store) throws Exception {
        try (Fixture f = links(store)) {
            f.links().delivered(IR, 1, 500);

            PartnerLinks.Link link = f.link();
            assertThat(f.jdbc().sql("select count(*) from exchange_partner_link where partner = 'IR'").query(Integer.class).single())
                    .isEqualTo(1);
            assertThat(link.reachable()).isTrue();
            assertThat(link.failures()).isZero();
            assertThat(link.batchLimit()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aFreshCachedLimitIsUsedAsReadAndAStaleOneAsksThePartner(Store store) throws Exception {
        try (Fixture f = links(store)) {
            f.links().delivered(IR, 1, 500);
            f.jdbc().sql("update exchange_partner_link set max_content_length = 1048576, limit_checked_at = ? where partner = 'IR'")
                    .param(Timestamp.from(Instant.now())).update();

            // fresh: the limit as read, the partner not asked (asking would record it unreachable)
            assertThat(f.links().maxContentLength(IR, f.link())).contains(1_048_576L);
            assertThat(f.link().reachable()).isTrue();

            // stale: the partner is asked (unreachable here, so recorded as such) and the cached limit still stands
            f.jdbc().sql("update exchange_partner_link set limit_checked_at = ? where partner = 'IR'")
                    .param(Timestamp.from(Instant.now().minus(Duration.ofMinutes(10)))).update();
            assertThat(f.links().maxContentLength(IR, f.link())).contains(1_048_576L);
            assertThat(f.link().reachable()).isFalse();
        }
    }
}
