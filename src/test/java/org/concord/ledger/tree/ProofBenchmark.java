package org.concord.ledger.tree;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inclusion and consistency proofs at 1M and 10M leaves over the in-memory store: generation
 * and verification, and the SHA-256 of one leaf as the baseline measured in the same run.
 * Run: {@code ./mvnw -Pbench -DskipTests test -Dbench="ProofBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ProofBenchmark {

    @Param({"1000000", "10000000"})
    long size;

    MerkleLog log;
    Hash root;
    long index;
    long oldSize;
    List<Hash> inclusion;
    List<Hash> consistency;
    Hash oldRoot;
    Hash leaf;

    @Setup
    public void fill() throws Exception {
        InMemoryTreeStore store = new InMemoryTreeStore();
        log = new MerkleLog(store);
        int batch = 100_000;
        for (long done = 0; done < size; done += batch) {
            List<byte[]> entries = new java.util.ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                entries.add(java.nio.ByteBuffer.allocate(8).putLong(done + i).array());
            }
            log.append(entries);
        }
        root = log.root(size);
        index = size / 3;
        oldSize = size / 2 + 1;
        leaf = Rfc9162Hasher.leaf(java.nio.ByteBuffer.allocate(8).putLong(index).array());
        inclusion = log.inclusionProof(index, size);
        consistency = log.consistencyProof(oldSize, size);
        oldRoot = log.root(oldSize);
    }

    @Benchmark
    public Hash baselineOneLeafHash() {
        return Rfc9162Hasher.leaf(java.nio.ByteBuffer.allocate(8).putLong(index).array());
    }

    @Benchmark
    public List<Hash> generateInclusionProof() throws Exception {
        return log.inclusionProof(index, size);
    }

    @Benchmark
    public Object verifyInclusionProof() throws Exception {
        Proofs.verifyInclusion(index, size, leaf, inclusion, root);
        return root;
    }

    @Benchmark
    public List<Hash> generateConsistencyProof() throws Exception {
        return log.consistencyProof(oldSize, size);
    }

    @Benchmark
    public Object verifyConsistencyProof() throws Exception {
        Proofs.verifyConsistency(oldSize, size, consistency, oldRoot, root);
        return root;
    }
}
