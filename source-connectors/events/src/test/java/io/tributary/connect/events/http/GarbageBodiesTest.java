package io.tributary.connect.events.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.events.TaskHarness;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and mangled bodies: each gets a well-formed JSON answer with a 2xx or 4xx status, the
 * server stays healthy, and exactly the events answered as accepted are written.
 */
class GarbageBodiesTest {

    private static final long SEED = Long.getLong("tributary.fuzz.seed", 20261202L);
    private static final int BODIES = 3_000;
    private static final String[] CONTENT_TYPES = {"application/json", "application/x-ndjson", "text/plain",
        "application/json; charset=utf-8"};
    private static final String[] SEEDS = {
        "{\"event_id\": \"e-1\", \"url\": \"/home\", \"event_time\": 1764670530000, \"user\": {\"id\": \"u-1\"}}",
        "[{\"event_id\": \"e-2\", \"url\": \"/a\", \"event_time\": \"2026-12-02T10:15:30Z\", \"user\": {\"id\": \"u\"}},"
                + " {\"event_id\": \"e-3\", \"url\": \"/b\", \"event_time\": 5, \"user\": {\"id\": \"v\"}}]",
        "{\"a\": [1, 2.5, -3e7, true, null, {\"b\": \"\\u00e9\\n\"}]}\n{\"c\": {}}\n",
    };

    @Test
    void randomAndMangledBodiesNeverBreakTheServer() throws Exception {
        Map<String, String> props = new HashMap<>(Map.of("streams", "clicks,any", "streams.clicks.schema",
                IngestRequestsTest.CLICK_SCHEMA, "bad.events.topic", "dead-letters", "request.max.bytes", "8192",
                "request.max.events", "50"));
        Random random = new Random(SEED);
        HttpClient client = HttpClient.newHttpClient();
        try (TaskHarness task = TaskHarness.withClient(props, client)) {
            int accepted = 0;
            for (int i = 0; i < BODIES; i++) {
                byte[] body = random.nextInt(4) == 0 ? randomBytes(random) : mangled(random);
                String stream = random.nextBoolean() ? "clicks" : "any";
                HttpRequest request = HttpRequest.newBuilder(task.uri("/v1/events/" + stream))
                        .header("Content-Type", CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)])
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

                String context = "seed " + SEED + ", body " + i + ": " + new String(body, StandardCharsets.UTF_8);
                assertThat(response.statusCode()).as(context).isIn(200, 400, 413, 415);
                assertThat(Json.tree(response.body()).isObject()).as(context).isTrue();
                if (response.statusCode() == 200) {
                    accepted += Json.field(response.body(), "accepted");
                }
            }

            List<SourceRecord> written = task.polled();
            assertThat(written.stream().filter(r -> !r.topic().equals("dead-letters")).count()).isEqualTo(accepted);
            assertThat(accepted).as("some mangled bodies still hold valid events").isPositive();
            assertThat(task.metric("events-accepted-total")).isEqualTo(accepted);
            assertThat(task.get("/health").statusCode()).isEqualTo(200);
            assertThat(task.metric("queue-depth")).isZero();
            assertThat(task.metric("requests-in-flight")).isZero();
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A seed body with a few characters inserted, deleted or replaced by JSON's own punctuation. */
    private static byte[] mangled(Random random) {
        StringBuilder text = new StringBuilder(SEEDS[random.nextInt(SEEDS.length)]);
        String punctuation = "{}[]\",:\\ 0-9.etrunlfa\n\u00ff\u0000";
        int edits = random.nextInt(4);
        for (int i = 0; i < edits && text.length() > 0; i++) {
            int at = random.nextInt(text.length());
            char c = punctuation.charAt(random.nextInt(punctuation.length()));
            switch (random.nextInt(3)) {
                case 0 -> text.insert(at, c);
                case 1 -> text.deleteCharAt(at);
                default -> text.setCharAt(at, c);
            }
        }
        if (random.nextInt(10) == 0) {
            text.append("\n").append(text);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
