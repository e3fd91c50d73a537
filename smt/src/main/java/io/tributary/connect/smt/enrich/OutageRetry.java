package io.tributary.connect.smt.enrich;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a database call, retrying with doubling backoff while it fails, for at most the retry timeout; then
 * gives up with a {@link RetriableException}, so Connect retries the record (with {@code errors.retry.timeout})
 * instead of it being enriched as if its key had no row — a database blip must not change the answer.
 *
 * <p>Logs once when an outage starts and once when it ends, never per record or per attempt.
 */
final class OutageRetry {

    private static final Logger LOG = LoggerFactory.getLogger(OutageRetry.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    /** A database call. */
    interface Call<T> {
        T run() throws SQLException;
    }

    private final DimensionTable table;
    private final Redaction redaction;
    private final long timeoutMillis;
    private final long firstBackoffMillis;
    private long outageStartNanos = -1;

    OutageRetry(DimensionTable table, Redaction redaction, long timeoutMillis, long firstBackoffMillis) {
        this.table = table;
        this.redaction = redaction;
        this.timeoutMillis = timeoutMillis;
        this.firstBackoffMillis = firstBackoffMillis;
    }

    <T> T call(String what, Call<T> call) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long backoff = firstBackoffMillis;
        while (true) {
            try {
                T result = call.run();
                if (outageStartNanos >= 0) {
                    LOG.info("Enrich: database {} is back for table {}, after {} ms", redaction.url(),
                            table.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStartNanos));
                    outageStartNanos = -1;
                }
                return result;
            } catch (SQLException e) {
                table.disconnect();
                if (outageStartNanos < 0) {
                    outageStartNanos = System.nanoTime();
                    LOG.warn("Enrich: {} in table {} at {} failed, retrying for up to {} ms: {}", what, table.name(),
                            redaction.url(), timeoutMillis, redaction.scrub(e.getMessage()));
                }
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    throw new RetriableException("Enrich: " + what + " in table " + table.name() + " at "
                            + redaction.url() + " failed for " + timeoutMillis + " ms: "
                            + redaction.scrub(e.getMessage()), redaction.scrub(e));
                }
                sleep(Math.min(backoff, remaining));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("Enrich: interrupted while waiting for the database", e);
        }
    }
}
