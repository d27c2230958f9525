package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

import org.concord.audit.AuditLog;
import org.concord.party.ApiTokens;
import org.concord.party.NodeIdentity;
import org.concord.party.Pairing;
import org.concord.party.PairingRecord;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.party.UserAccounts;
import org.concord.party.keys.FileNodeIdentity;
import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every migration and every repository runs on both stores a node may use: the embedded H2 file and
 * the real PostgreSQL. Each test runs once per store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BothDatabasesTest {

    enum Store { H2, POSTGRES }

    private final Map<Store, ConfigurableApplicationContext> nodes = new java.util.LinkedHashMap<>();
    private final Map<Store, Path> dataDirs = new java.util.LinkedHashMap<>();
    private String schema;
    private PairingRecord partnerRecord;

    @BeforeAll
    void startOneNodePerStore() throws Exception {
        schema = Postgres.newSchema("both");
        Path partnerDir = Files.createTempDirectory("concord-partner-");
        partnerRecord = FileNodeIdentity.loadOrCreate(new NodeSettings(new NodeSettings.PartySettings("IR", "Iran"),
                java.net.URI.create("https://localhost:8442"), partnerDir, null), java.time.Clock.systemUTC()).pairingRecord();
        for (Store store : Store.values()) {
            Path dir = Files.createTempDirectory("concord-" + store.name().toLowerCase() + "-");
            dataDirs.put(store, dir);
            nodes.put(store, start(store, dir));
        }
    }

    private ConfigurableApplicationContext start(Store store, Path dir) {
        return OfflineNode.start(store == Store.H2 ? OfflineNode.Store.H2 : OfflineNode.Store.POSTGRES, dir, schema,
                Map.of("concord.scheduling.enabled", "true"));
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(ConfigurableApplicationContext::close);
        Postgres.dropSchema(schema);
    }

    /**
     * The clock row gives each batch its date added: now, or a microsecond after the last batch's when the clock went
     * back; and it holds the row's lock until the batch's transaction ends.
     */
    @ParameterizedTest
    @EnumSource(Store.class)
    void theDateAddedNeverGoesBackwardsWhenTheClockDoes(Store store) {
        var table = nodes.get(store).getBean(org.concord.intel.persistence.IntelTable.class);
        var transactions = nodes.get(store).getBean(org.springframework.transaction.support.TransactionTemplate.class);
        JdbcClient jdbc = nodes.get(store).getBean(JdbcClient.class);
        java.sql.Timestamp before = jdbc.sql("select last_added from intel_clock where name = 'intel'").query(java.sql.Timestamp.class).single();
        Instant far = Instant.parse("2999-01-01T00:00:00.123456789Z");
        Instant first = transactions.execute(status -> table.lockClockAndNextDateAdded(far));
        assertThat(first).as("now, to the microsecond").isEqualTo(Instant.parse("2999-01-01T00:00:00.123456Z"));
        Instant second = transactions.execute(status -> table.lockClockAndNextDateAdded(Instant.parse("2026-12-06T00:00:00Z")));
        assertThat(second).as("the clock went back: a microsecond after the last").isEqualTo(Instant.parse("2999-01-01T00:00:00.123457Z"));
        Instant third = transactions.execute(status -> table.lockClockAndNextDateAdded(Instant.parse("2999-01-01T00:00:01Z")));
        assertThat(third).as("the clock went on past it: now again").isEqualTo(Instant.parse("2999-01-01T00:00:01Z"));
        // nothing was stored meanwhile: the clock goes back where it was, for the other tests of this node
        jdbc.sql("update intel_clock set last_added = ? where name = 'intel'").param(before).update();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void everyMigrationIsApplied(Store store) throws Exception {
        JdbcClient jdbc = nodes.get(store).getBean(JdbcClient.class);
        long files = 0;
        for (String dir : new String[] {"common", store == Store.H2 ? "h2" : "postgresql"}) {
            try (var list = Files.list(Path.of("src/main/resources/db/migration", dir))) {
                files += list.filter(p -> p.getFileName().toString().startsWith("V")).count();
            }
        }
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success = true and version is not null")
                .query(Long.class).single()).isEqualTo(files);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void pairingIsStoredAuditedAndIdempotent(Store store) {
        var node = nodes.get(store);
        Pairing pairing = node.getBean(Pairing.class);
        Partners partners = node.getBean(Partners.class);
        assertThat(pairing.pair(partnerRecord, "test", false).outcome()).isIn(Pairing.Outcome.PAIRED, Pairing.Outcome.ALREADY_PAIRED);
        assertThat(pairing.pair(partnerRecord, "test", false).outcome()).isEqualTo(Pairing.Outcome.ALREADY_PAIRED);
        var partner = partners.byCode(PartyCode.of("IR")).orElseThrow();
        assertThat(partner.fingerprint()).isEqualTo(partnerRecord.fingerprint());
        assertThat(partners.byFingerprint(partnerRecord.fingerprint())).contains(partner);
        assertThat(node.getBean(AuditLog.class).recent(100)).anyMatch(e -> e.action().equals("partner.paired") && e.subject().equals("IR"));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aRefusedPairingChangesNothing(Store store) throws Exception {
        var node = nodes.get(store);
        Pairing pairing = node.getBean(Pairing.class);
        pairing.pair(partnerRecord, "test", false);
        int auditBefore = node.getBean(AuditLog.class).recent(10_000).size();
        Path otherDir = Files.createTempDirectory("concord-other-");
        PairingRecord otherKeys = FileNodeIdentity.loadOrCreate(new NodeSettings(new NodeSettings.PartySettings("IR", "Iran"),
                java.net.URI.create("https://localhost:8442"), otherDir, null), java.time.Clock.systemUTC()).pairingRecord();
        assertThatThrownBy(() -> pairing.pair(otherKeys, "test", false)).isInstanceOf(Conflict.class)
                .hasMessageStartingWith("party.code: IR is already paired");
        assertThat(node.getBean(Partners.class).byCode(PartyCode.of("IR")).orElseThrow().fingerprint())
                .isEqualTo(partnerRecord.fingerprint());
        assertThat(node.getBean(AuditLog.class).recent(10_000)).hasSize(auditBefore);
        NodeIdentity self = node.getBean(NodeIdentity.class);
        assertThatThrownBy(() -> pairing.pair(self.pairingRecord(), "test", false)).isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("party.code:");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void usersTokensAndTheirRulesWork(Store store) {
        var node = nodes.get(store);
        UserAccounts accounts = node.getBean(UserAccounts.class);
        String name = "analyst-" + store.name().toLowerCase();
        var added = accounts.add(name, Set.of(Role.ANALYST, Role.VIEWER), null, "test");
        assertThat(added.generatedPassword()).hasSize(20);
        assertThat(accounts.all()).anyMatch(a -> a.username().equals(name) && a.roles().equals(Set.of(Role.ANALYST, Role.VIEWER)));
        assertThatThrownBy(() -> accounts.add(name, Set.of(Role.VIEWER), null, "test")).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> accounts.add("Bad Name", Set.of(Role.VIEWER), null, "test"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("username"));
        assertThatThrownBy(() -> accounts.add("short-pw-" + store.name().toLowerCase(), Set.of(Role.VIEWER), "short", "test"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("password"));
        ApiTokens tokens = node.getBean(ApiTokens.class);
        var issued = tokens.issue(name, "a script", Duration.ofHours(1));
        assertThat(tokens.owner(issued.token())).contains(name);
        // a request's one query: the token, its owner with every role, and its address's failed-login row (none yet)
        var throttling = node.getBean(org.concord.party.security.LoginThrottle.class);
        String address = "198.51.100." + (store.ordinal() + 7);
        var lookup = tokens.lookUp(issued.token(), org.concord.party.security.LoginThrottle.addressSubject(address));
        assertThat(lookup.throttle()).isEmpty();
        assertThat(tokens.check(lookup).owner().roles()).containsExactlyInAnyOrder(Role.ANALYST, Role.VIEWER);
        assertThat(tokens.check(lookup).live().username()).isEqualTo(name);
        for (int i = 0; i < 20; i++) {
            throttling.failed(null, address, "token");
        }
        lookup = tokens.lookUp(issued.token(), org.concord.party.security.LoginThrottle.addressSubject(address));
        assertThat(lookup.throttle()).get().extracting(r -> r.failures()).isEqualTo(20);
        assertThat(throttling.standing(lookup.throttle().stream().toList()).blocked()).isEqualTo("address");
        assertThat(tokens.check(lookup).owner().roles()).as("with the throttle row, still each role once")
                .containsExactlyInAnyOrder(Role.ANALYST, Role.VIEWER);
        var unknown = tokens.lookUp(issued.token() + "x", org.concord.party.security.LoginThrottle.addressSubject(address));
        assertThat(unknown.token()).isEmpty();
        assertThat(unknown.throttle()).isPresent();
        assertThat(tokens.check(unknown).live()).isNull();
        assertThat(tokens.owner(issued.token() + "x")).isEmpty();
        // HTTP Basic's one query: the user named with every role, and the failed-login rows of its address and account
        var users = node.getBean(org.concord.party.persistence.UserTable.class);
        var basic = users.userWithThrottle(name, org.concord.party.security.LoginThrottle.subjects(name, address));
        assertThat(basic.user()).get().extracting(u -> u.roles()).isEqualTo(Set.of(Role.ANALYST, Role.VIEWER));
        assertThat(basic.user()).get().extracting(u -> u.passwordHash()).isEqualTo(users.find(name).orElseThrow().passwordHash());
        assertThat(basic.throttle()).extracting(r -> r.subject()).containsExactly(
                org.concord.party.security.LoginThrottle.addressSubject(address));
        assertThat(throttling.standing(basic.throttle()).blocked()).isEqualTo("address");
        throttling.failed(name, "203.0.113.9", "password");
        var both = users.userWithThrottle(name, org.concord.party.security.LoginThrottle.subjects(name, address));
        assertThat(both.throttle()).as("the address's row and the account's, each once").hasSize(2);
        assertThat(both.user()).get().extracting(u -> u.roles()).as("with two throttle rows, still each role once")
                .isEqualTo(Set.of(Role.ANALYST, Role.VIEWER));
        assertThat(throttling.standing(both.throttle()).accountHasFailures()).isTrue();
        throttling.succeeded(name);
        var nobody = users.userWithThrottle("nobody-" + store.name().toLowerCase(),
                org.concord.party.security.LoginThrottle.subjects("nobody", "192.0.2.77"));
        assertThat(nobody.user()).isEmpty();
        assertThat(nobody.throttle()).isEmpty();
        String stored = node.getBean(JdbcClient.class).sql("select token_hash from party_api_token where username = ?")
                .param(name).query(String.class).single();
        assertThat(stored).isNotEqualTo(issued.token()).hasSize(64);
        String hash = node.getBean(JdbcClient.class).sql("select password_hash from party_user where username = ?")
                .param(name).query(String.class).single();
        assertThat(hash).as("an account added as an admin adds one: the node's own Argon2id parameters, 16 MiB and two passes")
                .startsWith("{argon2@SpringSecurity_v5_8}$argon2id$v=19$m=16384,t=2,p=1$");
        // Issue 9: token ids, what disabling ends, and failed-login counts, on this store too.
        assertThat(tokens.of(name)).extracting(ApiTokens.Token::id).containsExactly(issued.id());
        accounts.disable(name, "test");
        assertThat(tokens.owner(issued.token())).isEmpty();
        var throttle = node.getBean(org.concord.party.security.LoginThrottle.class);
        for (int i = 0; i < 5; i++) {
            throttle.failed(name, "2001:db8::" + i, "password");
        }
        assertThat(throttle.standing(name, "192.0.2.2").isBlocked()).isTrue();
        assertThat(throttle.standing("someone-else", "2001:db8::ffff").blocked()).isNull();
        throttle.succeeded(name);
        assertThat(throttle.standing(name, "192.0.2.2").accountHasFailures()).isFalse();
    }

    /** Several instances of one node share PostgreSQL (the embedded H2 file serves one instance: docs/operations.md). */
    @org.junit.jupiter.api.Test
    void scheduledWorkIsLockedInTheDatabaseSoOnlyOneInstanceOnPostgresRunsIt() {
        Store store = Store.POSTGRES;
        ConfigurableApplicationContext second = start(store, dataDirs.get(store));
        try {
            LockProvider one = nodes.get(store).getBean(LockProvider.class);
            LockProvider two = second.getBean(LockProvider.class);
            var config = new LockConfiguration(Instant.now(), "test-task", Duration.ofMinutes(1), Duration.ZERO);
            SimpleLock held = one.lock(config).orElseThrow();
            assertThat(two.lock(config)).as("a second instance may not take a held lock").isEmpty();
            held.unlock();
            SimpleLock taken = two.lock(config).orElseThrow();
            taken.unlock();
        } finally {
            second.close();
        }
    }

    /**
     * A job's lock is held for a minute at most, so that a node killed while the job ran (or whose release of the lock
     * a database restart lost) stops the job for that long only; while the job runs, the lock is kept alive.
     */
    @org.junit.jupiter.api.Test
    void aRunningJobsLockIsKeptAliveBeyondItsShortHold() throws Exception {
        var jdbc = new org.springframework.jdbc.core.JdbcTemplate(nodes.get(Store.POSTGRES).getBean(javax.sql.DataSource.class));
        LockProvider locks = nodes.get(Store.POSTGRES).getBean(LockProvider.class);
        SimpleLock held = locks.lock(new LockConfiguration(Instant.now(), "test-long-task", Duration.ofSeconds(30), Duration.ZERO)).orElseThrow();
        try {
            java.sql.Timestamp first = jdbc.queryForObject("select lock_until from shedlock where name = 'test-long-task'", java.sql.Timestamp.class);
            // extended every half of the 30 s hold
            Thread.sleep(17_000);
            java.sql.Timestamp later = jdbc.queryForObject("select lock_until from shedlock where name = 'test-long-task'", java.sql.Timestamp.class);
            assertThat(later).as("the lock of a job still running is extended").isAfter(first);
            assertThat(locks.lock(new LockConfiguration(Instant.now(), "test-long-task", Duration.ofSeconds(30), Duration.ZERO)))
                    .as("and no one else takes it meanwhile").isEmpty();
        } finally {
            held.unlock();
        }
    }
}
