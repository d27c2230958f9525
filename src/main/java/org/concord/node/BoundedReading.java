package org.concord.node;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A value read from somewhere that can hang (the database, a partner), for health indicators and
 * gauges: a reading answers within {@code timeout} whatever the source does. A value younger than
 * {@code maxAge} is served from memory; otherwise the source is asked on a background thread, at
 * most one question at a time per reading, and the caller waits at most {@code timeout}. A source
 * that hangs therefore never holds a health request or a Prometheus scrape, nor piles up threads:
 * later callers wait on the same question and get {@link Result#failure} when it takes too long.
 */
public final class BoundedReading<T> {

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "concord-reading");
        thread.setDaemon(true);
        return thread;
    });

    private final String what;
    private final Supplier<T> source;
    private final long maxAgeNanos;
    private final Duration timeout;
    private volatile Sample<T> last;
    private CompletableFuture<T> asking;

    /** What a reading came to: a fresh value, or why there is none (with the last value known, if any). */
    public record Result<T>(T value, String failure, T lastKnown) {
        public boolean ok() {
            return failure == null;
        }
    }

    private record Sample<T>(T value, long takenAt) {
    }

    /**
     * @param what what is read, for the failure text ("the ledger alarms")
     * @param source how to read it; may block or throw
     * @param maxAge how long a value is served without asking again; zero asks every time
     * @param timeout how long a caller waits at most
     */
    public BoundedReading(String what, Supplier<T> source, Duration maxAge, Duration timeout) {
        this.what = Objects.requireNonNull(what, "what");
        this.source = Objects.requireNonNull(source, "source");
        this.maxAgeNanos = maxAge.toNanos();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The value, fresh or younger than the maximum age, or the failure; never waits longer than the timeout. */
    public Result<T> read() {
        Sample<T> sample = last;
        if (sample != null && maxAgeNanos > 0 && System.nanoTime() - sample.takenAt() < maxAgeNanos) {
            return new Result<>(sample.value(), null, sample.value());
        }
        CompletableFuture<T> question = ask();
        try {
            return new Result<>(question.get(timeout.toMillis(), TimeUnit.MILLISECONDS), null, null);
        } catch (TimeoutException e) {
            return failed("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        }
    }

    /** The last value read, without asking; {@code fallback} if there is none yet. Starts a new question if it is old. */
    public T latest(T fallback) {
        Sample<T> sample = last;
        if (sample == null || System.nanoTime() - sample.takenAt() >= maxAgeNanos) {
            ask();
        }
        return sample == null ? fallback : sample.value();
    }

    private Result<T> failed(String why) {
        Sample<T> sample = last;
        return new Result<>(null, "cannot read " + what + ": " + why, sample == null ? null : sample.value());
    }

    private synchronized CompletableFuture<T> ask() {
        CompletableFuture<T> question = asking;
        if (question == null) {
            CompletableFuture<T> asked = CompletableFuture.supplyAsync(source, THREADS);
            asking = asked;
            question = asked;
            // may run at once, on this thread, if the source was quick
            asked.whenComplete((value, failure) -> {
                if (failure == null) {
                    last = new Sample<>(value, System.nanoTime());
                }
                synchronized (this) {
                    if (asking == asked) {
                        asking = null;
                    }
                }
            });
        }
        return question;
    }
}
