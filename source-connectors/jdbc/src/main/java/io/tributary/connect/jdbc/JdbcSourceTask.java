package io.tributary.connect.jdbc;

import io.tributary.connect.jdbc.catalog.TableDiscovery;
import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.catalog.TableNotFoundException;
import io.tributary.connect.jdbc.config.ModeSettings;
import io.tributary.connect.jdbc.dialect.Dialects;
import io.tributary.connect.jdbc.snapshot.SnapshotRun;
import io.tributary.connect.jdbc.task.DatabaseAccess;
import io.tributary.connect.jdbc.task.ReadTarget;
import io.tributary.connect.jdbc.task.ReadTargets;
import io.tributary.connect.jdbc.task.SnapshotStarter;
import io.tributary.connect.jdbc.task.SnapshotTurns;
import io.tributary.connect.jdbc.task.TableStates;
import io.tributary.connect.jdbc.task.TaskMetrics;
import io.tributary.connect.jdbc.task.TaskTables;
import io.tributary.connect.jdbc.task.TransactionChunks;
import io.tributary.connect.smt.plugin.TributaryVersion;
import io.tributary.connect.smt.plugin.WorkerMetrics;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the tables the connector assigned to this task, one snapshot at a time. The work is in
 * {@link io.tributary.connect.jdbc.task} (which table next, offsets, connections, transactions, metrics)
 * and {@link io.tributary.connect.jdbc.snapshot} (reading one snapshot); this class drives them from
 * {@link #poll}, which never blocks for long: it returns null while waiting for a schedule or a database.
 */
public class JdbcSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSourceTask.class);
    /** Longest a poll waits when there is nothing to do, so that the worker can stop or commit in time. */
    private static final Duration IDLE_STEP = Duration.ofMillis(500);

    private final Clock clock;
    private final Object lock = new Object();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private JdbcSourceConfig config;
    private List<TableId> assigned;
    private DatabaseAccess access;
    private TableStates states;
    private TaskMetrics metrics;
    private TransactionChunks chunks;
    private SnapshotTurns turns;
    private SnapshotStarter starter;
    private SnapshotRun run;
    /** Rows of the current run already added to the rows-read gauge. */
    private long rowsCounted;

    public JdbcSourceTask() {
        this(Clock.systemUTC());
    }

    /** For tests that move time. */
    JdbcSourceTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new JdbcSourceConfig(props);
        if (config.mode() == ModeSettings.Mode.INCREMENTAL) {
            throw new ConnectException("Tributary " + TributaryVersion.get() + " cannot read tables in mode="
                    + "incremental yet; use mode=snapshot");
        }
        assigned = TaskTables.decode(props.get(JdbcSourceConfig.TASK_TABLES));
        access = new DatabaseAccess(Dialects.forUrl(config.connection().url()), config.connection(), clock);
        states = new TableStates(config.offsetMode());
        metrics = new TaskMetrics(WorkerMetrics.of(context));
        chunks = new TransactionChunks(context.transactionContext(), config.snapshot().transactionRows());
        starter = new SnapshotStarter(access, states, config.selection().topicPartitions(),
                config.snapshot().fetchSize(), config.types().options(), clock);
        LOG.info("Starting JDBC source task: {} table(s), snapshot schedule {}, {}", assigned.size(),
                config.snapshot().schedule(), context.transactionContext() == null
                        ? "no connector-defined transactions"
                        : "a transaction per " + config.snapshot().transactionRows() + " rows");
    }

    @Override
    public List<SourceRecord> poll() {
        synchronized (lock) {
            if (stopping.getCount() == 0) {
                return null;
            }
            if (!access.mayTry()) {
                idle(Duration.between(clock.instant(), access.nextAttempt()));
                return null;
            }
            ReadTarget reading = run == null ? null : run.target();
            try {
                if (turns == null) {
                    resolveTargets();
                }
                if (run == null && !startNextSnapshot()) {
                    return null;
                }
                reading = run.target();
                List<SourceRecord> batch = run.next(config.batchMaxRows());
                afterBatch(batch);
                access.succeeded();
                return batch.isEmpty() ? null : batch;
            } catch (SQLException e) {
                onFailure(reading, e);
                return null;
            }
        }
    }

    private void resolveTargets() throws SQLException {
        List<ReadTarget> targets = ReadTargets.resolve(access.catalog(), access.dialect(), config, assigned);
        states.load(context.offsetStorageReader(), targets);
        turns = new SnapshotTurns(targets, states, config.snapshot().schedule());
        LOG.info("Reading {}", targets);
    }

    /** Opens the next due snapshot; when none is due, waits a little and returns false. */
    private boolean startNextSnapshot() throws SQLException {
        Instant now = clock.instant();
        Optional<SnapshotTurns.Turn> turn = turns.next(now);
        if (turn.isEmpty()) {
            Instant wakeUp = turns.nextWakeUp();
            idle(wakeUp == null ? IDLE_STEP : Duration.between(now, wakeUp));
            return false;
        }
        TaskMetrics.TableGauges gauges = metrics.table(turn.get().target().name());
        gauges.snapshotRowsEstimated(starter.estimateRows(turn.get().target()));
        run = starter.open(turn.get());
        gauges.snapshotRowsDone(run.rowsDone());
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
            gauges.lastSnapshotDurationMs(millis);
            LOG.info("Snapshot {} of {} completed: {} row(s) in {} ms", run.ref().id(), run.target(),
                    run.rowsDone(), millis);
            closeRun();
        }
    }

    private void onFailure(ReadTarget target, SQLException e) {
        closeRun();
        String what = target == null ? "Reading the catalog" : "Reading " + target;
        if (access.isConnectionProblem(e)) {
            access.failed(what, e);
            return;
        }
        if (target != null && target.discovered() && dropped(target)) {
            LOG.warn("Table {} was dropped while it was read; not reading it any more", target);
            turns.remove(target);
            return;
        }
        throw new ConnectException(what + " failed: " + access.safeMessage(e) + " (SQLState " + e.getSQLState() + ")", e);
    }

    private boolean dropped(ReadTarget target) {
        try {
            new TableDiscovery(access.dialect()).describe(access.catalog(), target.table());
            return false;
        } catch (TableNotFoundException e) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void idle(Duration wait) {
        long millis = Math.max(1, Math.min(IDLE_STEP.toMillis(), wait.toMillis()));
        try {
            stopping.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeRun() {
        if (run != null) {
            run.close();
            run = null;
            rowsCounted = 0;
        }
    }

    @Override
    public void stop() {
        stopping.countDown();
        synchronized (lock) {
            closeRun();
            if (access != null) {
                access.close();
            }
            if (metrics != null) {
                metrics.close();
            }
        }
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }
}
