package io.tributary.connect.jdbc.task;

import io.tributary.connect.jdbc.offsets.OffsetMode;
import io.tributary.connect.smt.plugin.TaskReport;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The task's gauges, tagged per table ({@code table=<schema.table or query name>}): rows read, snapshot
 * progress (done / estimated, and when it should end), the last snapshot and its duration, and incremental lag.
 * Published through the worker's plugin metrics (Kafka 4.1+; dropped on older workers) and in the task's live
 * report ({@code /tributary/pipelines}), which adds the mode and the snapshot ids.
 */
public final class TaskMetrics implements AutoCloseable {

    /** The numbers behind one table's gauges; written by the task thread, read by the metrics reporter. */
    public final class TableGauges {
        final AtomicLong rowsRead = new AtomicLong();
        final AtomicLong snapshotRowsDone = new AtomicLong();
        volatile Long snapshotRowsEstimated;
        volatile Long lastSnapshotDurationMs;
        volatile Long incrementalLagMs;
        /** The snapshot being read, and when it started; null between snapshots. */
        volatile String snapshotId;
        volatile Instant snapshotStarted;
        /** Rows already sent when this task took the snapshot up (after a restart), to rate what it read since. */
        volatile long snapshotRowsAtResume;
        volatile Instant snapshotResumed;
        volatile String lastSnapshotId;
        volatile Long lastSnapshotCompletedMs;

        public void rowsRead(long rows) {
            rowsRead.addAndGet(rows);
        }

        public void snapshotRowsDone(long rows) {
            snapshotRowsDone.set(rows);
        }

        public void snapshotRowsEstimated(Long rows) {
            snapshotRowsEstimated = rows;
        }

        /** A snapshot started, or resumed after a restart with {@code rowsDone} rows already sent. */
        public void snapshotReading(String id, Instant started, long rowsDone) {
            snapshotId = id;
            snapshotStarted = started;
            snapshotRowsAtResume = rowsDone;
            snapshotResumed = clock.instant();
        }

        public void snapshotCompleted(String id, long durationMs) {
            lastSnapshotId = id;
            lastSnapshotDurationMs = durationMs;
            lastSnapshotCompletedMs = clock.millis();
            snapshotId = null;
            snapshotStarted = null;
        }

        public void incrementalLagMs(long millis) {
            incrementalLagMs = millis;
        }

        /**
         * Milliseconds until the current snapshot should end, at the rate this task has read it so far; null
         * between snapshots, before the first rows, or when the database gave no estimate.
         */
        Long snapshotEtaMs() {
            Long estimated = snapshotRowsEstimated;
            Instant resumed = snapshotResumed;
            if (snapshotId == null || estimated == null || resumed == null) {
                return null;
            }
            long done = snapshotRowsDone.get();
            long read = done - snapshotRowsAtResume;
            long elapsed = clock.millis() - resumed.toEpochMilli();
            if (read <= 0 || elapsed <= 0) {
                return null;
            }
            return Math.max(0, estimated - done) * elapsed / read;
        }
    }

    private final TaskReport report;
    private final Clock clock;
    private final Map<String, TableGauges> tables = new ConcurrentHashMap<>();

    public TaskMetrics(TaskReport report, OffsetMode mode, Clock clock) {
        this.report = report;
        this.clock = clock;
        report.detail("mode", Map.of(), mode::text);
    }

    /** Failed connection attempts since the last success: non-zero while the database is away. */
    public void connectionFailures(java.util.function.IntSupplier failures) {
        report.gauge("connection-failures", "Failed connection attempts in a row; 0 once the database answers",
                Map.of(), failures::getAsInt);
    }

    public TableGauges table(String name) {
        return tables.computeIfAbsent(name, this::register);
    }

    private TableGauges register(String name) {
        TableGauges gauges = new TableGauges();
        Map<String, String> tags = Map.of("table", name);
        report.gauge("rows-read-total", "Rows read from the table since the task started", tags,
                gauges.rowsRead::get);
        report.gauge("snapshot-rows-done", "Rows of the current (or last) snapshot sent (null before this task "
                + "snapshot the table)", tags,
                () -> gauges.snapshotResumed == null ? null : gauges.snapshotRowsDone.get());
        report.gauge("snapshot-rows-estimated", "The database's estimate of the table's rows, taken when the "
                + "snapshot started (null when it cannot say)", tags, () -> gauges.snapshotRowsEstimated);
        report.gauge("snapshot-eta-ms", "Time left in the current snapshot at the rate read so far (null between "
                + "snapshots or without an estimate)", tags, gauges::snapshotEtaMs);
        report.gauge("last-snapshot-duration-ms", "How long the last completed snapshot took in this task", tags,
                () -> gauges.lastSnapshotDurationMs);
        report.gauge("last-snapshot-completed-time-ms", "When the last snapshot completed (epoch ms)", tags,
                () -> gauges.lastSnapshotCompletedMs);
        report.gauge("incremental-lag-ms", "The database's time minus the timestamp of the last row read", tags,
                () -> gauges.incrementalLagMs);
        report.detail("snapshot-id", tags, () -> gauges.snapshotId);
        report.detail("snapshot-started", tags, () -> gauges.snapshotStarted == null ? null
                : gauges.snapshotStarted.toString());
        report.detail("last-snapshot-id", tags, () -> gauges.lastSnapshotId);
        return gauges;
    }

    @Override
    public void close() {
        report.close();
    }
}
