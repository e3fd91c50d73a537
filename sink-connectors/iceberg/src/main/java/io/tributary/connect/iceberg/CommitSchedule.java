package io.tributary.connect.iceberg;

import io.tributary.connect.iceberg.config.CommitSettings;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * When to commit: every interval, or early when a task holds too many records or bytes; after a failure,
 * with doubling backoff, and not past the commit timeout. Time is read only when the task is called, so the
 * task also tells the worker how long its next poll may wait ({@link #millisUntilDue}).
 */
final class CommitSchedule {

    private static final long MAX_BACKOFF_NANOS = 30_000_000_000L;

    private final CommitSettings settings;
    private long lastAttemptNanos = System.nanoTime();
    private long failingSinceNanos = -1;
    private long backoffNanos;

    CommitSchedule(CommitSettings settings) {
        this.settings = settings;
    }

    boolean due(long pendingRecords, long pendingBytes) {
        if (pendingRecords == 0) {
            return false;
        }
        long sinceLast = System.nanoTime() - lastAttemptNanos;
        if (failingSinceNanos >= 0) {
            return sinceLast >= backoffNanos;
        }
        return sinceLast >= settings.interval().toNanos()
                || pendingRecords >= settings.maxBufferedRecords()
                || pendingBytes >= settings.maxBufferedBytes();
    }

    /**
     * How long until {@link #due} turns true by time alone, for records already pending: the rest of the
     * interval, or of the backoff after a failure; 0 when it is due now, -1 with nothing pending (no commit to
     * wait for).
     */
    long millisUntilDue(long pendingRecords) {
        if (pendingRecords == 0) {
            return -1;
        }
        long wait = failingSinceNanos >= 0 ? backoffNanos : settings.interval().toNanos();
        long left = wait - (System.nanoTime() - lastAttemptNanos);
        return left <= 0 ? 0 : (left + 999_999) / 1_000_000;
    }

    void succeeded() {
        lastAttemptNanos = System.nanoTime();
        failingSinceNanos = -1;
        backoffNanos = 0;
    }

    /** @throws ConnectException once commits have failed for longer than the commit timeout */
    void failed(RuntimeException cause) {
        long now = System.nanoTime();
        lastAttemptNanos = now;
        if (failingSinceNanos < 0) {
            failingSinceNanos = now;
        }
        backoffNanos = backoffNanos == 0 ? settings.retryBackoff().toNanos()
                : Math.min(backoffNanos * 2, MAX_BACKOFF_NANOS);
        if (now - failingSinceNanos > settings.timeout().toNanos()) {
            throw new ConnectException("Iceberg commits have failed for more than " + settings.timeout().toSeconds()
                    + " s: " + cause.getMessage(), cause);
        }
    }
}
