package io.tributary.bench.sink;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Where a sink's records become visible to the benchmark: rows committed to a table, or records handed to a
 * sink that writes nothing. Polled, so that every sink is watched at the same pace.
 */
interface Landing {

    /** Fine enough for freshness measured in hundreds of milliseconds, light on the two cores. */
    Duration POLL = Duration.ofMillis(10);

    /** How many records have landed so far. */
    long count();

    /** What landed, for the log after a shot ("in 12 data files", say). */
    String describe();

    /** Checks after a shot that the sink wrote what every sink compared with it writes; throws if not. */
    void check();

    /**
     * Polls until at least {@code count} records have landed.
     *
     * @param state describes the writer, for the timeout message (its connector status, say)
     * @return {@link System#nanoTime()} when the count was first seen at or above {@code count}
     * @throws IllegalStateException on timeout
     */
    default long awaitAtLeast(long count, Duration timeout, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = count();
            long now = System.nanoTime();
            if (seen >= count) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + count
                        + " records " + this + "; last seen " + seen + "; " + state.get());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for records " + this, e);
            }
        }
    }
}
