package io.tributary.connect.rest;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.apache.kafka.connect.health.ConnectorState;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.health.TaskState;

/** A cluster state that says what the test tells it: connectors, their configs and where their tasks run. */
final class FixedCluster implements ConnectClusterState {

    private final Map<String, Map<String, String>> configs = new TreeMap<>();
    private final Map<String, ConnectorHealth> healths = new HashMap<>();

    /** Adds a connector of {@code connectorClass}, RUNNING on the first task's worker. */
    FixedCluster connector(String name, String connectorClass, TaskState... tasks) {
        Map<Integer, TaskState> states = new TreeMap<>();
        for (TaskState task : tasks) {
            states.put(task.taskId(), task);
        }
        String worker = tasks.length == 0 ? "w0:8083" : tasks[0].workerId();
        configs.put(name, Map.of("name", name, "connector.class", connectorClass));
        healths.put(name, new ConnectorHealth(name, new ConnectorState("RUNNING", worker, null), states,
                ConnectorType.SOURCE));
        return this;
    }

    static TaskState running(int id, String worker) {
        return new TaskState(id, "RUNNING", worker, null);
    }

    @Override
    public Collection<String> connectors() {
        return configs.keySet();
    }

    @Override
    public ConnectorHealth connectorHealth(String name) {
        return healths.get(name);
    }

    @Override
    public Map<String, String> connectorConfig(String name) {
        return configs.get(name);
    }
}
