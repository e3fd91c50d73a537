package io.tributary.quickstart;

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

/**
 * The retail connectors exactly as connector-configs/retail/ ships them, with what differs on this machine put
 * in: the database's and the warehouse's locations, the events port, the secrets file, one replica per topic.
 * Nothing else is changed, so the quickstart runs what a user would POST.
 */
final class RetailConnectors {

    /** Created in this order: the sinks wait for their topics' first records, the sources write them. */
    static final List<String> ORDER = List.of("users-source", "orders-source", "orders-sink", "clicks-sink",
            "clicks-source");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> replacements = new LinkedHashMap<>();
    private final int eventsPort;

    /**
     * @param secrets the properties file the configs' {@code ${file:...}} placeholders name on this machine
     */
    RetailConnectors(String databaseUrl, Path dataDir, Path secrets, int eventsPort) {
        replacements.put("jdbc:postgresql://localhost:5432/retail", databaseUrl);
        replacements.put("jdbc:sqlite:/var/lib/tributary/catalog.db", "jdbc:sqlite:" + dataDir.resolve("catalog.db"));
        replacements.put("file:/var/lib/tributary/warehouse", "file:" + dataDir.resolve("warehouse"));
        replacements.put("/etc/tributary/retail.properties", secrets.toAbsolutePath().toString());
        this.eventsPort = eventsPort;
    }

    /** The connector configs by file name without {@code .json}, each as its {@code config} plus {@code name}. */
    Map<String, Map<String, String>> load(Path directory) {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String id = file.getFileName().toString().replaceFirst("\\.json$", "");
                configs.put(id, localized(JSON.readTree(file.toFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the connector configs in " + directory, e);
        }
        return configs;
    }

    private Map<String, String> localized(JsonNode file) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("name", file.path("name").asText());
        file.path("config").properties().forEach(entry -> {
            String key = entry.getKey();
            String value = entry.getValue().asText();
            for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                value = value.replace(replacement.getKey(), replacement.getValue());
            }
            if (key.endsWith("replication.factor") && !value.equals("-1")) {
                value = "1";  // one broker
            }
            if (key.equals("http.port")) {
                value = Integer.toString(eventsPort);
            }
            config.put(key, value);
        });
        return config;
    }
}
