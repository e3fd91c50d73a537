package io.tributary.bench.events;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The two loads a shot puts on a {@link BatchSender}, timing every batch from when it was due until Kafka
 * acknowledged all of it:
 *
 * <ul>
 *   <li>{@link #closedLoop}: {@code clients} threads, each sending its next batch as soon as the last one was
 *       acknowledged, until all are sent. What the system sustains, and its latency when saturated.
 *   <li>{@link #paced}: batches due at a fixed rate, each sent when due whether or not earlier ones were
 *       answered (open loop). A slow answer cannot delay the next batch and so hide its own cost from the
 *       histogram (coordinated omission): latency runs from when a batch was due, not from when it went out.
 * </ul>
 */
final class IngestLoad {

    /** How long past the last batch's due time a shot waits for answers before calling it a hang. */
    private static final Duration DRAIN_TIMEOUT = HttpBatchSender.ANSWER_TIMEOUT.plusSeconds(10);
    /** Up to an hour, at three significant digits; in microseconds. */
    private static final long MAX_LATENCY_MICROS = TimeUnit.HOURS.toMicros(1);

    /**
     * What a load got back.
     *
     * @param acknowledged batches acknowledged in full
     * @param nanos from the first batch sent to the last answer
     * @param latencyMicros acknowledged batches' latencies
     * @param failures every other answer
     * @param maxSendLagMicros paced only: how late the pacer sent its most delayed batch
     */
    record Result(int acknowledged, long nanos, Histogram latencyMicros, LoadFailures failures,
                  long maxSendLagMicros) {

        double eventsPerSecond() {
            return acknowledged * (double) ClickBatches.SIZE / (nanos / 1e9);
        }

        double percentileMillis(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1e3;
        }

        double maxMillis() {
            return latencyMicros.getMaxValue() / 1e3;
        }
    }

    private IngestLoad() {
    }

    static Result closedLoop(BatchSender sender, int batches, int clients) {
        Histogram latency = new ConcurrentHistogram(MAX_LATENCY_MICROS, 3);
        LoadFailures failures = new LoadFailures();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        Thread[] threads = new Thread[clients];
        long start = System.nanoTime();
        for (int client = 0; client < clients; client++) {
            threads[client] = new Thread(() -> {
                for (int batch = next.getAndIncrement(); batch < batches && !failures.aborted();
                        batch = next.getAndIncrement()) {
                    long sent = System.nanoTime();
                    if (await(sender.send(batch), batch, DRAIN_TIMEOUT.toNanos(), failures)) {
                        latency.recordValue(micros(System.nanoTime() - sent));
                        acknowledged.incrementAndGet();
                    }
                }
            }, "bench-client-" + client);
            threads[client].start();
        }
        for (Thread thread : threads) {
            join(thread);
        }
        return new Result(acknowledged.get(), System.nanoTime() - start, latency, failures, 0);
    }

    static Result paced(BatchSender sender, int batches, double batchesPerSecond) {
        Histogram latency = new ConcurrentHistogram(MAX_LATENCY_MICROS, 3);
        LoadFailures failures = new LoadFailures();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        long period = Math.round(1e9 / batchesPerSecond);
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] answers = new CompletableFuture[batches];
        long maxLag = 0;
        long start = System.nanoTime();
        lastAnswer.set(start);
        for (int batch = 0; batch < batches && !failures.aborted(); batch++) {
            long due = start + batch * period;
            LockSupport.parkNanos(due - System.nanoTime());
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            maxLag = Math.max(maxLag, System.nanoTime() - due);
            answers[batch] = sender.send(batch).whenComplete((ignored, e) -> {
                long now = System.nanoTime();
                lastAnswer.accumulateAndGet(now, Math::max);
                if (e == null) {
                    latency.recordValue(micros(now - due));
                    acknowledged.incrementAndGet();
                }
            });
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        for (int batch = 0; batch < batches && answers[batch] != null; batch++) {
            // Failures are noted there; the latencies and the count were taken when each answer came.
            await(answers[batch], batch, Math.max(0, deadline - System.nanoTime()), failures);
        }
        return new Result(acknowledged.get(), lastAnswer.get() - start, latency, failures, micros(maxLag));
    }

    /** Waits for one batch's answer; false, with the failure noted, unless it was acknowledged. */
    private static boolean await(CompletableFuture<Void> answer, int batch, long timeoutNanos,
            LoadFailures failures) {
        try {
            answer.get(timeoutNanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException e) {
            failures.add(e.getCause());
        } catch (TimeoutException e) {
            failures.abort("batch " + batch + ": no answer within " + DRAIN_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.abort("interrupted waiting for batch " + batch);
        }
        return false;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the clients ran", e);
        }
    }

    private static long micros(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos));
    }
}
