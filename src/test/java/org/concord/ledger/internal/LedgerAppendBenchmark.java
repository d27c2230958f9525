package org.concord.ledger.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.concord.ledger.Direction;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.Proofs;
import org.concord.party.PartyCode;
import org.concord.testing.Postgres;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Durable appends per second on the real PostgreSQL (127.0.0.1:5432, database test, a schema of its
 * own), through the ledger's group commit: 10,000 callers' entries queued at once and committed in
 * as few transactions as the writer makes of them ({@code groupCommit}); the baseline in the same
 * run is one caller appending alone, one transaction per entry ({@code baselineOneTransactionPerAppend}).
 * Each committed entry is a row in {@code ledger_entry} plus on average one in {@code ledger_node}.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests test -Dbench="LedgerAppendBenchmark -f 1"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class LedgerAppendBenchmark {

    static final int CALLERS = 10_000;
    static final PartyCode IR = PartyCode.of("IR");

    HikariDataSource dataSource;
    String schema;
    GroupCommit ledger;
    List<LedgerEntry> entries;

    @Setup(Level.Trial)
    public void freshSchema() {
        schema = Postgres.newSchema("bench");
        dataSource = dataSource(schema);
        Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration/common").load().migrate();
        ledger = new GroupCommit(new LogTables(JdbcClient.create(dataSource), dataSource, org.concord.node.TableStatistics.of(dataSource)),
                new DataSourceTransactionManager(dataSource), new LedgerSettings(null, null, null, null, null, null));
        entries = anyEntries(CALLERS);
    }

    @TearDown(Level.Trial)
    public void dropSchema() throws Exception {
        ledger.destroy();
        dataSource.close();
        Postgres.dropSchema(schema);
    }

    @Benchmark
    @OperationsPerInvocation(CALLERS)
    public long groupCommit() {
        List<CompletableFuture<Long>> pending = new ArrayList<>(CALLERS);
        for (LedgerEntry entry : entries) {
            pending.add(ledger.appendAsync(entry));
        }
        long last = 0;
        for (CompletableFuture<Long> index : pending) {
            last = index.join();
        }
        return last;
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public long baselineOneTransactionPerAppend() {
        long last = 0;
        for (int i = 0; i < 100; i++) {
            last = ledger.append(entries.get(i));
        }
        return last;
    }

    static HikariDataSource dataSource(String schema) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Postgres.urlFor(schema));
        config.setUsername(Postgres.USER);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    static List<LedgerEntry> anyEntries(int n) {
        List<LedgerEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectDigest object = new ObjectDigest("indicator--" + UUID.randomUUID(), Instant.parse("2024-01-26T09:30:00Z"),
                    ObjectDigest.of("{\"type\":\"indicator\",\"id\":\"indicator--" + UUID.randomUUID()
                            + "\",\"modified\":\"2024-01-26T09:30:00Z\"}").sha256());
            entries.add(LedgerEntry.of(Direction.SENT, IR, object, Instant.now()));
        }
        return entries;
    }

    /**
     * Proofs from the database store at 1M leaves: generation (the stored hashes a proof needs,
     * read in one query by primary key, then folded) and, for comparison, verification.
     * Run: {@code ./mvnw -Pbench -DskipTests test -Dbench="LedgerAppendBenchmark.Proofs -f 1"}.
     */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 3, time = 3)
    @Fork(1)
    public static class ProofsAtOneMillion {

        static final long SIZE = 1_000_000;
        HikariDataSource dataSource;
        String schema;
        StoredTree tree;
        Hash root;
        Hash oldRoot;
        Hash leaf;
        long index;
        long oldSize;
        List<Hash> inclusion;
        List<Hash> consistency;
        long calls;

        @Setup(Level.Trial)
        public void millionLeaves() throws Exception {
            schema = Postgres.newSchema("benchproof");
            dataSource = dataSource(schema);
            Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                    .locations("classpath:db/migration/common").load().migrate();
            LogTables tables = new LogTables(JdbcClient.create(dataSource), dataSource, org.concord.node.TableStatistics.of(dataSource));
            GroupCommit ledger = new GroupCommit(tables, new DataSourceTransactionManager(dataSource),
                    new LedgerSettings(null, null, null, null, null, null));
            List<LedgerEntry> batch = anyEntries(50_000);
            for (long done = 0; done < SIZE; done += batch.size()) {
                List<CompletableFuture<Long>> pending = new ArrayList<>();
                for (LedgerEntry entry : batch) {
                    pending.add(ledger.appendAsync(entry));
                }
                pending.forEach(CompletableFuture::join);
            }
            ledger.destroy();
            tree = new StoredTree(tables);
            index = SIZE / 3;
            oldSize = SIZE / 2 + 1;
            root = tree.log().root(SIZE);
            oldRoot = tree.log().root(oldSize);
            leaf = tree.log().leafHash(index);
            inclusion = tree.log().inclusionProof(index, SIZE);
            consistency = tree.log().consistencyProof(oldSize, SIZE);
        }

        @TearDown(Level.Trial)
        public void dropSchema() {
            dataSource.close();
            Postgres.dropSchema(schema);
        }

        @Benchmark
        public List<Hash> inclusionProofFromDatabase() {
            return tree.log().inclusionProof((index + calls++ * 7919) % SIZE, SIZE);
        }

        @Benchmark
        public List<Hash> consistencyProofFromDatabase() {
            return tree.log().consistencyProof(oldSize, SIZE);
        }

        @Benchmark
        public Hash verifyInclusionProof() throws Exception {
            Proofs.verifyInclusion(index, SIZE, leaf, inclusion, root);
            return root;
        }

        @Benchmark
        public Hash verifyConsistencyProof() throws Exception {
            Proofs.verifyConsistency(oldSize, SIZE, consistency, oldRoot, root);
            return root;
        }
    }
}
