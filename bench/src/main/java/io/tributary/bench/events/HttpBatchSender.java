package io.tributary.bench.events;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Posts batches to the events source as NDJSON, with the JDK's HTTP/1.1 client ({@code client=jdk}). A batch counts as sent only
 * when the answer is what the source promises for a durable batch: 200 with every event accepted.
 */
final class HttpBatchSender implements BatchSender {

    /** Well past the source's own {@code request.timeout.ms} (10 s), so a hang shows as a hang. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final URI endpoint;
    private final ClickBatches batches;

    /** A new client, so that no connection the server closed while idle between shots is reused. */
    HttpBatchSender(URI endpoint, ClickBatches batches) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.endpoint = endpoint;
        this.batches = batches;
    }

    @Override
    public CompletableFuture<Void> send(int batch) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-ndjson")
                .timeout(ANSWER_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(batches.body(batch)))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenAccept(response -> check(batch, response.statusCode(),
                        response.headers().firstValue("Retry-After").orElse(null), response.body()));
    }

    /**
     * Fails unless the answer is a full acknowledgement of the batch.
     *
     * @param retryAfter the Retry-After header, or null
     */
    static void check(int batch, int status, String retryAfter, String body) {
        if (status != 200) {
            throw new IllegalStateException("batch " + batch + ": HTTP " + status + " "
                    + (retryAfter == null ? "" : "(Retry-After " + retryAfter + ") ") + body);
        }
        Map<String, Object> answer;
        try {
            answer = JSON.std.mapFrom(body);
        } catch (IOException e) {
            throw new IllegalStateException("batch " + batch + ": HTTP 200 with a body that is not JSON: " + body, e);
        }
        if (!Integer.valueOf(ClickBatches.SIZE).equals(answer.get("accepted"))
                || !Integer.valueOf(0).equals(answer.get("rejected"))) {
            throw new IllegalStateException("batch " + batch + ": HTTP 200 but " + body);
        }
    }
}
