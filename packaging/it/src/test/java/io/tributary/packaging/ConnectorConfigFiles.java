package io.tributary.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The connector configs in connector-configs/, in the {@code POST /connectors} shape. */
final class ConnectorConfigFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectorConfigFiles() {
    }

    static List<Path> list(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list connector configs in " + root, e);
        }
    }

    /**
     * The {@code config} object of a file, as strings, plus the top-level {@code name}: Connect adds it on
     * {@code POST /connectors}, and the validate endpoint requires it.
     */
    static Map<String, String> config(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode config = root.path("config");
            if (!root.path("name").isTextual() || root.path("name").asText().isBlank()) {
                throw new IllegalArgumentException(file + " has no \"name\"");
            }
            if (!config.isObject() || config.isEmpty()) {
                throw new IllegalArgumentException(file + " has no \"config\" object");
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("name", root.path("name").asText());
            config.properties().forEach(field -> {
                if (!field.getValue().isTextual()) {
                    throw new IllegalArgumentException(file + ": \"" + field.getKey()
                            + "\" must be a string, as Connect configs are");
                }
                values.put(field.getKey(), field.getValue().asText());
            });
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
