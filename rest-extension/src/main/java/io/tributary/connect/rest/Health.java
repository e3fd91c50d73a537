package io.tributary.connect.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the Tributary pipelines are well, and if not why, from what {@link ClusterPipelines} gathered.
 *
 * <p>Unwell: a connector or task that is not RUNNING (a PAUSED or STOPPED connector is an operator's choice and
 * counts as well), a worker that did not answer, a JDBC task that cannot reach its database, and — where
 * thresholds are set — a sink partition lagging, a sink table gone stale, or an incremental table lagging the
 * database.
 */
final class Health {

    private static final Set<String> CHOSEN_STATES = Set.of("PAUSED", "STOPPED");

    private Health() {
    }

    static List<String> reasons(ClusterPipelines.Gathered gathered, ExtensionSettings.Thresholds limits) {
        List<String> reasons = new ArrayList<>();
        gathered.silentWorkers().forEach((worker, why) -> reasons.add("worker " + worker + " did not answer: "
                + why));
        for (Map<String, Object> connector : gathered.connectors()) {
            String name = (String) connector.get("name");
            String state = (String) connector.get("state");
            boolean chosen = CHOSEN_STATES.contains(state);
            if (!"RUNNING".equals(state) && !chosen) {
                reasons.add("connector " + name + " is " + state);
            }
            for (Map<String, Object> task : tasks(connector)) {
                String taskState = (String) task.get("state");
                if (!"RUNNING".equals(taskState) && !(chosen && CHOSEN_STATES.contains(taskState))) {
                    reasons.add("task " + task.get("id") + " of " + name + " is " + taskState
                            + (task.get("worker") == null ? "" : " on " + task.get("worker"))
                            + (task.get("error") == null ? "" : ": " + task.get("error")));
                }
                Object failures = map(task.get("figures")).get("connection-failures");
                if (failures instanceof Number count && count.longValue() > 0) {
                    reasons.add("task " + task.get("id") + " of " + name + " cannot reach its database ("
                            + count + " failed attempts in a row)");
                }
            }
            checkTables(name, connector, limits, reasons);
            if (limits.maxSinkLag() >= 0) {
                map(connector.get("partitions")).forEach((partition, position) -> {
                    Object lag = map(position).get("lag");
                    if (lag instanceof Number records && records.longValue() > limits.maxSinkLag()) {
                        reasons.add(name + " lags " + records + " records on " + partition + " (limit "
                                + limits.maxSinkLag() + ")");
                    }
                });
            }
            if (connector.get("lag-error") != null) {
                reasons.add(name + ": " + connector.get("lag-error"));
            }
        }
        return reasons;
    }

    private static void checkTables(String name, Map<String, Object> connector, ExtensionSettings.Thresholds limits,
            List<String> reasons) {
        map(connector.get("tables")).forEach((table, figures) -> {
            Map<String, Object> values = map(figures);
            if (limits.maxFreshnessMs() >= 0 && values.get("table-freshness-lag-ms") instanceof Number ms
                    && ms.longValue() > limits.maxFreshnessMs()) {
                reasons.add(name + ": table " + table + " was last fed a record " + ms + " ms old (limit "
                        + limits.maxFreshnessMs() + " ms)");
            }
            if (limits.maxIncrementalLagMs() >= 0 && values.get("incremental-lag-ms") instanceof Number ms
                    && ms.longValue() > limits.maxIncrementalLagMs()) {
                reasons.add(name + ": table " + table + " lags the database by " + ms + " ms (limit "
                        + limits.maxIncrementalLagMs() + " ms)");
            }
        });
    }

    /** The body of /tributary/health. */
    static Map<String, Object> body(List<String> reasons, ClusterPipelines.Gathered gathered) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", reasons.isEmpty() ? "healthy" : "unhealthy");
        body.put("reasons", reasons);
        body.put("connectors", gathered.connectors().size());
        body.put("tasks", gathered.connectors().stream().mapToInt(connector -> tasks(connector).size()).sum());
        return body;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tasks(Map<String, Object> connector) {
        return (List<Map<String, Object>>) connector.getOrDefault("tasks", List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
