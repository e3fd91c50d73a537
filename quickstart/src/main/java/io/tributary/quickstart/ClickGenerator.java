package io.tributary.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Website visitors clicking through the shop: posts click events to the events source as NDJSON batches, most on
 * time, some late (their event time hours in the past, as a phone that was offline sends them), some malformed
 * (a field missing or of the wrong type), and counts what the endpoint accepted and rejected, and why.
 */
final class ClickGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PAGES = {"/", "/search", "/product/1001", "/product/1002", "/product/2001",
        "/cart", "/checkout", "/account"};
    private static final String[] AGENTS = {"Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1) Safari/604.1", "Mozilla/5.0 (Windows NT 10.0) Chrome/131.0"};
    private static final String BOT = "Googlebot/2.1 (+http://www.google.com/bot.html)";

    /** What was sent and what the endpoint said. */
    static final class Counts {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong late = new AtomicLong();
        final AtomicLong malformed = new AtomicLong();
        /** Uptime probes, which the Rules transform drops before the lake. */
        final AtomicLong healthChecks = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final Map<String, AtomicLong> reasons = new ConcurrentHashMap<>();
        /** The valid clicks sent, in the order sent: what a click log of the same traffic would hold. */
        final List<Map<String, Object>> valid = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String bearerToken;
    private final int users;
    private final Random random = new Random(42);
    private final Counts counts = new Counts();

    ClickGenerator(String eventsUrl, String bearerToken, int users) {
        this.endpoint = URI.create(eventsUrl + "/v1/events/clicks");
        this.bearerToken = bearerToken;
        this.users = users;
    }

    Counts counts() {
        return counts;
    }

    /**
     * Posts {@code total} events in batches of {@code batch}, retrying a batch the endpoint could not take yet
     * (429, 503, or not listening yet) with the same Idempotency-Key.
     */
    void run(int total, int batch, Instant now) throws InterruptedException {
        int batches = (total + batch - 1) / batch;
        for (int b = 0; b < batches; b++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < batch && b * batch + i < total; i++) {
                lines.add(event(b * batch + i, now));
            }
            post(String.join("\n", lines), "quickstart-" + now.toEpochMilli() + "-" + b, lines.size());
        }
    }

    private String event(int n, Instant now) {
        long visitor = 1 + random.nextInt(users * 2);          // half of the visitors are customers
        Long user = visitor <= users ? visitor : null;
        Instant at = now.minusSeconds(600).plusMillis(n * 120L); // ten minutes of traffic, in order
        boolean late = random.nextInt(50) == 0;
        if (late) {
            at = at.minus(Duration.ofHours(2));
            counts.late.incrementAndGet();
        }
        Map<String, Object> click = new java.util.LinkedHashMap<>();
        click.put("event_id", "click-" + now.toEpochMilli() + "-" + n);
        click.put("event_time", at.toString());
        boolean healthCheck = !late && random.nextInt(200) == 0;  // probes run live, never late
        click.put("event_type", healthCheck ? "health_check" : "page_view");
        click.put("visitor_id", "visitor-" + visitor);
        click.put("user_id", user);
        click.put("email", user == null ? null : "customer" + user + "@example.com");
        click.put("url", PAGES[random.nextInt(PAGES.length)]);
        click.put("referrer", null);
        click.put("user_agent", random.nextInt(20) == 0 ? BOT : AGENTS[random.nextInt(AGENTS.length)]);
        click.put("ip", "203.0.113." + random.nextInt(255));
        if (!late && random.nextInt(100) == 0) {
            counts.malformed.incrementAndGet();
            if (random.nextBoolean()) {
                click.remove("url");            // a required field missing
            } else {
                click.put("user_id", "not-a-number");
            }
        }
        boolean malformed = !click.containsKey("url") || "not-a-number".equals(click.get("user_id"));
        if (healthCheck && !malformed) {
            counts.healthChecks.incrementAndGet();
        }
        if (!malformed) {
            counts.valid.add(click);
        }
        try {
            return JSON.writeValueAsString(click);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void post(String body, String idempotencyKey, int events) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-ndjson").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || response.statusCode() == 400) {
                    counts.sent.addAndGet(events);
                    record(JSON.readTree(response.body()), events);
                    return;
                }
                if (response.statusCode() != 429 && response.statusCode() != 503) {
                    throw new IllegalStateException("The events source answered " + response.statusCode() + ": "
                            + response.body());
                }
            } catch (IOException e) {
                if (attempt > 60) {
                    throw new IllegalStateException("The events source at " + endpoint + " does not answer", e);
                }
            }
            Thread.sleep(1_000);
        }
    }

    private void record(JsonNode answer, int events) {
        long accepted = answer.path("accepted").asLong(0);
        long rejected = answer.has("rejected") ? answer.path("rejected").asLong() : events - accepted;
        counts.accepted.addAndGet(accepted);
        counts.rejected.addAndGet(rejected);
        for (JsonNode error : answer.path("errors")) {
            counts.reasons.computeIfAbsent(error.path("reason").asText("?"), r -> new AtomicLong()).incrementAndGet();
        }
    }
}
