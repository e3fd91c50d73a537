package io.tributary.connect.events.http;

import static io.tributary.connect.events.http.Json.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.events.TaskHarness;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** A request is answered 200 only once the worker has settled every one of its records. */
class DurabilityContractTest {

    private static final String NDJSON = "application/x-ndjson";

    @Test
    void answersOnlyAfterTheLastRecordIsAcknowledged() throws Exception {
        try (TaskHarness task = TaskHarness.holding(Map.of())) {
            CompletableFuture<HttpResponse<String>> response = task.postAsync("clicks", NDJSON,
                    "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");

            task.awaitUnacked(3);
            task.ack(2);
            Thread.sleep(200);
            assertThat(response).isNotDone();

            task.ack(1);
            HttpResponse<String> answered = response.get();
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(field(answered.body(), "accepted")).isEqualTo(3);
            assertThat(field(answered.body(), "rejected")).isEqualTo(0);
        }
    }

    @Test
    void aStoppedTaskAnswers503ForEveryRequestNotYetInKafka() throws Exception {
        TaskHarness task = TaskHarness.holding(Map.of());
        CompletableFuture<HttpResponse<String>> handedOut = task.postAsync("clicks", NDJSON, "{\"n\":1}\n{\"n\":2}");
        task.awaitUnacked(2);
        task.pausePolling();
        Thread.sleep(150);
        CompletableFuture<HttpResponse<String>> queued = task.postAsync("clicks", NDJSON, "{\"n\":3}");
        Thread.sleep(300);
        task.ack(1);

        task.stopTask();

        HttpResponse<String> first = handedOut.get();
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).isPresent();
        assertThat(first.body()).contains("some may have been written");
        HttpResponse<String> second = queued.get();
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.body()).contains("none was written");
        task.close();
    }

    @Test
    void aRequestThatWaitsTooLongGets503AndItsQueuedEventsAreNeverHandedOut() throws Exception {
        try (TaskHarness task = TaskHarness.holding(Map.of("request.timeout.ms", "300"))) {
            task.pausePolling();
            Thread.sleep(150);

            HttpResponse<String> response = task.post("clicks", NDJSON, "{\"n\":1}\n{\"n\":2}");
            task.resumePolling();
            Thread.sleep(300);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("within 300 ms").contains("none was written");
            assertThat(task.polled()).isEmpty();
            assertThat(task.metric("queue-depth")).isZero();
        }
    }

    @Test
    void aFullQueueAnswers429WithRetryAfterAndHoldsNothingMore() throws Exception {
        try (TaskHarness task = TaskHarness.holding(Map.of("queue.max.events", "3"))) {
            CompletableFuture<HttpResponse<String>> first = task.postAsync("clicks", NDJSON, "{\"n\":1}\n{\"n\":2}");
            task.awaitUnacked(2);

            HttpResponse<String> rejected = task.post("clicks", NDJSON, "{\"n\":3}\n{\"n\":4}");
            assertThat(rejected.statusCode()).isEqualTo(429);
            assertThat(rejected.headers().firstValue("Retry-After")).hasValue("1");
            CompletableFuture<HttpResponse<String>> fits = task.postAsync("clicks", NDJSON, "{\"n\":5}");
            task.awaitUnacked(3);
            assertThat(task.metric("queue-depth")).isEqualTo(3);
            assertThat(task.get("/health").statusCode()).isEqualTo(503);

            task.ackAll();
            assertThat(first.get().statusCode()).isEqualTo(200);
            assertThat(fits.get().statusCode()).isEqualTo(200);
            assertThat(task.metric("queue-depth")).isZero();
        }
    }

    @Test
    void recordsDroppedByTheWorkerAreReportedAsDropped() throws Exception {
        try (TaskHarness task = TaskHarness.holding(Map.of())) {
            CompletableFuture<HttpResponse<String>> response = task.postAsync("clicks", NDJSON, "{\"n\":1}\n{\"n\":2}");
            task.awaitUnacked(2);

            task.dropAll();

            HttpResponse<String> answered = response.get();
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(field(answered.body(), "dropped")).isEqualTo(2);
            assertThat(task.metric("events-dropped-total")).isEqualTo(2);
        }
    }

    @Test
    void sequenceNumbersContinueAfterTheLastCommittedOffset() throws Exception {
        try (TaskHarness task = TaskHarness.resuming(Map.of("tributary.task.index", "4"), Map.of("seq", 41L))) {
            assertThat(task.post("clicks", NDJSON, "{\"n\":1}\n{\"n\":2}").statusCode()).isEqualTo(200);

            assertThat(task.polled()).extracting(SourceRecord::sourcePartition).containsOnly(Map.of("task", "4"));
            assertThat(task.polled()).extracting(SourceRecord::sourceOffset)
                    .containsExactly(Map.of("seq", 42L), Map.of("seq", 43L));
        }
    }
}
