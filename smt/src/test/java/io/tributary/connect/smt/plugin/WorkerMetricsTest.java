package io.tributary.connect.smt.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {

    @Test
    void kafka43HasPluginMetrics() {
        assertThat(PluginMetricsGuard.SUPPORTED).isTrue();
    }

    @Test
    void gaugesReachTheWorkerTaggedAndAreRemovedOnClose() {
        try (Metrics metrics = new Metrics()) {
            Map<String, String> workerTags = new LinkedHashMap<>();
            workerTags.put("connector", "orders");
            workerTags.put("task", "0");
            AtomicLong rows = new AtomicLong(41);
            WorkerMetrics workerMetrics = new PluginMetricsAdapter(new PluginMetricsImpl(metrics, workerTags));

            workerMetrics.gauge("rows-read", "Rows read", Map.of("table", "public.orders"), rows::get);
            rows.incrementAndGet();

            MetricName name = metrics.metrics().keySet().stream()
                    .filter(n -> n.name().equals("rows-read")).findFirst().orElseThrow();
            assertThat(name.tags()).containsEntry("connector", "orders").containsEntry("table", "public.orders");
            assertThat(metrics.metrics().get(name).metricValue()).isEqualTo(42L);
            assertThat(workerMetrics.published()).isTrue();

            workerMetrics.close();
            assertThat(metrics.metrics()).doesNotContainKey(name);
        }
    }

    @Test
    void unpublishedMetricsAcceptGaugesAndDropThem() {
        WorkerMetrics none = PluginMetricsGuard.Unpublished.INSTANCE;

        none.gauge("rows-read", "Rows read", Map.of(), () -> {
            throw new AssertionError("an unpublished gauge is never read");
        });

        assertThat(none.published()).isFalse();
    }
}
