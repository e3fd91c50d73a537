package io.tributary.connect.events.http;

import static io.tributary.connect.events.http.Json.field;
import static io.tributary.connect.events.http.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.events.TaskHarness;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** What records valid requests become: topic, key, value, timestamp, in every body format. */
class IngestRequestsTest {

    static final String CLICK_SCHEMA = """
            {"type": "record", "name": "Click", "namespace": "retail", "fields": [
              {"name": "event_id", "type": "string"},
              {"name": "url", "type": "string"},
              {"name": "event_time", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "user", "type": {"type": "record", "name": "User", "fields": [
                {"name": "id", "type": "string"}]}}]}""";

    @Test
    void oneObjectBecomesOneSchemalessRecordWithAGeneratedTimeOrderedKey() throws Exception {
        try (TaskHarness task = TaskHarness.acking(Map.of("topic.template", "web.${stream}"))) {
            long before = System.currentTimeMillis();
            HttpResponse<String> response = task.post("clicks", "application/json; charset=utf-8",
                    "{\"url\": \"/home\", \"n\": 7, \"price\": 9.5, \"tags\": [\"a\"], \"user\": {\"id\": \"u1\"}}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            assertThat(tree(response.body()).get("errors")).isEmpty();
            SourceRecord record = task.polled().get(0);
            assertThat(record.topic()).isEqualTo("web.clicks");
            assertThat(record.valueSchema()).isNull();
            assertThat(record.value()).isEqualTo(Map.of("url", "/home", "n", 7L, "price", 9.5,
                    "tags", java.util.List.of("a"), "user", Map.of("id", "u1")));
            UUID key = UUID.fromString((String) record.key());
            assertThat(key.version()).isEqualTo(7);
            assertThat(record.timestamp()).isBetween(before, System.currentTimeMillis());
        }
    }

    @Test
    void arraysAndNdjsonKeepTheirOrderAndTakeKeysFromTheIdempotencyKey() throws Exception {
        try (TaskHarness task = TaskHarness.acking(Map.of())) {
            assertThat(task.post("clicks", "application/json", "[{\"n\":0},{\"n\":1},{\"n\":2}]",
                    "Idempotency-Key", "batch-7").statusCode()).isEqualTo(200);
            assertThat(task.post("clicks", "application/x-ndjson", "{\"n\":3}\r\n\n  \n{\"n\":4}",
                    "Idempotency-Key", "batch-8").statusCode()).isEqualTo(200);
            assertThat(task.post("clicks", "application/json", "{\"n\":5}",
                    "Idempotency-Key", "single-9").statusCode()).isEqualTo(200);

            assertThat(task.polled()).extracting(r -> (Object) ((Map<?, ?>) r.value()).get("n"))
                    .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
            assertThat(task.polled()).extracting(SourceRecord::key)
                    .containsExactly("batch-7:0", "batch-7:1", "batch-7:2", "batch-8:0", "batch-8:1", "single-9");
        }
    }

    @Test
    void theEventIdFieldIsTheKeyAndTheEventTimeFieldTheTimestamp() throws Exception {
        try (TaskHarness task = TaskHarness.acking(Map.of("event.id.field", "meta.id",
                "event.time.field", "meta.time"))) {
            HttpResponse<String> response = task.post("clicks", "application/x-ndjson",
                    "{\"meta\": {\"id\": \"e-1\", \"time\": \"2026-12-02T10:15:30.123Z\"}}\n"
                            + "{\"meta\": {\"id\": 42, \"time\": \"2026-12-02T11:15:30+01:00\"}}\n"
                            + "{\"meta\": {\"time\": \"2026-12-02T10:15:30\"}}",
                    "Idempotency-Key", "k");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(task.polled()).extracting(SourceRecord::key).containsExactly("e-1", "42", "k:2");
            long expected = Instant.parse("2026-12-02T10:15:30.123Z").toEpochMilli();
            assertThat(task.polled()).extracting(SourceRecord::timestamp)
                    .containsExactly(expected, expected - 123, expected - 123);
        }
    }

    @Test
    void epochEventTimes() throws Exception {
        try (TaskHarness task = TaskHarness.acking(Map.of("event.time.field", "ts",
                "event.time.format", "epoch_seconds"))) {
            assertThat(task.post("clicks", "application/json", "{\"ts\": 1764670530}").statusCode())
                    .isEqualTo(200);

            assertThat(task.polled().get(0).timestamp()).isEqualTo(1_764_670_530_000L);
        }
    }

    @Test
    void aStreamWithAnAvroSchemaWritesStructsOfIt() throws Exception {
        try (TaskHarness task = TaskHarness.acking(Map.of("streams", "clicks",
                "streams.clicks.schema", CLICK_SCHEMA, "streams.clicks.event.id.field", "event_id",
                "streams.clicks.event.time.field", "event_time"))) {
            HttpResponse<String> response = task.post("clicks", "application/json",
                    "{\"event_id\": \"e-1\", \"url\": \"/cart\", \"event_time\": \"2026-12-02T10:15:30.123Z\","
                            + " \"user\": {\"id\": \"u-9\"}}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            SourceRecord record = task.polled().get(0);
            assertThat(record.valueSchema().type()).isEqualTo(Schema.Type.STRUCT);
            assertThat(record.valueSchema().name()).isEqualTo("retail.Click");
            Struct click = (Struct) record.value();
            assertThat(click.getString("url")).isEqualTo("/cart");
            assertThat(click.getStruct("user").getString("id")).isEqualTo("u-9");
            assertThat(record.key()).isEqualTo("e-1");
            assertThat(record.timestamp()).isEqualTo(Instant.parse("2026-12-02T10:15:30.123Z").toEpochMilli());
        }
    }

    @Test
    void recordValueFormatJsonWritesEachEventAsItWasSentAfterValidatingIt() throws Exception {
        try (TaskHarness task = TaskHarness.acking(Map.of("streams", "clicks", "record.value.format", "json",
                "streams.clicks.schema", CLICK_SCHEMA, "streams.clicks.event.id.field", "event_id",
                "streams.clicks.event.time.field", "event_time"))) {
            String first = "{\"event_id\": \"e-1\", \"url\": \"/cart\", \"event_time\": 1764670530000, "
                    + "\"user\": {\"id\": \"u-9\"}, \"extra\": [1, {\"x\": null}]}";
            String second = "{\"event_id\":\"e-2\",\"url\":\"/\",\"event_time\":1764670531000,\"user\":{\"id\":\"u\"}}";
            String invalid = "{\"event_id\": \"e-3\", \"url\": 5, \"event_time\": 1, \"user\": {\"id\": \"u\"}}";
            HttpResponse<String> lines = task.post("clicks", "application/x-ndjson",
                    "  " + first + " \r\n" + invalid + "\n\t" + second + "\r\n");
            HttpResponse<String> array = task.post("clicks", "application/json",
                    "[ " + second + " ,\n" + first + "]");

            assertThat(lines.statusCode()).as(lines.body()).isEqualTo(200);
            assertThat(field(lines.body(), "rejected")).isEqualTo(1);
            assertThat(array.statusCode()).as(array.body()).isEqualTo(200);
            assertThat(task.polled()).allSatisfy(record -> assertThat(record.valueSchema()).isEqualTo(Schema.BYTES_SCHEMA));
            assertThat(task.polled()).extracting(r -> new String((byte[]) r.value(), StandardCharsets.UTF_8))
                    .containsExactly(first, second, second, first);
            assertThat(task.polled()).extracting(SourceRecord::key).containsExactly("e-1", "e-2", "e-2", "e-1");
            assertThat(task.polled()).extracting(SourceRecord::timestamp)
                    .containsExactly(1764670530000L, 1764670531000L, 1764670531000L, 1764670530000L);
        }
    }

    @Test
    void healthSaysUpWithTheQueue() throws Exception {
        try (TaskHarness task = TaskHarness.acking(Map.of("queue.max.events", "500"))) {
            HttpResponse<String> health = task.get("/health");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(tree(health.body()).get("status").asText()).isEqualTo("up");
            assertThat(field(health.body(), "capacity")).isEqualTo(500);
        }
    }

    @Test
    void metricsCountRequestsEventsAndLatency() throws Exception {
        try (TaskHarness task = TaskHarness.acking(Map.of("streams", "clicks"))) {
            task.post("clicks", "application/x-ndjson", "{\"n\":1}\n{\"n\":2}\nnot json");
            task.post("orders", "application/json", "{}");

            assertThat(task.metric("requests-total")).isEqualTo(2);
            assertThat(task.metric("requests-rejected-total")).isEqualTo(1);
            assertThat(task.metric("events-accepted-total")).isEqualTo(2);
            assertThat(task.metric("events-rejected-total")).isEqualTo(1);
            assertThat(task.metric("requests-in-flight")).isZero();
            assertThat(task.metric("ack-latency-p99-ms")).isPositive();
            assertThat(task.metric("ack-latency-max-ms")).isGreaterThanOrEqualTo(task.metric("ack-latency-p50-ms"));
        }
    }
}
