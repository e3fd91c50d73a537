package io.tributary.connect.iceberg.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class RetriesTest {

    private static final Duration BACKOFF = Duration.ofMillis(1);

    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void retriesTransientFailuresUntilASuccess() {
        String result = Retries.withRetries(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new UncheckedIOException(new IOException("connection reset"));
            }
            return "ok";
        }, 5, BACKOFF);

        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void doesNotRetryAPermanentFailure() {
        assertThatThrownBy(() -> Retries.withRetries(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("bad config");
        }, 5, BACKOFF))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("bad config");
        assertThat(calls).hasValue(1);
    }

    @Test
    void givesUpAfterTheLastAttemptWithEarlierFailuresSuppressed() {
        assertThatThrownBy(() -> Retries.withRetries(() -> {
            throw new CommitFailedException("conflict %d", calls.incrementAndGet());
        }, 3, BACKOFF))
                .isInstanceOf(CommitFailedException.class)
                .hasMessage("conflict 3")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("conflict 1", "conflict 2"));
    }

    @Test
    void wrapsACheckedFailureInAConnectException() {
        assertThatThrownBy(() -> Retries.withRetries(() -> {
            calls.incrementAndGet();
            throw new IOException("disk gone");
        }, 2, BACKOFF))
                .isInstanceOf(ConnectException.class)
                .hasMessage("disk gone")
                .hasCauseInstanceOf(IOException.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void usesTheGivenPredicate() {
        assertThat(Retries.withRetries(() -> {
            if (calls.incrementAndGet() < 2) {
                throw new IllegalStateException("retry me");
            }
            return calls.get();
        }, 2, BACKOFF, e -> e instanceof IllegalStateException)).isEqualTo(2);
    }

    @Test
    void stopsWhenInterruptedWhileWaiting() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Retries.withRetries(() -> {
                calls.incrementAndGet();
                throw new UncheckedIOException(new IOException("blip"));
            }, 5, Duration.ofSeconds(1)))
                    .isInstanceOf(ConnectException.class)
                    .hasMessage("Interrupted while waiting to retry")
                    .hasCauseInstanceOf(UncheckedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(calls).hasValue(1);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void backsOffExponentiallyWithJitterUpToACap() {
        Duration backoff = Duration.ofMillis(100);

        assertThat(Retries.delay(backoff, 1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(Retries.delay(backoff, 3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(Retries.delay(backoff, 40)).isBetween(Retries.MAX_DELAY.dividedBy(2), Retries.MAX_DELAY);
        assertThat(Retries.delay(Duration.ZERO, 3)).isZero();
    }

    @Test
    void rejectsNonsensicalArguments() {
        assertThatThrownBy(() -> Retries.withRetries(() -> 1, 0, BACKOFF))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Retries.withRetries(() -> 1, 1, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
