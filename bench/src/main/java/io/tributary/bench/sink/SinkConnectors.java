package io.tributary.bench.sink;

import java.util.HashMap;
import java.util.Map;

/**
 * The two sinks' connector configs, as alike as their options allow: the same converters, catalog, table
 * format and commit interval, defaults for everything else.
 */
final class SinkConnectors {

    /** Both sinks commit every second; freshness is measured against this. */
    static final int COMMIT_INTERVAL_MS = 1_000;

    private SinkConnectors() {
    }

    /** Tributary's sink, configured as in its own integration tests. */
    static Map<String, String> tributary(Lake lake, String topic, String table, int tasks) {
        Map<String, String> config = common(topic, tasks);
        config.put("connector.class", "io.tributary.connect.iceberg.TributaryIcebergSinkConnector");
        config.put("iceberg.catalog.type", "jdbc");
        config.put("iceberg.catalog.name", lake.catalogName());
        config.put("iceberg.catalog.uri", lake.uri());
        config.put("iceberg.catalog.user", lake.user());
        config.put("iceberg.catalog.password", lake.password());
        config.put("iceberg.catalog.warehouse", lake.warehouseUri());
        config.put("iceberg.tables", table);
        config.put("iceberg.commit.interval.ms", String.valueOf(COMMIT_INTERVAL_MS));
        return config;
    }

    /**
     * Tributary's sink reading the JSON itself ({@code iceberg.tables.value-format=json}): the worker hands it
     * the bytes untouched, and it parses them straight into rows instead of through JsonConverter's map.
     */
    static Map<String, String> tributaryJson(Lake lake, String topic, String table, int tasks) {
        Map<String, String> config = tributary(lake, topic, table, tasks);
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.remove("value.converter.schemas.enable");
        config.put("iceberg.tables.value-format", "json");
        return config;
    }

    /**
     * Tributary's sink encoding Parquet on the task thread ({@code iceberg.write.encode-thread=false}), as it
     * did before the writer thread: what the writer thread buys, in the same run.
     */
    static Map<String, String> tributaryOnTaskThread(Lake lake, String topic, String table, int tasks) {
        Map<String, String> config = tributary(lake, topic, table, tasks);
        config.put("iceberg.write.encode-thread", "false");
        return config;
    }

    /** Tributary's sink reading JSON itself, in upsert mode by the records' {@code id}. */
    static Map<String, String> tributaryUpsert(Lake lake, String topic, String table, int tasks) {
        Map<String, String> config = tributaryJson(lake, topic, table, tasks);
        config.put("iceberg.tables.write-mode", "upsert");
        config.put("iceberg.tables.id-columns", "id");
        return config;
    }

    /**
     * A sink that only counts what the worker hands it ({@link CountingSinkConnector}), with the converters the
     * Iceberg sinks use: what reaching any sink costs here.
     */
    static Map<String, String> counting(String topic, int tasks) {
        Map<String, String> config = common(topic, tasks);
        config.put("connector.class", CountingSinkConnector.class.getName());
        return config;
    }

    /**
     * Apache Iceberg's sink. Kafka must be named explicitly (it otherwise reads the worker's properties file
     * from the JVM's command line, which an embedded worker has none of), its control topic must exist, and
     * its catalog name is set to ours so that one reader sees both sinks' tables.
     */
    static Map<String, String> apache(Lake lake, String bootstrapServers, String topic, String table,
            String controlTopic, int tasks) {
        Map<String, String> config = common(topic, tasks);
        config.put("connector.class", "org.apache.iceberg.connect.IcebergSinkConnector");
        config.put("iceberg.catalog", lake.catalogName());
        config.put("iceberg.catalog.catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
        config.put("iceberg.catalog.uri", lake.uri());
        config.put("iceberg.catalog.jdbc.user", lake.user());
        config.put("iceberg.catalog.jdbc.password", lake.password());
        config.put("iceberg.catalog.warehouse", lake.warehouseUri());
        // Tributary's sink uses the V1 catalog schema too.
        config.put("iceberg.catalog.jdbc.schema-version", "V1");
        config.put("iceberg.tables", table);
        config.put("iceberg.tables.auto-create-enabled", "true");
        // Tributary pins format 2 and zstd on the tables it creates; the same here, so both write alike.
        config.put("iceberg.tables.auto-create-props.format-version", "2");
        config.put("iceberg.tables.auto-create-props.write.parquet.compression-codec", "zstd");
        config.put("iceberg.control.topic", controlTopic);
        config.put("iceberg.control.commit.interval-ms", String.valueOf(COMMIT_INTERVAL_MS));
        config.put("iceberg.kafka.bootstrap.servers", bootstrapServers);
        return config;
    }

    private static Map<String, String> common(String topic, int tasks) {
        Map<String, String> config = new HashMap<>();
        config.put("topics", topic);
        config.put("tasks.max", String.valueOf(tasks));
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }
}
