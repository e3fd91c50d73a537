package io.tributary.connect.jdbc.task;

import io.tributary.connect.smt.plugin.WorkerMetrics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The task's gauges, tagged per table ({@code table=<schema.table or query name>}): rows read, snapshot
 * progress (done / estimated), last snapshot duration and incremental lag. Published through the worker's
 * plugin metrics (Kafka 4.1+); dropped on older workers.
 */
public final class TaskMetrics implements AutoCloseable {

    /** The numbers behind one table's gauges; written by the task thread, read by the metrics reporter. */
    public static final class TableGauges {
        final AtomicLong rowsRead = new AtomicLong();
        final AtomicLong snapshotRowsDone = new AtomicLong();
        volatile Long snapshotRowsEstimated;
        volatile Long lastSnapshotDurationMs;
        volatile Long incrementalLagMs;

        public void rowsRead(long rows) {
            rowsRead.addAndGet(rows);
        }

        public void snapshotRowsDone(long rows) {
            snapshotRowsDone.set(rows);
        }

        public void snapshotRowsEstimated(Long rows) {
            snapshotRowsEstimated = rows;
        }

        public void lastSnapshotDurationMs(long millis) {
            lastSnapshotDurationMs = millis;
        }

        public void incrementalLagMs(long millis) {
            incrementalLagMs = millis;
        }
    }

    private final WorkerMetrics metrics;
    private final Map<String, TableGauges> tables = new HashMap<>();

    public TaskMetrics(WorkerMetrics metrics) {
        this.metrics = metrics;
    }

    /** Failed connection attempts since the last success: non-zero while the database is away. */
    public void connectionFailures(java.util.function.IntSupplier failures) {
        metrics.gauge("connection-failures", "Failed connection attempts in a row; 0 once the database answers",
                Map.of(), failures::getAsInt);
    }

    public TableGauges table(String name) {
        return tables.computeIfAbsent(name, this::register);
    }

    private TableGauges register(String name) {
        TableGauges gauges = new TableGauges();
        Map<String, String> tags = Map.of("table", name);
        metrics.gauge("rows-read-total", "Rows read from the table since the task started", tags,
                gauges.rowsRead::get);
        metrics.gauge("snapshot-rows-done", "Rows of the current (or last) snapshot sent", tags,
                gauges.snapshotRowsDone::get);
        metrics.gauge("snapshot-rows-estimated", "The database's estimate of the table's rows, taken when the "
                + "snapshot started (null when it cannot say)", tags, () -> gauges.snapshotRowsEstimated);
        metrics.gauge("last-snapshot-duration-ms", "How long the last completed snapshot took in this task", tags,
                () -> gauges.lastSnapshotDurationMs);
        metrics.gauge("incremental-lag-ms", "The database's time minus the timestamp of the last row read", tags,
                () -> gauges.incrementalLagMs);
        return gauges;
    }

    @Override
    public void close() {
        metrics.close();
    }
}
