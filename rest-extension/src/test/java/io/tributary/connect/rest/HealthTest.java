package io.tributary.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthTest {

    private static final ExtensionSettings.Thresholds NO_LIMITS = new ExtensionSettings.Thresholds(-1, -1, -1);

    @Test
    void runningTasksWithinLimitsAreHealthy() {
        ClusterPipelines.Gathered gathered = gathered(sink("clicks", "RUNNING", 5L, 2_000L));

        List<String> reasons = Health.reasons(gathered, new ExtensionSettings.Thresholds(5, 2_000, -1));

        assertThat(reasons).isEmpty();
        assertThat(Health.body(reasons, gathered)).containsEntry("status", "healthy")
                .containsEntry("connectors", 1).containsEntry("tasks", 1);
    }

    @Test
    void aFailedTaskIsNamedWithWhereAndTheFirstLineOfItsError() {
        Map<String, Object> connector = connector("orders", "RUNNING", task(0, "FAILED",
                "org.apache.kafka.connect.errors.ConnectException: table public.orders is gone"));

        List<String> reasons = Health.reasons(gathered(connector), NO_LIMITS);

        assertThat(reasons).containsExactly("task 0 of orders is FAILED on w1:8083: "
                + "org.apache.kafka.connect.errors.ConnectException: table public.orders is gone");
        assertThat(Health.body(reasons, gathered(connector))).containsEntry("status", "unhealthy");
    }

    @Test
    void aPausedOrStoppedConnectorIsTheOperatorsChoice() {
        assertThat(Health.reasons(gathered(connector("orders", "PAUSED", task(0, "PAUSED", null)),
                connector("users", "STOPPED")), NO_LIMITS)).isEmpty();
        assertThat(Health.reasons(gathered(connector("orders", "RUNNING", task(0, "PAUSED", null))), NO_LIMITS))
                .as("a task paused under a running connector").containsExactly("task 0 of orders is PAUSED on w1:8083");
        assertThat(Health.reasons(gathered(connector("orders", "UNASSIGNED")), NO_LIMITS))
                .containsExactly("connector orders is UNASSIGNED");
    }

    @Test
    void aJdbcTaskThatCannotReachItsDatabaseIsUnwellThoughRunning() {
        Map<String, Object> task = task(0, "RUNNING", null);
        task.put("figures", Map.of("connection-failures", 3));

        assertThat(Health.reasons(gathered(connector("orders", "RUNNING", task)), NO_LIMITS))
                .containsExactly("task 0 of orders cannot reach its database (3 failed attempts in a row)");
    }

    @Test
    void limitsApplyOnlyWhenSetAndNameTheTableOrPartition() {
        Map<String, Object> sink = sink("clicks", "RUNNING", 12L, 90_000L);
        Map<String, Object> jdbc = connector("ticks", "RUNNING", task(0, "RUNNING", null));
        jdbc.put("tables", Map.of("public.ticks", Map.of("incremental-lag-ms", 7_000L)));

        assertThat(Health.reasons(gathered(sink, jdbc), NO_LIMITS)).isEmpty();
        assertThat(Health.reasons(gathered(sink, jdbc), new ExtensionSettings.Thresholds(10, 60_000, 5_000)))
                .containsExactly(
                        "clicks: table retail.clicks was last fed a record 90000 ms old (limit 60000 ms)",
                        "clicks lags 12 records on clicks-0 (limit 10)",
                        "ticks: table public.ticks lags the database by 7000 ms (limit 5000 ms)");
    }

    @Test
    void unreadableGroupOffsetsAreAReason() {
        Map<String, Object> sink = connector("clicks", "RUNNING", task(0, "RUNNING", null));
        sink.put("lag-error", "could not read the offsets of group connect-clicks: TimeoutException");

        assertThat(Health.reasons(gathered(sink), NO_LIMITS))
                .containsExactly("clicks: could not read the offsets of group connect-clicks: TimeoutException");
    }

    @Test
    void requestLimitsOverrideTheWorkers() {
        ExtensionSettings.Thresholds worker = new ExtensionSettings.Thresholds(100, -1, 5);

        assertThat(worker.overriddenBy(0L, 1_000L, null))
                .isEqualTo(new ExtensionSettings.Thresholds(0, 1_000, 5));
    }

    private static Map<String, Object> sink(String name, String state, long lag, long freshness) {
        Map<String, Object> sink = connector(name, state, task(0, state, null));
        sink.put("tables", Map.of("retail.clicks", Map.of("table-freshness-lag-ms", freshness)));
        sink.put("partitions", Map.of("clicks-0", Map.of("committed", 100L, "log-end", 100L + lag, "lag", lag)));
        return sink;
    }

    @SafeVarargs
    private static Map<String, Object> connector(String name, String state, Map<String, Object>... tasks) {
        Map<String, Object> connector = new LinkedHashMap<>();
        connector.put("name", name);
        connector.put("state", state);
        connector.put("tasks", new ArrayList<>(List.of(tasks)));
        return connector;
    }

    private static Map<String, Object> task(int id, String state, String error) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", id);
        task.put("state", state);
        task.put("worker", "w1:8083");
        if (error != null) {
            task.put("error", error);
        }
        return task;
    }

    @SafeVarargs
    private static ClusterPipelines.Gathered gathered(Map<String, Object>... connectors) {
        return new ClusterPipelines.Gathered(Map.of(), List.of(connectors), Map.of());
    }
}
