package io.tributary.connect.events.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** Reads the endpoint's JSON answers in tests. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode tree(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    static int field(String body, String name) {
        JsonNode node = tree(body).get(name);
        if (node == null) {
            throw new AssertionError("no field '" + name + "' in " + body);
        }
        return node.asInt();
    }
}
