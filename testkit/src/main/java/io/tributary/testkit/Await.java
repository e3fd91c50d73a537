package io.tributary.testkit;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a condition holds, failing with a message that says what was awaited and what was last seen. */
public final class Await {

    private static final long POLL_MS = 250;

    private Await() {
    }

    /**
     * Polls {@code probe} until it returns a non-null value, and returns that value.
     *
     * @param what        what is awaited, for the timeout message ("connector 'orders' RUNNING with 2 tasks")
     * @param lastSeen    describes the state seen last, for the timeout message
     * @throws AssertionError on timeout
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (true) {
            try {
                T result = probe.get();
                if (result != null) {
                    return result;
                }
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error = new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for "
                        + what + "; last seen: " + lastSeen.get());
                if (lastError != null) {
                    error.initCause(lastError);
                }
                throw error;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }
}
