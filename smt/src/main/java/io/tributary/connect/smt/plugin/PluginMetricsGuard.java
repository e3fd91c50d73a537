package io.tributary.connect.smt.plugin;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides whether this worker has the plugin metrics API of KIP-877 (Kafka 4.1).
 *
 * <p>On a Connect 3.9 worker the {@code PluginMetrics} interface does not exist and the contexts have no
 * {@code pluginMetrics()} method: a plugin class that named either would fail to load or throw
 * {@link NoSuchMethodError}. Only {@link PluginMetricsAdapter} names them, and it is loaded only after this
 * guard has found them.
 */
final class PluginMetricsGuard {

    private static final Logger LOG = LoggerFactory.getLogger(PluginMetricsGuard.class);

    static final boolean SUPPORTED = detect();

    private PluginMetricsGuard() {
    }

    static WorkerMetrics forConnector(ConnectorContext context) {
        return SUPPORTED ? PluginMetricsAdapter.forConnector(context) : Unpublished.INSTANCE;
    }

    static WorkerMetrics forSinkTask(SinkTaskContext context) {
        return SUPPORTED ? PluginMetricsAdapter.forSinkTask(context) : Unpublished.INSTANCE;
    }

    static WorkerMetrics forSourceTask(SourceTaskContext context) {
        return SUPPORTED ? PluginMetricsAdapter.forSourceTask(context) : Unpublished.INSTANCE;
    }

    private static boolean detect() {
        try {
            Class.forName("org.apache.kafka.common.metrics.PluginMetrics", false,
                    ConnectorContext.class.getClassLoader());
            ConnectorContext.class.getMethod("pluginMetrics");
            SinkTaskContext.class.getMethod("pluginMetrics");
            SourceTaskContext.class.getMethod("pluginMetrics");
            return true;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            LOG.info("This Connect worker predates plugin metrics (KIP-877, Kafka 4.1): "
                    + "Tributary metrics are not published");
            return false;
        }
    }

    /** Metrics for a worker that cannot take them: accepted and dropped. */
    enum Unpublished implements WorkerMetrics {
        INSTANCE;

        @Override
        public void gauge(String name, String description, Map<String, String> tags,
                Supplier<? extends Number> value) {
        }

        @Override
        public void remove(String name, Map<String, String> tags) {
        }

        @Override
        public boolean published() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
