package io.tributary.connect.rest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.apache.kafka.connect.health.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Tributary connector on the cluster, with the live figures of each task gathered from the worker that
 * runs it: this worker's from memory, the others' over their REST API. A worker that does not answer is named,
 * its tasks marked as without figures.
 *
 * <p>Connector-level {@code tables} merge the tasks' tables: counts ({@code *-total}, {@code *-recent}) add up,
 * lags and freshness take the smallest (the freshest task), other numbers the largest (the latest time). Sinks
 * add their consumer group's lag per partition ({@link SinkLag}).
 */
final class ClusterPipelines {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPipelines.class);

    /** Connector classes of the bundle, by simple name, and what their tasks report as. */
    static final Map<String, String> KINDS = Map.of(
            "TributaryJdbcSourceConnector", "jdbc-source",
            "TributaryEventsSourceConnector", "events-source",
            "TributaryIcebergSinkConnector", "iceberg-sink");

    private final ConnectClusterState cluster;
    private final PeerClient peers;
    private final SinkLag sinkLag;

    ClusterPipelines(ConnectClusterState cluster, PeerClient peers, SinkLag sinkLag) {
        this.cluster = cluster;
        this.peers = peers;
        this.sinkLag = sinkLag;
    }

    /** What was gathered: the JSON body, and the workers that did not answer. */
    record Gathered(Map<String, Object> body, List<Map<String, Object>> connectors, Map<String, String> silentWorkers) {
    }

    Gathered gather(String scheme, String authorization) {
        Map<String, ConnectorHealth> healths = new TreeMap<>();
        Map<String, Map<String, String>> configs = new HashMap<>();
        for (String name : cluster.connectors()) {
            try {
                Map<String, String> config = cluster.connectorConfig(name);
                if (kind(config) != null) {
                    configs.put(name, config);
                    healths.put(name, cluster.connectorHealth(name));
                }
            } catch (RuntimeException e) {
                LOG.debug("Connector {} went away while gathering", name, e);
            }
        }
        Map<String, Map<String, Object>> figures = new HashMap<>();  // "connector/task" -> task figures
        LocalTasks.read().forEach(task -> figures.put(key(task), task));
        Map<String, String> silent = new TreeMap<>();
        Map<String, String> answered = new TreeMap<>();
        Map<String, CompletableFuture<List<Map<String, Object>>>> asked = new TreeMap<>();
        for (String worker : workers(healths)) {
            if (runsHere(worker, healths, figures)) {
                answered.put(worker, "this worker");
            } else {
                asked.put(worker, peers.tasks(scheme, worker, authorization));
            }
        }
        asked.forEach((worker, reply) -> {
            try {
                reply.join().forEach(task -> figures.putIfAbsent(key(task), task));
                answered.put(worker, "answered");
            } catch (CompletionException e) {
                silent.put(worker, e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            }
        });

        List<Map<String, Object>> connectors = new ArrayList<>();
        healths.forEach((name, health) -> connectors.add(connector(name, kind(configs.get(name)), configs.get(name),
                health, figures, silent)));
        Map<String, Object> workers = new TreeMap<>();
        answered.forEach((worker, how) -> workers.put(worker, Map.of("answered", true, "how", how)));
        silent.forEach((worker, why) -> workers.put(worker, Map.of("answered", false, "error", why)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("generated-ms", System.currentTimeMillis());
        body.put("workers", workers);
        body.put("connectors", connectors);
        return new Gathered(body, connectors, silent);
    }

    private Map<String, Object> connector(String name, String kind, Map<String, String> config,
            ConnectorHealth health, Map<String, Map<String, Object>> figures, Map<String, String> silent) {
        Map<String, Object> connector = new LinkedHashMap<>();
        connector.put("name", name);
        connector.put("kind", kind);
        connector.put("state", health.connectorState().state());
        connector.put("worker", health.connectorState().workerId());
        List<Map<String, Object>> tasks = new ArrayList<>();
        Map<String, Map<String, Object>> tables = new TreeMap<>();
        new TreeMap<>(health.tasksState()).forEach((id, state) -> {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("id", id);
            task.put("state", state.state());
            task.put("worker", state.workerId());
            if (state.traceMessage() != null && !state.traceMessage().isBlank()) {
                task.put("error", state.traceMessage().lines().findFirst().orElse(""));
            }
            Map<String, Object> reported = figures.get(name + "/" + id);
            if (reported != null) {
                task.put("figures", reported.get("figures"));
                if (reported.get("tables") instanceof Map<?, ?> taskTables) {
                    task.put("tables", taskTables);
                    merge(tables, taskTables);
                }
            } else if (silent.containsKey(state.workerId())) {
                task.put("figures-missing", "worker " + state.workerId() + " did not answer: "
                        + silent.get(state.workerId()));
            } else if ("RUNNING".equals(state.state())) {
                task.put("figures-missing", "the task has not reported yet");
            }
            tasks.add(task);
        });
        connector.put("tasks", tasks);
        if (!tables.isEmpty()) {
            connector.put("tables", tables);
        }
        if ("iceberg-sink".equals(kind)) {
            addLag(connector, name, config);
        }
        return connector;
    }

    private void addLag(Map<String, Object> connector, String name, Map<String, String> config) {
        String group = config.getOrDefault("consumer.override.group.id", "connect-" + name);
        try {
            Map<String, SinkLag.PartitionLag> lags = sinkLag.of(group, SinkLag.topicList(config.get("topics")),
                    config.get("topics.regex"));
            Map<String, Object> partitions = new TreeMap<>();
            long total = 0;
            for (Map.Entry<String, SinkLag.PartitionLag> lag : lags.entrySet()) {
                Map<String, Object> position = new LinkedHashMap<>();
                position.put("committed", lag.getValue().committed());
                position.put("log-end", lag.getValue().logEnd());
                position.put("lag", lag.getValue().lag());
                partitions.put(lag.getKey(), position);
                total += lag.getValue().lag();
            }
            connector.put("consumer-group", group);
            connector.put("lag", total);
            connector.put("partitions", partitions);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            connector.put("lag-error", "could not read the offsets of group " + group + ": " + e);
        }
    }

    /** Adds one task's tables into the connector's (see the class comment for the rule). */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Map<String, Object>> into, Map<?, ?> tables) {
        tables.forEach((table, figures) -> {
            Map<String, Object> merged = into.computeIfAbsent((String) table, t -> new TreeMap<>());
            ((Map<String, Object>) figures).forEach((name, value) -> {
                if (name.equals("partitions") && value instanceof Map<?, ?> partitions) {
                    ((Map<String, Object>) merged.computeIfAbsent("partitions", p -> new TreeMap<>()))
                            .putAll((Map<String, Object>) partitions);
                } else {
                    merged.merge(name, value, (old, fresh) -> combine(name, old, fresh));
                }
            });
        });
    }

    private static Object combine(String name, Object old, Object fresh) {
        if (!(old instanceof Number a) || !(fresh instanceof Number b)) {
            return old;
        }
        if (name.endsWith("-total") || name.endsWith("-recent")) {
            if (a instanceof Double || b instanceof Double) {
                return a.doubleValue() + b.doubleValue();
            }
            return a.longValue() + b.longValue();  // not in one ?: with the double, which would widen it
        }
        boolean smallest = name.contains("lag") || name.contains("freshness");
        return (a.doubleValue() <= b.doubleValue()) == smallest ? a : b;
    }

    /** The kind of a Tributary connector's tasks; null for another project's connector. */
    static String kind(Map<String, String> config) {
        String connectorClass = config == null ? null : config.get("connector.class");
        if (connectorClass == null) {
            return null;
        }
        String simple = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
        return connectorClass.contains(".") && !connectorClass.startsWith("io.tributary.") ? null : KINDS.get(simple);
    }

    private static Set<String> workers(Map<String, ConnectorHealth> healths) {
        Set<String> workers = new TreeSet<>();
        healths.values().forEach(health -> health.tasksState().values().stream().map(TaskState::workerId)
                .filter(worker -> worker != null && !worker.isBlank()).forEach(workers::add));
        return workers;
    }

    /** A worker is this one if a task the cluster places there reports here. */
    private static boolean runsHere(String worker, Map<String, ConnectorHealth> healths,
            Map<String, Map<String, Object>> local) {
        return healths.entrySet().stream().anyMatch(health -> health.getValue().tasksState().entrySet().stream()
                .anyMatch(task -> worker.equals(task.getValue().workerId())
                        && local.containsKey(health.getKey() + "/" + task.getKey())));
    }

    private static String key(Map<String, Object> task) {
        return task.get("connector") + "/" + task.get("task");
    }
}
