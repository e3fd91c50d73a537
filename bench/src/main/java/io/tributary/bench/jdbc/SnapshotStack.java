package io.tributary.bench.jdbc;

import io.tributary.bench.common.PluginDirs;
import io.tributary.bench.common.WorkerConnectors;
import io.tributary.testkit.ConnectCluster;
import java.nio.file.Path;
import java.util.Map;

/**
 * One embedded stack for a benchmark JVM: a KRaft broker and one Connect worker whose plugin path holds both
 * Tributary's bundle and Debezium's PostgreSQL connector, and the {@link OrdersDatabase} they read.
 */
final class SnapshotStack implements AutoCloseable {

    private final ConnectCluster cluster;
    private final OrdersDatabase database;

    private SnapshotStack(ConnectCluster cluster, OrdersDatabase database) {
        this.cluster = cluster;
        this.database = database;
    }

    /** @param exactlyOnce whether the worker runs source connectors exactly-once (KIP-618) */
    static SnapshotStack start(int rows, boolean exactlyOnce) {
        Path plugins = PluginDirs.prepare(PluginDirs.DEBEZIUM_POSTGRES);
        OrdersDatabase database = OrdersDatabase.start(rows);
        try {
            // The test kit's pluginPath() sets service_load discovery: both plugins declare their connectors in
            // META-INF/services.
            ConnectCluster.Builder builder = ConnectCluster.builder().workers(1).pluginPath(plugins);
            if (exactlyOnce) {
                builder.exactlyOnceSource();
            }
            return new SnapshotStack(builder.start(), database);
        } catch (RuntimeException | AssertionError e) {
            database.close();
            throw e;
        }
    }

    OrdersDatabase database() {
        return database;
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    void createTopic(String topic, int partitions) {
        cluster.createTopic(topic, partitions);
    }

    /** Creates the connector; it starts reading at once, so the caller's clock should already run. */
    void createConnector(String name, Map<String, String> config) {
        cluster.rest().putConnector(name, config);
    }

    String status(String name) {
        return WorkerConnectors.status(cluster, name);
    }

    void deleteConnector(String name) {
        WorkerConnectors.delete(cluster, name);
    }

    @Override
    public void close() {
        cluster.close();
        database.close();
    }
}
