package org.concord.exchange.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.concord.party.PartyCode;
import org.concord.testing.MigratedDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The completion of promised receipts finds its work in the promises noted at delivery, on both stores a node may
 * use, not by searching every delivered message's receipt: the oldest promises of one partner come first, with the
 * message as sent, and a run's next chunk after the last row it asked for; a completed one is kept in the outbox and is no longer asked for; and a node that upgrades
 * keeps the promises its outbox already holds (the migration notes them from the receipts). A broken promise is no
 * longer asked for and is listed as broken, and a node that upgrades lists those it broke before it kept the list.
 */
class PromisedReceiptsAreFoundWithoutReadingTheHistoryTest {

    static final PartyCode IR = PartyCode.of("IR");
    static final PartyCode AF = PartyCode.of("AF");

    @ParameterizedTest
    @EnumSource(MigratedDatabase.Store.class)
    void theOldestPromisesOfAPartnerAreReadAndACompletedOneIsNotAskedForAgain(MigratedDatabase.Store store) throws Exception {
        try (MigratedDatabase database = MigratedDatabase.open(store, "promises")) {
            JdbcClient jdbc = JdbcClient.create(database.dataSource());
            ReceiptPromises promises = new ReceiptPromises(jdbc, new JdbcTemplate(database.dataSource()));
            long a = delivered(jdbc, IR, "a", "{\"promise\":{}}");
            long b = delivered(jdbc, AF, "b", "{\"promise\":{}}");
            long c = delivered(jdbc, IR, "c", "{\"promise\":{}}");
            long d = delivered(jdbc, IR, "d", "{\"promise\":{}}");
            promises.promised(IR, List.of(d, a, c));
            promises.promised(AF, List.of(b));

            assertThat(promises.oldest(IR, 0, 2)).containsExactly(new ReceiptPromises.Promised(a, "{\"id\":\"a\"}", "{\"promise\":{}}"),
                    new ReceiptPromises.Promised(c, "{\"id\":\"c\"}", "{\"promise\":{}}"));
            assertThat(promises.oldest(AF, 0, 500)).extracting(ReceiptPromises.Promised::seq).containsExactly(b);
            assertThat(promises.oldest(IR, a, 500)).as("after a row: the next chunk of a run").extracting(ReceiptPromises.Promised::seq)
                    .containsExactly(c, d);
            assertThat(promises.oldest(IR, d, 500)).as("after the last").isEmpty();

            promises.complete(java.util.Map.of(a, "{\"checkpoint\":{}}"));
            assertThat(jdbc.sql("select receipt from exchange_outbox where seq = ?").param(a).query(String.class).single())
                    .isEqualTo("{\"checkpoint\":{}}");
            assertThat(promises.oldest(IR, 0, 500)).extracting(ReceiptPromises.Promised::seq).containsExactly(c, d);

            // a broken promise is no longer asked for; the outbox keeps the signed promise, and it is listed as broken
            Instant broken = Instant.parse("2026-12-06T10:00:00Z");
            promises.broken(IR, java.util.Map.of(c, "no record of the message"), broken);
            assertThat(promises.oldest(IR, 0, 500)).extracting(ReceiptPromises.Promised::seq).containsExactly(d);
            assertThat(jdbc.sql("select receipt from exchange_outbox where seq = ?").param(c).query(String.class).single())
                    .isEqualTo("{\"promise\":{}}");
            assertThat(jdbc.sql("select seq, partner, broken_at, answer, resent_seq from exchange_broken_promise").query().listOfRows())
                    .hasSize(1).first().satisfies(row -> {
                        assertThat(((Number) row.get("seq")).longValue()).isEqualTo(c);
                        assertThat(row.get("partner")).isEqualTo("IR");
                        assertThat(jdbc.sql("select broken_at from exchange_broken_promise").query((rs, n) -> rs.getTimestamp(1).toInstant())
                                .single()).isEqualTo(broken);
                        assertThat(row.get("answer")).isEqualTo("no record of the message");
                        assertThat(row.get("resent_seq")).isNull();
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(MigratedDatabase.Store.class)
    void anUpgradedNodeKeepsThePromisesItsOutboxHolds(MigratedDatabase.Store store) throws Exception {
        // the outbox as the node before this table left it: promised, completed, refused and undelivered messages
        try (MigratedDatabase database = MigratedDatabase.open(store, "promises", "15.80")) {
            JdbcClient jdbc = JdbcClient.create(database.dataSource());
            long promised = delivered(jdbc, IR, "promised", "{\"receiver\":\"IR\",\"promise\":{\"deadline\":\"2026-12-05T18:00:00Z\"}}");
            delivered(jdbc, IR, "completed", "{\"receiver\":\"IR\",\"checkpoint\":{},\"proof\":[]}");
            delivered(jdbc, IR, "refused", null);
            long elsewhere = delivered(jdbc, AF, "promised to AF", "{\"promise\":{}}");
            jdbc.sql("""
                    insert into exchange_outbox (partner, object_id, object, enqueued_at, attempts, next_attempt_at)
                    values ('IR', 'undelivered', '{}', current_timestamp, 0, current_timestamp)""").update();

            database.migrate();

            ReceiptPromises promises = new ReceiptPromises(jdbc, new JdbcTemplate(database.dataSource()));
            assertThat(promises.oldest(IR, 0, 500)).extracting(ReceiptPromises.Promised::seq).containsExactly(promised);
            assertThat(promises.oldest(AF, 0, 500)).extracting(ReceiptPromises.Promised::seq).containsExactly(elsewhere);
        }
    }

    @ParameterizedTest
    @EnumSource(MigratedDatabase.Store.class)
    void anUpgradedNodeListsThePromisesBrokenBeforeItCouldListThem(MigratedDatabase.Store store) throws Exception {
        // the outbox as the node before the list left it: a promise still asked for, one broken (no longer asked for),
        // a completed receipt and a promise to another partner that is still asked for
        try (MigratedDatabase database = MigratedDatabase.open(store, "promises", "16.1")) {
            JdbcClient jdbc = JdbcClient.create(database.dataSource());
            long asked = delivered(jdbc, IR, "asked", "{\"receiver\":\"IR\",\"promise\":{\"deadline\":\"2026-12-05T18:00:00Z\"}}");
            long broken = delivered(jdbc, IR, "broken", "{\"receiver\":\"IR\",\"promise\":{\"deadline\":\"2026-12-05T18:00:00Z\"}}");
            delivered(jdbc, IR, "completed", "{\"receiver\":\"IR\",\"checkpoint\":{},\"proof\":[]}");
            long elsewhere = delivered(jdbc, AF, "promised to AF", "{\"promise\":{}}");
            jdbc.sql("insert into exchange_receipt_promise (seq, partner) values (?, 'IR'), (?, 'AF')").params(asked, elsewhere).update();

            database.migrate();

            assertThat(jdbc.sql("select seq, partner, broken_at, answer from exchange_broken_promise").query().listOfRows())
                    .hasSize(1).first().satisfies(row -> {
                        assertThat(((Number) row.get("seq")).longValue()).isEqualTo(broken);
                        assertThat(row.get("partner")).isEqualTo("IR");
                        assertThat(row.get("broken_at")).as("not known").isNull();
                        assertThat((String) row.get("answer")).startsWith("broken before this list was kept");
                    });
        }
    }

    /** A delivered outbox row to {@code partner}, whose message is {@code {"id":"<id>"}}, with {@code receipt}; its seq. */
    private static long delivered(JdbcClient jdbc, PartyCode partner, String id, String receipt) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into exchange_outbox (partner, object_id, object, enqueued_at, attempts, next_attempt_at, delivered_at, receipt)
                values (?, ?, ?, ?, 1, ?, ?, ?)""").params(partner.value(), id, "{\"id\":\"" + id + "\"}", now, now, now, receipt).update();
        return jdbc.sql("select max(seq) from exchange_outbox").query(Long.class).single();
    }
}
