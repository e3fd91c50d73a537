package io.tributary.connect.rest;

import io.tributary.connect.smt.plugin.TaskRef;
import io.tributary.connect.smt.plugin.TaskReport;
import io.tributary.connect.smt.plugin.TaskReports;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of the Tributary tasks running on this worker ({@link TaskReports}), shaped for JSON: figures
 * without tags at the task's top level, figures tagged {@code table} under {@code tables}, and those also tagged
 * with a topic partition under that table's {@code partitions}.
 */
final class LocalTasks {

    private LocalTasks() {
    }

    /** Every local task, ordered by connector and task number. */
    static List<Map<String, Object>> read() {
        List<Map<String, Object>> tasks = new ArrayList<>();
        TaskReports.running().values().stream()
                .sorted(Comparator.comparing((TaskReport report) -> report.task().connector())
                        .thenComparingInt(report -> report.task().task()))
                .forEach(report -> tasks.add(shape(report.task(), report.kind(), report.read())));
        return tasks;
    }

    static Map<String, Object> shape(TaskRef task, String kind, List<Map<String, Object>> figures) {
        Map<String, Object> shaped = new LinkedHashMap<>();
        shaped.put("connector", task.connector());
        shaped.put("task", task.task());
        shaped.put("kind", kind);
        Map<String, Object> top = new TreeMap<>();
        Map<String, Map<String, Object>> tables = new TreeMap<>();
        for (Map<String, Object> figure : figures) {
            String name = (String) figure.get("name");
            @SuppressWarnings("unchecked")
            Map<String, String> tags = new TreeMap<>((Map<String, String>) figure.get("tags"));
            Object value = figure.containsKey("value") ? figure.get("value") : Map.of("error", figure.get("error"));
            Map<String, Object> into = top;
            String table = tags.remove("table");
            if (table != null) {
                into = tables.computeIfAbsent(table, t -> new TreeMap<>());
            }
            String topic = tags.get("topic");
            String partition = tags.get("partition");
            if (topic != null && partition != null) {
                tags.remove("topic");
                tags.remove("partition");
                into = partitions(into).computeIfAbsent(topic + "-" + partition, p -> new TreeMap<>());
            }
            into.put(tags.isEmpty() ? name : name + tags, value);
        }
        shaped.put("figures", top);
        if (!tables.isEmpty()) {
            shaped.put("tables", tables);
        }
        return shaped;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> partitions(Map<String, Object> into) {
        return (Map<String, Map<String, Object>>) into.computeIfAbsent("partitions", p -> new TreeMap<>());
    }
}
