package io.tributary.connect.smt.plugin;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.source.SourceTaskContext;

/**
 * {@link WorkerMetrics} over the worker's {@link PluginMetrics}. The only class of the bundle that names a
 * KIP-877 type; loaded through {@link PluginMetricsGuard} alone.
 */
final class PluginMetricsAdapter implements WorkerMetrics {

    private final PluginMetrics pluginMetrics;
    private final List<MetricName> added = new ArrayList<>();

    PluginMetricsAdapter(PluginMetrics pluginMetrics) {
        this.pluginMetrics = pluginMetrics;
    }

    static WorkerMetrics forConnector(ConnectorContext context) {
        return new PluginMetricsAdapter(context.pluginMetrics());
    }

    static WorkerMetrics forSinkTask(SinkTaskContext context) {
        return new PluginMetricsAdapter(context.pluginMetrics());
    }

    static WorkerMetrics forSourceTask(SourceTaskContext context) {
        return new PluginMetricsAdapter(context.pluginMetrics());
    }

    @Override
    public synchronized void gauge(String name, String description, Map<String, String> tags,
            Supplier<? extends Number> value) {
        MetricName metricName = pluginMetrics.metricName(name, description, new LinkedHashMap<>(tags));
        pluginMetrics.addMetric(metricName, (Gauge<Number>) (config, now) -> value.get());
        added.add(metricName);
    }

    @Override
    public synchronized void remove(String name, Map<String, String> tags) {
        for (Iterator<MetricName> it = added.iterator(); it.hasNext(); ) {
            MetricName metricName = it.next();
            if (metricName.name().equals(name) && metricName.tags().entrySet().containsAll(tags.entrySet())) {
                pluginMetrics.removeMetric(metricName);
                it.remove();
            }
        }
    }

    @Override
    public boolean published() {
        return true;
    }

    @Override
    public synchronized void close() {
        added.forEach(pluginMetrics::removeMetric);
        added.clear();
    }
}
