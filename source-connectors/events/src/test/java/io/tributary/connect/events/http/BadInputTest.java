package io.tributary.connect.events.http;

import static io.tributary.connect.events.http.Json.field;
import static io.tributary.connect.events.http.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connect.events.TaskHarness;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets a 4xx naming what is wrong, and nothing invalid reaches the stream's topic. */
class BadInputTest {

    private static final Map<String, String> CLICKS = Map.of("streams", "clicks",
            "streams.clicks.schema", IngestRequestsTest.CLICK_SCHEMA);
    private static final String VALID = "{\"event_id\": \"e\", \"url\": \"/\", \"event_time\": 1, "
            + "\"user\": {\"id\": \"u\"}}";

    @Test
    void invalidEventsAreNamedByIndexAndTheValidOnesWritten() throws Exception {
        try (TaskHarness task = TaskHarness.acking(CLICKS)) {
            HttpResponse<String> response = task.post("clicks", "application/x-ndjson", String.join("\n",
                    VALID,
                    "{\"event_id\": \"e\", \"url\": 5, \"event_time\": 1, \"user\": {\"id\": \"u\"}}",
                    "{\"event_id\": \"e\", \"event_time\": 1, \"user\": {\"id\": \"u\"}}",
                    "{\"event_id\": \"secret-value\", \"url\": \"/\", \"event_time\": 1, \"user\": {\"id\":",
                    "[1, 2]",
                    VALID));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(field(response.body(), "accepted")).isEqualTo(2);
            assertThat(field(response.body(), "rejected")).isEqualTo(4);
            JsonNode errors = tree(response.body()).get("errors");
            assertThat(errors).extracting(e -> e.get("index").asInt()).containsExactly(1, 2, 3, 4);
            assertThat(errors.get(0).get("reason").asText()).contains("url");
            assertThat(errors.get(1).get("reason").asText()).contains("missing").contains("url");
            assertThat(errors.get(2).get("reason").asText()).contains("not valid JSON");
            assertThat(errors.get(3).get("reason").asText()).contains("object");
            assertThat(response.body()).doesNotContain("secret-value");
            assertThat(task.polled()).hasSize(2);
        }
    }

    @Test
    void rejectRequestWritesNothingOfARequestWithAnInvalidEvent() throws Exception {
        Map<String, String> props = new java.util.HashMap<>(CLICKS);
        props.put("bad.events.policy", "reject-request");
        try (TaskHarness task = TaskHarness.acking(props)) {
            HttpResponse<String> response = task.post("clicks", "application/json",
                    "[" + VALID + ", {\"url\": \"/\"}, " + VALID + "]");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(field(response.body(), "accepted")).isZero();
            assertThat(tree(response.body()).get("errors").get(0).get("index").asInt()).isEqualTo(1);
            Thread.sleep(200);
            assertThat(task.polled()).isEmpty();
        }
    }

    @Test
    void invalidEventsGoToTheDeadLetterTopicWithTheReasonInHeaders() throws Exception {
        Map<String, String> props = new java.util.HashMap<>(CLICKS);
        props.put("bad.events.topic", "clicks-dlq");
        try (TaskHarness task = TaskHarness.holding(props)) {
            var pending = task.postAsync("clicks", "application/json", "[" + VALID + ", {\"url\": 1}]");
            task.awaitUnacked(2);
            Thread.sleep(100);
            assertThat(pending).isNotDone();
            task.ackAll();

            HttpResponse<String> response = pending.get();
            assertThat(response.statusCode()).isEqualTo(200);
            SourceRecord deadLetter = task.polled().get(1);
            assertThat(deadLetter.topic()).isEqualTo("clicks-dlq");
            assertThat(deadLetter.value()).isEqualTo("{\"url\": 1}");
            assertThat(header(deadLetter, "tributary.error.reason")).asString().contains("url");
            assertThat(header(deadLetter, "tributary.error.stream")).isEqualTo("clicks");
            assertThat(header(deadLetter, "tributary.error.index")).isEqualTo(1);
            assertThat(task.metric("events-dead-lettered-total")).isEqualTo(1);
        }
    }

    @Test
    void withJsonValuesDeadLettersAreBytesTooAsByteArrayConverterNeeds() throws Exception {
        Map<String, String> props = new java.util.HashMap<>(CLICKS);
        props.put("bad.events.topic", "clicks-dlq");
        props.put("record.value.format", "json");
        try (TaskHarness task = TaskHarness.acking(props)) {
            HttpResponse<String> response = task.post("clicks", "application/json", "[" + VALID + ", {\"url\": 1}]");

            assertThat(response.statusCode()).isEqualTo(200);
            SourceRecord deadLetter = task.polled().get(1);
            assertThat(deadLetter.topic()).isEqualTo("clicks-dlq");
            assertThat(deadLetter.valueSchema()).isEqualTo(Schema.OPTIONAL_BYTES_SCHEMA);
            assertThat(deadLetter.value()).isInstanceOf(byte[].class);
            assertThat(new String((byte[]) deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"url\": 1}");
        }
    }

    @Test
    void everyEventInvalidIs400() throws Exception {
        try (TaskHarness task = TaskHarness.acking(CLICKS)) {
            HttpResponse<String> response = task.post("clicks", "application/json", "[{\"url\": 1}, 7]");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(field(response.body(), "rejected")).isEqualTo(2);
        }
    }

    @Test
    void malformedJsonBodiesAreRejectedWholeWithWhereTheErrorIs() throws Exception {
        try (TaskHarness task = TaskHarness.acking(Map.of())) {
            HttpResponse<String> broken = task.post("clicks", "application/json", "[{\"a\": 1},\n {\"a\": tru}]");
            assertThat(broken.statusCode()).isEqualTo(400);
            assertThat(error(broken)).contains("not valid JSON").contains("line 2");
            assertThat(broken.body()).doesNotContain("tru");

            HttpResponse<String> twoValues = task.post("clicks", "application/json", "{\"a\": 1} {\"a\": 2}");
            assertThat(twoValues.statusCode()).isEqualTo(400);
            assertThat(error(twoValues)).contains("more than one JSON value");

            HttpResponse<String> empty = task.post("clicks", "application/json", "[]");
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThat(error(empty)).contains("no events");

            HttpResponse<String> deep = task.post("clicks", "application/json",
                    "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
            assertThat(deep.statusCode()).isEqualTo(400);
            assertThat(task.polled()).isEmpty();
        }
    }

    @Test
    void requestLevelProblemsGetTheirOwnStatus() throws Exception {
        try (TaskHarness task = TaskHarness.acking(Map.of("streams", "clicks", "request.max.bytes", "2048",
                "request.max.events", "3"))) {
            assertThat(task.post("orders", "application/json", "{}").statusCode()).isEqualTo(404);
            HttpResponse<String> type = task.post("clicks", "text/plain", "{}");
            assertThat(type.statusCode()).isEqualTo(415);
            assertThat(error(type)).contains("application/x-ndjson");
            assertThat(task.post("clicks", "application/json; charset=iso-8859-1", "{}").statusCode())
                    .isEqualTo(415);
            assertThat(task.post("clicks", null, "{}").statusCode()).isEqualTo(415);
            HttpResponse<String> large = task.post("clicks", "application/json",
                    "{\"a\": \"" + "x".repeat(3000) + "\"}");
            assertThat(large.statusCode()).isEqualTo(413);
            assertThat(error(large)).contains("request.max.bytes");
            HttpResponse<String> many = task.post("clicks", "application/x-ndjson", "{}\n{}\n{}\n{}");
            assertThat(many.statusCode()).isEqualTo(413);
            assertThat(error(many)).contains("request.max.events");
            assertThat(task.post("clicks", "application/json", "{}", "Idempotency-Key", " ").statusCode())
                    .isEqualTo(400);

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(task.uri("/v1/events/clicks")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).hasValue("POST");
            HttpResponse<String> elsewhere = client.send(HttpRequest.newBuilder(task.uri("/v2/things")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.statusCode()).isEqualTo(404);
            assertThat(task.polled()).isEmpty();
        }
    }

    @Test
    void aChunkedBodyPastTheLimitIsRefusedWithoutReadingIt() throws Exception {
        try (TaskHarness task = TaskHarness.acking(Map.of("request.max.bytes", "4096"))) {
            byte[] big = ("{\"a\": \"" + "x".repeat(100_000) + "\"}").getBytes();
            HttpRequest request = HttpRequest.newBuilder(task.uri("/v1/events/clicks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                    .build();

            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(task.get("/health").statusCode()).isEqualTo(200);
        }
    }

    private static String error(HttpResponse<String> response) {
        return tree(response.body()).get("error").asText();
    }

    private static Object header(SourceRecord record, String key) {
        Header header = record.headers().lastWithName(key);
        return header == null ? null : header.value();
    }
}
