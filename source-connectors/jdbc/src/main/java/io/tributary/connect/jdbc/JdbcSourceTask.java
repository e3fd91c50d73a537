package io.tributary.connect.jdbc;

import io.tributary.connect.jdbc.catalog.TableDiscovery;
import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.catalog.TableNotFoundException;
import io.tributary.connect.jdbc.config.ModeSettings;
import io.tributary.connect.jdbc.dialect.Dialects;
import io.tributary.connect.jdbc.task.DatabaseAccess;
import io.tributary.connect.jdbc.task.IncrementalPoller;
import io.tributary.connect.jdbc.task.ReadTarget;
import io.tributary.connect.jdbc.task.ReadTargets;
import io.tributary.connect.jdbc.task.SnapshotPoller;
import io.tributary.connect.jdbc.task.SnapshotStarter;
import io.tributary.connect.jdbc.task.SnapshotTurns;
import io.tributary.connect.jdbc.task.TablePoller;
import io.tributary.connect.jdbc.task.TableStates;
import io.tributary.connect.jdbc.task.TaskMetrics;
import io.tributary.connect.jdbc.task.TaskTables;
import io.tributary.connect.jdbc.task.TransactionChunks;
import io.tributary.connect.smt.plugin.TributaryVersion;
import io.tributary.connect.smt.plugin.TaskRef;
import io.tributary.connect.smt.plugin.TaskReports;
import io.tributary.connect.smt.plugin.WorkerMetrics;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the tables the connector assigned to this task. Reading is in a {@link TablePoller} per mode
 * ({@link SnapshotPoller}, {@link IncrementalPoller}); this class resolves the tables once the database answers,
 * waits out connection backoffs, and tells a failure to retry from one to fail on. {@link #poll} never blocks
 * for long: it returns null while waiting for a schedule, a poll interval or the database.
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
    private TablePoller poller;

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
        assigned = TaskTables.decode(props.get(JdbcSourceConfig.TASK_TABLES));
        access = new DatabaseAccess(Dialects.forUrl(config.connection().url()), config.connection(), clock);
        states = new TableStates(config.offsetMode());
        metrics = new TaskMetrics(TaskReports.open(TaskRef.of(props), "jdbc-source", WorkerMetrics.of(context)),
                config.offsetMode(), clock);
        metrics.connectionFailures(access::consecutiveFailures);
        chunks = new TransactionChunks(context.transactionContext(), config.snapshot().transactionRows());
        LOG.info("Starting JDBC source task: {} table(s) in mode {}, {}", assigned.size(), config.offsetMode(),
                context.transactionContext() == null ? "no connector-defined transactions"
                        : "connector-defined transactions");
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
            try {
                if (poller == null) {
                    poller = newPoller();
                }
                List<SourceRecord> batch = poller.poll(config.batchMaxRows());
                access.succeeded();
                if (batch.isEmpty()) {
                    Instant wakeUp = poller.wakeUp();
                    idle(wakeUp == null ? IDLE_STEP : Duration.between(clock.instant(), wakeUp));
                    return null;
                }
                return batch;
            } catch (SQLException e) {
                onFailure(e);
                return null;
            }
        }
    }

    /** Resolves the tables and reads their offsets: the first thing that needs the database. */
    private TablePoller newPoller() throws SQLException {
        List<ReadTarget> targets = ReadTargets.resolve(access.catalog(), access.dialect(), config, assigned);
        states.load(context.offsetStorageReader(), targets);
        LOG.info("Reading {}", targets);
        if (config.mode() == ModeSettings.Mode.INCREMENTAL) {
            return new IncrementalPoller(targets, access, config.incremental(), config.offsetMode(),
                    config.types().options(), states, metrics, chunks, config.selection().topicPartitions(), clock);
        }
        SnapshotTurns turns = new SnapshotTurns(targets, states, config.snapshot().schedule());
        SnapshotStarter starter = new SnapshotStarter(access, states, config.selection().topicPartitions(),
                config.snapshot().fetchSize(), config.types().options(), clock);
        return new SnapshotPoller(turns, starter, states, metrics, chunks, clock);
    }

    /**
     * A connection failure backs off and retries, the task staying RUNNING (the cause in the log at WARN); a
     * discovered table dropped meanwhile is let go; anything else fails the task with an error naming the table.
     */
    private void onFailure(SQLException e) {
        ReadTarget target = poller == null ? null : poller.reading();
        if (poller != null) {
            poller.abandon();
        }
        String what = target == null ? "Reading the catalog" : "Reading " + target;
        if (access.isConnectionProblem(e)) {
            access.failed(what, e);
            return;
        }
        if (target != null && target.discovered() && dropped(target)) {
            LOG.warn("Table {} was dropped while it was read; not reading it any more", target);
            poller.remove(target);
            return;
        }
        throw new ConnectException(what + " failed: " + access.safeMessage(e) + " (SQLState " + e.getSQLState()
                + ")", e);
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

    @Override
    public void stop() {
        stopping.countDown();
        synchronized (lock) {
            if (poller != null) {
                poller.close();
            }
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
