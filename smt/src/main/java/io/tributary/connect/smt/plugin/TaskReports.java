package io.tributary.connect.smt.plugin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The live reports of the Tributary tasks running on this worker, read by the REST extension
 * ({@code /tributary}).
 *
 * <p>A worker loads the whole bundle — connectors, transforms and the REST extension — in one plugin class
 * loader, so this class and its map exist once per worker, shared by its tasks and its REST extension. (Several
 * workers in one JVM, as in tests, each have their own loader and their own map.)
 */
public final class TaskReports {

    private static final ConcurrentMap<TaskRef, TaskReport> RUNNING = new ConcurrentHashMap<>();

    private TaskReports() {
    }

    /**
     * Starts the report of {@code task}, whose gauges also go to {@code metrics}; closing it removes both. A
     * report left by an earlier instance of the same task (restarted before it closed) is replaced.
     *
     * @param kind what the task is: {@code jdbc-source}, {@code events-source} or {@code iceberg-sink}
     */
    public static TaskReport open(TaskRef task, String kind, WorkerMetrics metrics) {
        TaskReport report = new TaskReport(task, kind, metrics);
        RUNNING.put(task, report);
        return report;
    }

    /** A report closed: removed, unless a newer instance of its task has replaced it already. */
    static void closed(TaskReport report) {
        RUNNING.remove(report.task(), report);
    }

    /** The reports of every Tributary task running on this worker now. */
    public static Map<TaskRef, TaskReport> running() {
        return Map.copyOf(RUNNING);
    }
}
