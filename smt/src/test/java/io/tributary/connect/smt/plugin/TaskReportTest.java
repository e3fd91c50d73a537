package io.tributary.connect.smt.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

class TaskReportTest {

    @Test
    void aGaugeReachesTheWorkerAndTheReportAlike() {
        try (Metrics metrics = new Metrics()) {
            AtomicLong rows = new AtomicLong(7);
            TaskReport report = TaskReports.open(new TaskRef("orders", 1), "jdbc-source",
                    new PluginMetricsAdapter(new PluginMetricsImpl(metrics, Map.of("connector", "orders"))));

            report.gauge("rows-read-total", "Rows read", Map.of("table", "public.orders"), rows::get);
            report.detail("mode", Map.of(), () -> "snapshot");
            rows.set(3000);

            MetricName name = metrics.metrics().keySet().stream()
                    .filter(candidate -> candidate.name().equals("rows-read-total")).findFirst().orElseThrow();
            assertThat(metrics.metrics().get(name).metricValue()).isEqualTo(3000L);
            assertThat(report.read()).containsExactly(
                    Map.of("name", "rows-read-total", "tags", Map.of("table", "public.orders"), "value", 3000L),
                    Map.of("name", "mode", "tags", Map.of(), "value", "snapshot"));
            assertThat(TaskReports.running()).containsEntry(new TaskRef("orders", 1), report);

            report.close();
            assertThat(metrics.metrics()).doesNotContainKey(name);
            assertThat(TaskReports.running()).doesNotContainKey(new TaskRef("orders", 1));
        }
    }

    @Test
    void valuesNotYetKnownAreLeftOutAndAFailingOneSaysSo() {
        TaskReport report = TaskReports.open(new TaskRef("sink", 0), "iceberg-sink",
                WorkerMetrics.unpublished());
        try {
            report.gauge("freshness-lag-ms", "", Map.of(), () -> null);
            report.gauge("ratio", "", Map.of(), () -> Double.NaN);
            report.gauge("eta-ms", "", Map.of(), () -> {
                throw new ArithmeticException("/ by zero");
            });
            report.detail("serving", Map.of(), () -> null);

            assertThat(report.read()).containsExactly(
                    Map.of("name", "eta-ms", "tags", Map.of(), "error", "ArithmeticException"));
        } finally {
            report.close();
        }
    }

    @Test
    void removingAFigureRemovesItFromTheReport() {
        TaskReport report = TaskReports.open(new TaskRef("sink", 0), "iceberg-sink",
                WorkerMetrics.unpublished());
        try {
            report.gauge("table-commits-total", "", Map.of("table", "a"), () -> 1);
            report.gauge("table-commits-total", "", Map.of("table", "b"), () -> 2);
            report.detail("table-mode", Map.of("table", "a"), () -> "append");

            report.remove("table-commits-total", Map.of("table", "a"));
            report.remove("table-mode", Map.of("table", "a"));

            assertThat(report.read()).extracting(figure -> figure.get("tags"))
                    .containsExactly(Map.of("table", "b"));
        } finally {
            report.close();
        }
    }

    @Test
    void aRestartedTaskKeepsItsReportWhenTheOldInstanceClosesLate() {
        TaskRef task = new TaskRef("clicks", 0);
        TaskReport old = TaskReports.open(task, "events-source", WorkerMetrics.unpublished());
        TaskReport fresh = TaskReports.open(task, "events-source", WorkerMetrics.unpublished());

        old.close();

        assertThat(TaskReports.running()).containsEntry(task, fresh);
        fresh.close();
        assertThat(TaskReports.running()).doesNotContainKey(task);
    }

    @Test
    void connectorsNumberTheirTasksAsConnectDoes() {
        List<Map<String, String>> numbered = TaskRef.numbered(List.of(Map.of("name", "orders"),
                Map.of("name", "orders")));

        assertThat(numbered).extracting(TaskRef::of)
                .containsExactly(new TaskRef("orders", 0), new TaskRef("orders", 1));
        assertThat(numbered).allSatisfy(config -> assertThat(TaskRef.count(config)).isEqualTo(2));
        assertThat(TaskRef.of(Map.of())).isEqualTo(new TaskRef("?", 0));
    }
}
