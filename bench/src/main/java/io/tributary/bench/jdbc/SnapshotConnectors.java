package io.tributary.bench.jdbc;

import java.util.HashMap;
import java.util.Map;

/**
 * The source connectors' configs, as alike as their options allow: one task, the same JSON converters without
 * schemas for keys and values, the same fetch size as the raw cursor read, defaults for everything else.
 */
final class SnapshotConnectors {

    private SnapshotConnectors() {
    }

    /** Tributary's JDBC source: one snapshot of the table, spread over the topic's partitions. */
    static Map<String, String> tributary(OrdersDatabase database, String topic, int partitions) {
        Map<String, String> config = common();
        config.put("connector.class", "io.tributary.connect.jdbc.TributaryJdbcSourceConnector");
        config.put("connection.url", database.url());
        config.put("connection.user", database.user());
        config.put("connection.password", database.password());
        config.put("tables", OrdersDatabase.QUALIFIED_TABLE);
        config.put("topic.template", topic);
        config.put("topic.partitions", String.valueOf(partitions));
        config.put("mode", "snapshot");
        config.put("snapshot.schedule", "once");
        config.put("snapshot.fetch.size", String.valueOf(RawCursorRead.FETCH_SIZE));
        return config;
    }

    /**
     * Tributary's JDBC source on a worker with exactly-once source support, committing the snapshot in
     * transactions of its own ({@code snapshot.transaction.rows} rows each, by default).
     */
    static Map<String, String> tributaryExactlyOnce(OrdersDatabase database, String topic, int partitions) {
        Map<String, String> config = tributary(database, topic, partitions);
        config.put("exactly.once.support", "required");
        config.put("transaction.boundary", "connector");
        return config;
    }

    /**
     * Debezium's PostgreSQL connector taking its initial snapshot and nothing else. Its topic is
     * {@code <topicPrefix>.public.orders}; a slot of its own per shot, dropped when the connector stops.
     */
    static Map<String, String> debezium(OrdersDatabase database, String topicPrefix, String slot) {
        Map<String, String> config = common();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("database.hostname", "localhost");
        config.put("database.port", String.valueOf(database.port()));
        config.put("database.user", database.user());
        config.put("database.password", database.password());
        config.put("database.dbname", OrdersDatabase.DATABASE);
        config.put("topic.prefix", topicPrefix);
        config.put("table.include.list", OrdersDatabase.QUALIFIED_TABLE);
        config.put("plugin.name", "pgoutput");
        config.put("slot.name", slot);
        config.put("slot.drop.on.stop", "true");
        config.put("snapshot.mode", "initial_only");
        config.put("snapshot.fetch.size", String.valueOf(RawCursorRead.FETCH_SIZE));
        return config;
    }

    /** Rows made in memory ({@link GeneratedOrdersSourceConnector}) with the same converters: no database. */
    static Map<String, String> generated(int rows, String topic, int partitions) {
        Map<String, String> config = common();
        config.put("connector.class", GeneratedOrdersSourceConnector.class.getName());
        config.put(GeneratedOrdersSourceConnector.ROWS, String.valueOf(rows));
        config.put(GeneratedOrdersSourceConnector.TOPIC, topic);
        config.put(GeneratedOrdersSourceConnector.PARTITIONS, String.valueOf(partitions));
        return config;
    }

    static String debeziumTopic(String topicPrefix) {
        return topicPrefix + "." + OrdersDatabase.QUALIFIED_TABLE;
    }

    private static Map<String, String> common() {
        Map<String, String> config = new HashMap<>();
        config.put("tasks.max", "1");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }
}
