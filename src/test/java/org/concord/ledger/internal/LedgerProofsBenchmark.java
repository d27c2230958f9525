package org.concord.ledger.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.concord.ledger.Direction;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.InMemoryTreeStore;
import org.concord.ledger.tree.MerkleLog;
import org.concord.ledger.tree.NodeHash;
import org.concord.ledger.tree.NodeId;
import org.concord.ledger.tree.TreeStore;
import org.concord.party.PartyCode;
import org.concord.testing.Postgres;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ledger proofs from the database at 10M leaves (issue 13): inclusion proofs of random leaves in
 * the whole tree and consistency proofs between random sizes, through {@link LogProofs} (what
 * {@code GET /ledger/proof/inclusion} and {@code /consistency} answer with), on PostgreSQL and on
 * the embedded H2; the baseline in the same run is the same proof from an in-memory tree of the
 * same leaves ({@link InMemoryTreeStore}).
 *
 * <p>The log is seeded fast, not appended entry by entry through the service: deterministic
 * entries (the same in every run) are hashed, the tree's nodes computed in memory, and leaves and
 * nodes written chunk by chunk with {@link LogTables#insert} (COPY on PostgreSQL, JDBC batches on
 * H2, the group commit's own writes); the two secondary indexes of {@code ledger_entry} are
 * built after the load. Before measuring, the setup checks that the
 * database and the in-memory tree have the same root and give the same proofs.
 *
 * <p>Seeding 10M leaves takes minutes; the environment variable {@code CONCORD_BENCH_KEEP=true} keeps
 * the seeded database (PostgreSQL schema {@code benchproofs_<size>}, H2 under
 * {@code target/bench-ledger-proofs/}, the leaf hashes beside it) and the next run reuses it once
 * its root is checked.
 *
 * <p>Run: {@code ./mvnw -B -Pbench -DskipTests test -Dbench="LedgerProofsBenchmark -f 1 -wi 2 -i 3"}
 * (add {@code -p store=H2 -p size=1000000} to choose).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class LedgerProofsBenchmark {

    public enum Store { POSTGRES, H2 }

    static final int CHUNK = 100_000;
    static final int QUERIES = 1 << 16;
    static final PartyCode IR = PartyCode.of("IR");
    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    @Param({"POSTGRES", "H2"})
    Store store;

    @Param({"10000000"})
    long size;

    HikariDataSource dataSource;
    LogProofs proofs;
    InMemoryTreeStore memoryStore;
    MerkleLog memory;
    long[] leaves = new long[QUERIES];
    long[] froms = new long[QUERIES];
    long[] tos = new long[QUERIES];
    int next;

    @Setup(Level.Trial)
    public void seed() throws Exception {
        dataSource = dataSource(store, size);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common")
                .schemas(store == Store.POSTGRES ? new String[] {schema(size)} : new String[0])
                .createSchemas(store == Store.POSTGRES).load().migrate();
        LogTables tables = new LogTables(JdbcClient.create(dataSource), dataSource, org.concord.node.TableStatistics.of(dataSource));
        long stored = tables.size();
        boolean write = stored == 0;
        if (!write && stored != size) {
            throw new IllegalStateException("the kept database holds " + stored + " leaves, not " + size + "; drop it");
        }
        long started = System.nanoTime();
        memoryStore = new InMemoryTreeStore();
        memory = new MerkleLog(memoryStore);
        seed(write ? tables : null, write ? new TransactionTemplate(new DataSourceTransactionManager(dataSource)) : null);
        System.out.printf("%n%s: %s %,d leaves in %.1f s%n", store, write ? "seeded" : "reused (in-memory tree rebuilt)",
                size, (System.nanoTime() - started) / 1e9);
        if (!write) {
            // A database kept from before ledger_tile: its tiles are filled as the group commit fills
            // them when idle, in chunks under the head lock.
            long filling = System.nanoTime();
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            boolean missing = tables.head().tiled() < size;
            while (Boolean.TRUE.equals(transactions.execute(status -> tables.fillTiles(1 << 18)))) {
                // chunk by chunk
            }
            if (missing) {
                execute(store == Store.POSTGRES ? new String[] {"vacuum analyze ledger_tile"} : new String[] {"analyze"});
                System.out.printf("  tiles filled from the kept database in %.1f s%n", (System.nanoTime() - filling) / 1e9);
            }
        }
        if (tables.head().tiled() != size) {
            throw new IllegalStateException("tiles are stored up to " + tables.head().tiled() + " leaves, not " + size);
        }
        proofs = new LogProofs(tables);
        if (!new StoredTree(tables).log().root(size).equals(memory.root(size))) {
            throw new IllegalStateException("the database's root differs from the in-memory tree's; drop the kept database");
        }
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < QUERIES; i++) {
            leaves[i] = random.nextLong(size);
            long a = 1 + random.nextLong(size);
            long b = 1 + random.nextLong(size);
            froms[i] = Math.min(a, b);
            tos[i] = Math.max(a, b);
        }
        // The database serves what the in-memory tree does, byte for byte (the tests check this at random
        // sizes; here once more on the measured log).
        for (int i = 0; i < 200; i++) {
            MerkleLog.Inclusion fromDb = proofs.atSize("size", size).inclusion(leaves[i]);
            if (!fromDb.leaf().equals(memory.leafHash(leaves[i])) || !fromDb.proof().equals(memory.inclusionProof(leaves[i], size))
                    || !proofs.atSize("to", tos[i]).consistencyFrom(froms[i]).equals(memory.consistencyProof(froms[i], tos[i]))) {
                throw new IllegalStateException("a proof from the database differs from the in-memory tree's at query " + i);
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        dataSource.close();
        if (!"true".equals(System.getenv("CONCORD_BENCH_KEEP"))) {
            if (store == Store.POSTGRES) {
                Postgres.dropSchema(schema(size));
            } else {
                deleteTree(h2Dir(size));
            }
        }
    }

    /** What {@code GET /ledger/proof/inclusion?index=I&size=N} computes: the size checked, the leaf and its proof. */
    @Benchmark
    public MerkleLog.Inclusion inclusionFromDatabase() {
        int q = next++ & (QUERIES - 1);
        return proofs.atSize("size", size).inclusion(leaves[q]);
    }

    /** What {@code GET /ledger/proof/consistency?from=M&to=N} computes. */
    @Benchmark
    public List<Hash> consistencyFromDatabase() {
        int q = next++ & (QUERIES - 1);
        return proofs.atSize("to", tos[q]).consistencyFrom(froms[q]);
    }

    /** Baseline: the same leaf and inclusion proof from the in-memory tree of the same leaves. */
    @Benchmark
    public List<Hash> baselineInclusionInMemory() {
        int q = next++ & (QUERIES - 1);
        memory.leafHash(leaves[q]);
        return memory.inclusionProof(leaves[q], size);
    }

    /** Baseline: the same consistency proof from the in-memory tree. */
    @Benchmark
    public List<Hash> baselineConsistencyInMemory() {
        int q = next++ & (QUERIES - 1);
        return memory.consistencyProof(froms[q], tos[q]);
    }

    /**
     * Builds the in-memory tree of the deterministic entries and, if {@code tables} is given, writes
     * each chunk's leaves and the nodes it completes to the database in one transaction.
     */
    private void seed(LogTables tables, TransactionTemplate transactions) throws Exception {
        Path leafFile = Path.of("target", "bench-ledger-proofs", "leaves-" + size + ".bin").toAbsolutePath();
        Files.createDirectories(leafFile.getParent());
        if (tables == null && Files.exists(leafFile)
                && Files.size(leafFile) == size * Hash.SIZE) {
            // Reusing a kept database: its leaf hashes, kept beside it, rebuild the in-memory tree.
            try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(leafFile), 1 << 20))) {
                for (long first = 0; first < size; first += CHUNK) {
                    int n = (int) Math.min(CHUNK, size - first);
                    List<Hash> leafHashes = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        byte[] hash = new byte[Hash.SIZE];
                        in.readFully(hash);
                        leafHashes.add(new Hash(hash));
                    }
                    memory.appendLeafHashes(leafHashes);
                }
            }
            return;
        }
        if (tables != null) {
            // Built after the load, as V4_0__ledger_log.sql creates them.
            execute("drop index ledger_entry_object", "drop index ledger_entry_leaf");
        }
        SplittableRandom random = new SplittableRandom(2026_12_03L);
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(leafFile), 1 << 20)) {
            for (long first = 0; first < size; first += CHUNK) {
                int n = (int) Math.min(CHUNK, size - first);
                List<LedgerEntry> entries = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    entries.add(anyEntry(first + i, random));
                }
                List<Hash> leafHashes = entries.parallelStream().map(LedgerEntry::leafHash).toList();
                for (Hash leaf : leafHashes) {
                    out.write(leaf.bytes());
                }
                Capturing capturing = new Capturing(memoryStore);
                new MerkleLog(capturing).appendLeafHashes(leafHashes);
                if (tables != null) {
                    long at = first;
                    transactions.executeWithoutResult(status -> {
                        tables.insert(at, entries, leafHashes, capturing.inner);
                        tables.setSize(at, at + n);
                    });
                }
                if ((first / CHUNK) % 10 == 9) {
                    System.out.printf("  %,d leaves%n", first + n);
                }
            }
        }
        if (tables != null) {
            execute("create index ledger_entry_object on ledger_entry (stix_id)",
                    "create index ledger_entry_leaf on ledger_entry (leaf_hash)");
            execute(store == Store.POSTGRES ? new String[] {"vacuum analyze ledger_entry", "vacuum analyze ledger_node",
                    "vacuum analyze ledger_tile"}
                    : new String[] {"analyze"});
        }
    }

    /** The store of the in-memory tree, keeping the inner nodes of the batch being appended. */
    private static final class Capturing implements TreeStore {
        private final InMemoryTreeStore nodes;
        final List<NodeHash> inner = new ArrayList<>();

        Capturing(InMemoryTreeStore nodes) {
            this.nodes = nodes;
        }

        @Override
        public long size() {
            return nodes.size();
        }

        @Override
        public Hash node(NodeId id) {
            return nodes.node(id);
        }

        @Override
        public List<Hash> nodes(List<NodeId> ids) {
            return nodes.nodes(ids);
        }

        @Override
        public void append(long expectedSize, long newSize, List<NodeHash> batch) {
            for (NodeHash node : batch) {
                if (node.id().level() > 0) {
                    inner.add(node);
                }
            }
            nodes.append(expectedSize, newSize, batch);
        }
    }

    /** Entry {@code i} of the seeded log: a message to or from IR, one a millisecond. */
    static LedgerEntry anyEntry(long i, SplittableRandom random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        byte[] sha = new byte[32];
        for (int k = 0; k < 32; k += 8) {
            long r = random.nextLong();
            for (int b = 0; b < 8; b++) {
                sha[k + b] = (byte) (r >>> (8 * b));
            }
        }
        Instant at = BASE.plusMillis(i);
        return new LedgerEntry(i % 2 == 0 ? Direction.SENT : Direction.RECEIVED, IR, "indicator--" + new UUID(msb, lsb),
                at.minusSeconds(60), new Hash(sha), at);
    }

    private void execute(String... statements) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                long started = System.nanoTime();
                statement.execute(sql);
                System.out.printf("  %s: %.1f s%n", sql, (System.nanoTime() - started) / 1e9);
            }
        }
    }

    static String schema(long size) {
        return "benchproofs_" + size;
    }

    static Path h2Dir(long size) {
        return Path.of("target", "bench-ledger-proofs", "h2-" + size).toAbsolutePath();
    }

    static HikariDataSource dataSource(Store store, long size) throws Exception {
        HikariConfig config = new HikariConfig();
        if (store == Store.POSTGRES) {
            config.setJdbcUrl(Postgres.urlFor(schema(size)));
            config.setUsername(Postgres.USER);
        } else {
            Files.createDirectories(h2Dir(size));
            // The embedded default's URL (NodeDatabase.embeddedUrl) without AUTO_SERVER.
            config.setJdbcUrl("jdbc:h2:file:" + h2Dir(size).resolve("concord")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            config.setUsername("sa");
        }
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
