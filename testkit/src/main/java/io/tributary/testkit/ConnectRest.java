package io.tributary.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Connect REST API over real HTTP, as a user's tooling would call it. One instance talks to one worker;
 * any worker of a distributed cluster forwards what it must to the leader. Sends no credentials unless given an
 * {@code Authorization} header ({@link #withAuthorization}), for workers behind REST authentication.
 */
public final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private final URI baseUri;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ConnectRest(URI baseUri) {
        this(baseUri, null);
    }

    /** @param authorization the {@code Authorization} header sent with every call, or null for none */
    public ConnectRest(URI baseUri, String authorization) {
        this.baseUri = baseUri.toString().endsWith("/") ? baseUri : URI.create(baseUri + "/");
        this.authorization = authorization;
    }

    /** The same worker, called with this {@code Authorization} header (null: none). */
    public ConnectRest withAuthorization(String authorization) {
        return new ConnectRest(baseUri, authorization);
    }

    /** The {@code Authorization} header of HTTP Basic authentication (RFC 7617) for this user and password. */
    public static String basicAuthorization(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public URI baseUri() {
        return baseUri;
    }

    /** A plugin as listed by {@code GET /connector-plugins?connectorsOnly=false}. */
    public record PluginInfo(String className, String type, String version) {
    }

    /** The outcome of {@code PUT /connector-plugins/{class}/config/validate}: error messages per key. */
    public record Validation(int errorCount, Map<String, List<String>> errors) {
        /** Only the keys that have errors. */
        public Map<String, List<String>> failures() {
            Map<String, List<String>> failures = new LinkedHashMap<>();
            errors.forEach((key, messages) -> {
                if (!messages.isEmpty()) {
                    failures.put(key, messages);
                }
            });
            return failures;
        }
    }

    /** Creates the connector, or replaces its config: {@code PUT /connectors/{name}/config}. */
    public JsonNode putConnector(String name, Map<String, String> config) {
        return send("PUT", "connectors/" + encode(name) + "/config", config);
    }

    public void deleteConnector(String name) {
        send("DELETE", "connectors/" + encode(name), null);
    }

    public JsonNode status(String name) {
        return send("GET", "connectors/" + encode(name) + "/status", null);
    }

    public List<PluginInfo> connectorPlugins() {
        List<PluginInfo> plugins = new ArrayList<>();
        for (JsonNode plugin : send("GET", "connector-plugins?connectorsOnly=false", null)) {
            plugins.add(new PluginInfo(plugin.path("class").asText(), plugin.path("type").asText(),
                    plugin.path("version").asText()));
        }
        return plugins;
    }

    /** Validates {@code config} against the plugin {@code connectorClass} names (class name or alias). */
    public Validation validate(String connectorClass, Map<String, String> config) {
        JsonNode result = send("PUT", "connector-plugins/" + encode(connectorClass) + "/config/validate", config);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode entry : result.path("configs")) {
            JsonNode value = entry.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(message -> messages.add(message.asText()));
            errors.put(value.path("name").asText(), messages);
        }
        return new Validation(result.path("error_count").asInt(), errors);
    }

    /** Any call; the body is serialized as JSON. Returns the parsed answer, or an empty node for no content. */
    public JsonNode send(String method, String path, Object body) {
        URI uri = baseUri.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(toJson(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + uri, e);
        }
        if (response.statusCode() >= 400) {
            throw new ConnectRestException(method, uri.toString(), response.statusCode(), response.body());
        }
        try {
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(method + " " + uri + " answered non-JSON: " + response.body(), e);
        }
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize request body", e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
