package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloseablesTest {

    private final List<String> closed = new ArrayList<>();

    private AutoCloseable resource(String name, Exception failure) {
        return () -> {
            closed.add(name);
            if (failure != null) {
                throw failure;
            }
        };
    }

    @Test
    void closesEveryResourceInOrderAndSkipsNulls() {
        Closeables.closeAll(resource("worker", null), null, resource("database", null));

        assertThat(closed).containsExactly("worker", "database");
    }

    @Test
    void aFailingResourceDoesNotKeepTheOthersOpenAndTheFirstFailureIsThrown() {
        Throwable thrown = catchThrowable(() -> Closeables.closeAll(
                resource("worker", new IllegalStateException("worker would not stop")),
                resource("s3", new java.io.IOException("s3 would not stop")),
                resource("database", null)));

        assertThat(closed).containsExactly("worker", "s3", "database");
        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("worker would not stop");
        assertThat(thrown.getSuppressed()).singleElement()
                .satisfies(suppressed -> assertThat(suppressed).hasMessage("s3 would not stop"));
    }
}
