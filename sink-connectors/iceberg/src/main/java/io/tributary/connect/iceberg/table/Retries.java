package io.tributary.connect.iceberg.table;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a catalog call that failed transiently, with exponential backoff and jitter.
 *
 * <p>The jitter matters more than the backoff: tasks that collided on a locked catalog would otherwise wake up
 * together and collide again. Each wait is drawn uniformly between half and all of
 * {@code backoff * 2^(attempt - 1)}, capped at {@link #MAX_DELAY}.
 */
public final class Retries {

    /** Long enough for a busy catalog to drain, short enough that a task still answers its poll deadline. */
    static final Duration MAX_DELAY = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);

    private Retries() {
    }

    /**
     * Calls {@code action} until it succeeds, fails with an error that {@link TableCreator#isTransient} does
     * not recognise, or has failed {@code attempts} times.
     *
     * @see #withRetries(Callable, int, Duration, Predicate)
     */
    public static <T> T withRetries(Callable<T> action, int attempts, Duration backoff) {
        return withRetries(action, attempts, backoff, TableCreator::isTransient);
    }

    /**
     * Calls {@code action} until it succeeds, fails with an error that {@code retryable} rejects, or has failed
     * {@code attempts} times.
     *
     * @param attempts calls in all, at least 1
     * @return what the first successful call returned
     * @throws RuntimeException the last failure, as thrown when unchecked, else wrapped in a
     *     {@link ConnectException}; failures of earlier attempts are attached as suppressed exceptions
     */
    public static <T> T withRetries(Callable<T> action, int attempts, Duration backoff,
            Predicate<Throwable> retryable) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative, not " + backoff);
        }
        List<Exception> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                return action.call();
            } catch (Exception e) {
                if (attempt >= attempts || !retryable.test(e)) {
                    throw lastFailure(e, earlier);
                }
                Duration delay = delay(backoff, attempt);
                LOG.warn("Transient failure (attempt {} of {}), retrying in {} ms: {}", attempt, attempts,
                        delay.toMillis(), e.toString());
                earlier.add(e);
                sleep(delay, e);
            }
        }
    }

    static Duration delay(Duration backoff, int attempt) {
        long ceiling = Math.min(MAX_DELAY.toMillis(), backoff.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static RuntimeException lastFailure(Exception last, List<Exception> earlier) {
        RuntimeException failure = last instanceof RuntimeException unchecked
                ? unchecked
                : new ConnectException(last.getMessage(), last);
        earlier.stream().filter(e -> e != last).forEach(failure::addSuppressed);
        return failure;
    }

    private static void sleep(Duration delay, Exception failure) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ConnectException interrupted = new ConnectException("Interrupted while waiting to retry", failure);
            interrupted.addSuppressed(e);
            throw interrupted;
        }
    }
}
