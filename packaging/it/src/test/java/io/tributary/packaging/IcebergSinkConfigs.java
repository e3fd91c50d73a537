package io.tributary.packaging;

import io.tributary.testkit.IcebergTables;
import java.util.HashMap;
import java.util.Map;

/** The start of every Iceberg sink config in these tests: the connector, two tasks, the lake, a quick commit. */
final class IcebergSinkConfigs {

    static final String CONNECTOR = "io.tributary.connect.iceberg.TributaryIcebergSinkConnector";

    private IcebergSinkConfigs() {
    }

    /** A mutable config writing {@code topic} into {@code table} of {@code lake}, committing every 500 ms. */
    static Map<String, String> writing(IcebergTables lake, String topic, String table) {
        Map<String, String> config = new HashMap<>(lake.sinkConfig());
        config.put("connector.class", CONNECTOR);
        config.put("tasks.max", "2");
        config.put("topics", topic);
        config.put("iceberg.tables", table);
        config.put("iceberg.commit.interval.ms", "500");
        return config;
    }
}
