package io.tributary.connect.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Asks another worker for the figures of its tasks ({@code GET /tributary/local}), passing on the caller's
 * {@code Authorization} header so that a worker behind REST authentication answers its peers as it answers
 * the caller.
 */
final class PeerClient {

    private static final TypeReference<List<Map<String, Object>>> TASKS = new TypeReference<>() {
    };

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    PeerClient(ObjectMapper json, Duration timeout) {
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The tasks of the worker at {@code workerId} ({@code host:port}, as Connect's status names workers).
     *
     * @param scheme        {@code http} or {@code https}, as the caller reached this worker
     * @param authorization the caller's {@code Authorization} header, or null
     * @return completes with the tasks, or exceptionally with a {@link PeerException} saying what went wrong
     */
    CompletableFuture<List<Map<String, Object>>> tasks(String scheme, String workerId, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://" + workerId + "/tributary/local"))
                .timeout(timeout).header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        throw new PeerException(cause.getClass().getSimpleName()
                                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
                    }
                    if (response.statusCode() != 200) {
                        throw new PeerException("answered HTTP " + response.statusCode()
                                + (response.statusCode() == 404 ? " (is the Tributary REST extension enabled there?)"
                                : ""));
                    }
                    try {
                        return json.readValue(response.body(), TASKS);
                    } catch (IOException e) {
                        throw new PeerException("answered something that is not a list of tasks");
                    }
                });
    }

    /** Why a worker's figures are missing. */
    static final class PeerException extends RuntimeException {
        PeerException(String message) {
            super(message, null, false, false);
        }
    }
}
