package org.concord.ledger.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.concord.ledger.Ledger;
import org.concord.ledger.LedgerEntry;
import org.concord.ledger.tree.Hash;
import org.concord.ledger.tree.MerkleLog;
import org.concord.ledger.tree.NodeHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link Ledger} on the database, with group commit: callers put their entries on a queue;
 * one writer thread takes everything waiting (up to {@code concord.ledger.max-batch}), appends it
 * in one transaction (lock the head row, read the right border, write the leaves, the
 * subtrees and the tiles they complete, move the size) and only after the commit completes each caller's
 * future with its index. While one transaction commits, the next batch gathers, so the more
 * callers wait, the larger and cheaper the batches get. If a transaction fails, every caller in
 * it gets {@link Ledger.LedgerUnavailable} and nothing of the batch is in the log.
 *
 * <p>Several instances of one node each run a writer; the head row lock puts their batches one
 * after the other.
 */
@Component
class GroupCommit implements Ledger, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private final LogTables tables;
    private final TransactionTemplate transactions;
    private final int maxBatch;
    /** Entries waiting, as their callers gave them: the entries of one {@link #appendAll} (up to max-batch) are one group, committed together. */
    private final BlockingQueue<List<Pending>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;
    /** Whether tiles may be missing (a ledger written before {@code ledger_tile}): filled when idle. */
    private boolean tilesBehind = true;
    private long fillAfter = System.nanoTime();

    /** An entry waiting for its batch; its leaf hash is computed by the caller, off the writer thread. */
    private record Pending(LedgerEntry entry, Hash leaf, CompletableFuture<Long> index) {
    }

    GroupCommit(LogTables tables, PlatformTransactionManager transactionManager, LedgerSettings settings) {
        this.tables = tables;
        this.transactions = new TransactionTemplate(transactionManager);
        this.maxBatch = settings.maxBatch();
        this.writer = new Thread(this::run, "ledger-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public long append(LedgerEntry entry) {
        return await(appendAsync(entry));
    }

    /**
     * Appends {@code entries} in the order given, as consecutive leaves committed together (a list longer than
     * max-batch in consecutive commits of max-batch each): queued as one group, so that the writer never takes a
     * caller's first entry alone and commits the rest a transaction later (issue 13: a delivery's SENT entries and a
     * POST's RECEIVED entries cost one commit, not two).
     */
    @Override
    public List<Long> appendAll(List<LedgerEntry> entries) {
        List<Long> indexes = new ArrayList<>(entries.size());
        for (CompletableFuture<Long> future : enqueue(entries)) {
            indexes.add(await(future));
        }
        return indexes;
    }

    @Override
    public CompletableFuture<Long> appendAsync(LedgerEntry entry) {
        return enqueue(List.of(java.util.Objects.requireNonNull(entry, "entry"))).get(0);
    }

    /**
     * Queues {@code entries} as groups of at most max-batch, in the order given, each entry's index to come in its
     * future; an entry met once the ledger is shutting down fails at once. No entry is queued if one is null.
     */
    private List<CompletableFuture<Long>> enqueue(List<LedgerEntry> entries) {
        entries.forEach(entry -> java.util.Objects.requireNonNull(entry, "entry")); // before any is queued
        List<CompletableFuture<Long>> futures = new ArrayList<>(entries.size());
        List<Pending> group = new ArrayList<>(Math.min(entries.size(), maxBatch));
        for (LedgerEntry entry : entries) {
            CompletableFuture<Long> index = new CompletableFuture<>();
            futures.add(index);
            if (!running) {
                index.completeExceptionally(new LedgerUnavailable("the ledger is shutting down", null));
                continue;
            }
            group.add(new Pending(entry, entry.leafHash(), index));
            if (group.size() == maxBatch) {
                queue.add(group);
                group = new ArrayList<>(Math.min(entries.size(), maxBatch));
            }
        }
        if (!group.isEmpty()) {
            queue.add(group);
        }
        return futures;
    }

    @Override
    public long size() {
        return tables.size();
    }

    private static long await(CompletableFuture<Long> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailable("interrupted while waiting for the ledger commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LedgerUnavailable unavailable) {
                throw unavailable;
            }
            throw new LedgerUnavailable("ledger append failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                List<Pending> first = queue.poll(tilesBehind && System.nanoTime() - fillAfter >= 0 ? 0 : 100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    fillTilesWhileIdle();
                    continue;
                }
                batch.addAll(first);
                // whole groups only, while they fit (this thread alone takes from the queue: what it peeks it polls)
                for (List<Pending> next = queue.peek(); next != null && batch.size() + next.size() <= maxBatch; next = queue.peek()) {
                    batch.addAll(queue.poll());
                }
                commit(batch);
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException e) {
                log.error("ledger batch of {} entries failed, nothing of it was appended: {}", batch.size(), e.toString());
                LedgerUnavailable failure = new LedgerUnavailable("ledger batch failed, nothing was appended: " + e.getMessage(), e);
                batch.forEach(p -> p.index().completeExceptionally(failure));
            } finally {
                batch.clear();
            }
        }
        List<Pending> left;
        while ((left = queue.poll()) != null) {
            left.forEach(p -> p.index().completeExceptionally(new LedgerUnavailable("the ledger shut down before this entry was appended", null)));
        }
    }

    /**
     * Stores one chunk of the tiles a ledger written before {@code ledger_tile} lacks, in its own
     * transaction under the head lock, while no entry waits; once none is missing, never again.
     */
    private void fillTilesWhileIdle() {
        if (!tilesBehind || System.nanoTime() - fillAfter < 0) {
            return;
        }
        try {
            tilesBehind = Boolean.TRUE.equals(transactions.execute(status -> tables.fillTiles(FILL_LEAVES)));
        } catch (RuntimeException e) {
            log.warn("could not store the ledger's missing tiles, trying again in a minute: {}", e.toString());
            fillAfter = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        }
    }

    /** Leaves whose tiles one idle fill stores: 2,048 tiles, about 2 MB read, one short transaction. */
    static final long FILL_LEAVES = 1 << 16;

    private void commit(List<Pending> batch) {
        List<LedgerEntry> entries = new ArrayList<>(batch.size());
        List<Hash> leaves = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            entries.add(pending.entry());
            leaves.add(pending.leaf());
        }
        Long first = transactions.execute(status -> {
            long size = tables.lockSize();
            new MerkleLog(new LockedStore(size, entries, leaves)).appendLeafHashes(leaves);
            return size;
        });
        // Committed: only now is anyone told.
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).index().complete(first + i);
        }
    }

    /** The tree as seen inside the append transaction, whose head row is locked at {@code size}. */
    private final class LockedStore extends TableTreeStore {
        private final long size;
        private final List<LedgerEntry> entries;
        private final List<Hash> leaves;

        LockedStore(long size, List<LedgerEntry> entries, List<Hash> leaves) {
            super(GroupCommit.this.tables);
            this.size = size;
            this.entries = entries;
            this.leaves = leaves;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void append(long expectedSize, long newSize, List<NodeHash> nodes) {
            if (expectedSize != size || newSize != size + entries.size()) {
                throw new ConcurrentAppendException(expectedSize, size);
            }
            List<NodeHash> inner = new ArrayList<>(nodes.size() - entries.size());
            for (NodeHash node : nodes) {
                if (node.id().level() > 0) {
                    inner.add(node);
                }
            }
            tables.insert(size, entries, leaves, inner);
            tables.setSize(size, newSize);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        writer.join(10_000);
    }
}
