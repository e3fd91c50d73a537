package io.tributary.connect.jdbc.task;

import io.tributary.connect.jdbc.snapshot.SnapshotRun;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot mode: one table's snapshot at a time, its cursor open across polls; the next table when it ends,
 * or nothing until the schedule says so.
 */
public final class SnapshotPoller implements TablePoller {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPoller.class);

    private final SnapshotTurns turns;
    private final SnapshotStarter starter;
    private final TableStates states;
    private final TaskMetrics metrics;
    private final TransactionChunks chunks;
    private final Clock clock;
    private SnapshotRun run;
    /** Rows of the current run already added to the rows-read gauge. */
    private long rowsCounted;

    public SnapshotPoller(SnapshotTurns turns, SnapshotStarter starter, TableStates states, TaskMetrics metrics,
            TransactionChunks chunks, Clock clock) {
        this.turns = turns;
        this.starter = starter;
        this.states = states;
        this.metrics = metrics;
        this.chunks = chunks;
        this.clock = clock;
    }

    @Override
    public List<SourceRecord> poll(int maxRecords) throws SQLException {
        if (run == null && !startNext()) {
            return List.of();
        }
        List<SourceRecord> batch = run.next(maxRecords);
        afterBatch(batch);
        return batch;
    }

    private boolean startNext() throws SQLException {
        Optional<SnapshotTurns.Turn> turn = turns.next(clock.instant());
        if (turn.isEmpty()) {
            return false;
        }
        TaskMetrics.TableGauges gauges = metrics.table(turn.get().target().name());
        gauges.snapshotRowsEstimated(starter.estimateRows(turn.get().target()));
        run = starter.open(turn.get());
        gauges.snapshotRowsDone(run.rowsDone());
        gauges.snapshotReading(run.ref().id(), run.ref().started(), run.rowsDone());
        return true;
    }

    private void afterBatch(List<SourceRecord> batch) {
        TaskMetrics.TableGauges gauges = metrics.table(run.target().name());
        states.update(run.target(), run.offset());
        gauges.rowsRead(run.rowsThisRun() - rowsCounted);
        rowsCounted = run.rowsThisRun();
        gauges.snapshotRowsDone(run.rowsDone());
        chunks.afterBatch(batch, run.finished());
        if (run.finished()) {
            long millis = Duration.between(run.ref().started(), clock.instant()).toMillis();
            gauges.snapshotCompleted(run.ref().id(), millis);
            LOG.info("Snapshot {} of {} completed: {} row(s) in {} ms", run.ref().id(), run.target(),
                    run.rowsDone(), millis);
            abandon();
        }
    }

    @Override
    public Instant wakeUp() {
        return turns.nextWakeUp();
    }

    @Override
    public ReadTarget reading() {
        return run == null ? null : run.target();
    }

    @Override
    public void abandon() {
        if (run != null) {
            run.close();
            run = null;
            rowsCounted = 0;
        }
    }

    @Override
    public void remove(ReadTarget target) {
        turns.remove(target);
    }

    @Override
    public void close() {
        abandon();
    }
}
