package io.tributary.connect.smt.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which task of which connector: what a task's live figures are filed under (see {@link TaskReports}).
 *
 * <p>A task is not told its own number by Connect. Tributary connectors write it into each task's config
 * ({@link #numbered}); Connect numbers tasks by their position in the list of task configs, so the two agree.
 */
public record TaskRef(String connector, int task) {

    /** The task's number among the connector's tasks, written by the connector into each task config. */
    public static final String INDEX = "tributary.task.index";
    /** How many tasks the connector asked for, beside {@link #INDEX}. */
    public static final String COUNT = "tributary.task.count";

    /** The task whose config this is; task 0 of a connector named "?" when the keys are absent (unit tests). */
    public static TaskRef of(Map<String, String> taskConfig) {
        return new TaskRef(taskConfig.getOrDefault("name", "?"), index(taskConfig));
    }

    public static int index(Map<String, String> taskConfig) {
        return Integer.parseInt(taskConfig.getOrDefault(INDEX, "0"));
    }

    public static int count(Map<String, String> taskConfig) {
        return Integer.parseInt(taskConfig.getOrDefault(COUNT, "1"));
    }

    /** Copies of {@code configs} with each task's number and the task count added. */
    public static List<Map<String, String>> numbered(List<Map<String, String>> configs) {
        List<Map<String, String>> numbered = new ArrayList<>(configs.size());
        for (int task = 0; task < configs.size(); task++) {
            Map<String, String> config = new HashMap<>(configs.get(task));
            config.put(INDEX, Integer.toString(task));
            config.put(COUNT, Integer.toString(configs.size()));
            numbered.add(config);
        }
        return numbered;
    }

    @Override
    public String toString() {
        return connector + "-" + task;
    }
}
