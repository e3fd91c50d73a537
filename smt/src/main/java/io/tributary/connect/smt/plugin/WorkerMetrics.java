package io.tributary.connect.smt.plugin;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.source.SourceTaskContext;

/**
 * Metrics a Tributary connector or task publishes through its worker.
 *
 * <p>Workers from Kafka 4.1 on hand plugins a {@code PluginMetrics} (KIP-877) that they tag with the
 * connector and task and expose over JMX beside their own metrics. Connect 3.9 workers have no such API.
 * Plugins obtain metrics only through the factories here, which ask {@link PluginMetricsGuard}; on an
 * older worker the gauges are accepted and dropped, and the plugin keeps working.
 */
public interface WorkerMetrics extends AutoCloseable {

    /** Publishes {@code value} as a gauge; {@code tags} are added to the worker's connector/task tags. */
    void gauge(String name, String description, Map<String, String> tags, Supplier<? extends Number> value);

    /** Removes a gauge added with this name and these tags, if there is one. */
    void remove(String name, Map<String, String> tags);

    /** Whether gauges reach the worker (false on workers older than Kafka 4.1). */
    boolean published();

    /** Removes every metric this instance added. */
    @Override
    void close();

    /** Metrics that go nowhere: gauges are accepted and dropped (an older worker's, or a test's). */
    static WorkerMetrics unpublished() {
        return PluginMetricsGuard.Unpublished.INSTANCE;
    }

    static WorkerMetrics of(ConnectorContext context) {
        return PluginMetricsGuard.forConnector(context);
    }

    static WorkerMetrics of(SinkTaskContext context) {
        return PluginMetricsGuard.forSinkTask(context);
    }

    static WorkerMetrics of(SourceTaskContext context) {
        return PluginMetricsGuard.forSourceTask(context);
    }
}
