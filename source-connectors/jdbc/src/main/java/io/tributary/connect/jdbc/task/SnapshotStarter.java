package io.tributary.connect.jdbc.task;

import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.offsets.KeyValue;
import io.tributary.connect.jdbc.offsets.SnapshotProgress;
import io.tributary.connect.jdbc.offsets.TableOffset;
import io.tributary.connect.jdbc.schedule.NextSnapshot;
import io.tributary.connect.jdbc.schema.TypeMappingOptions;
import io.tributary.connect.jdbc.snapshot.SnapshotCursor;
import io.tributary.connect.jdbc.snapshot.SnapshotRun;
import io.tributary.connect.smt.boundary.SnapshotRef;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the snapshot a turn asks for: a new one (new id, counts at zero) or the one in progress, resumed after
 * its last key with the same id, start, N and counts (jdbc-source-offsets.md, "Resuming").
 */
public final class SnapshotStarter {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStarter.class);

    private final DatabaseAccess access;
    private final TableStates states;
    private final int topicPartitions;
    private final int fetchSize;
    private final TypeMappingOptions types;
    private final Clock clock;

    public SnapshotStarter(DatabaseAccess access, TableStates states, int topicPartitions, int fetchSize,
            TypeMappingOptions types, Clock clock) {
        this.access = access;
        this.states = states;
        this.topicPartitions = topicPartitions;
        this.fetchSize = fetchSize;
        this.types = types;
        this.clock = clock;
    }

    public SnapshotRun open(SnapshotTurns.Turn turn) throws SQLException {
        ReadTarget target = turn.target();
        TableOffset stored = states.tableOffset(target);
        Optional<SnapshotProgress> inProgress = stored.snapshot();
        TableOffset offset;
        List<KeyValue> after;
        if (turn.decision().action() == NextSnapshot.Action.RESUME && resumable(target, inProgress.orElseThrow())) {
            SnapshotProgress progress = inProgress.get();
            offset = stored;
            after = progress.lastKey();
            LOG.info("Resuming snapshot {} of {} after {} row(s), spread over {} partition(s) of topic {}",
                    progress.id(), target, progress.rowsSent(), progress.topicPartitions(), target.topic());
        } else {
            SnapshotRef ref = SnapshotRef.start(target.name(), clock.instant(), previousStart(stored));
            offset = stored.withSnapshotStarted(ref, topicPartitions, turn.decision().resnapshotToken());
            after = List.of();
            if (inProgress.isPresent()) {
                LOG.info("Abandoning unfinished snapshot {} of {}: {}", inProgress.get().id(), target,
                        target.keyColumns().isEmpty() ? "the table has no key to resume after"
                                : "a new one was requested");
            }
            LOG.info("Starting snapshot {} of {}{} over {} partition(s) of topic {}", ref.id(), target,
                    turn.decision().resnapshotToken() == null ? ""
                            : " (requested by operator: " + turn.decision().resnapshotToken() + ")",
                    topicPartitions, target.topic());
        }
        Dialect dialect = access.dialect();
        return new SnapshotRun(target, offset,
                SnapshotCursor.open(access.open(), dialect, target, after, fetchSize, types));
    }

    /** The database's estimate of the rows to read, for progress; null when it cannot say. */
    public Long estimateRows(ReadTarget target) {
        try {
            return target.isQuery() ? access.dialect().estimateRowCount(access.catalog(), target.query())
                    : access.dialect().estimateRowCount(access.catalog(), target.table());
        } catch (SQLException | RuntimeException e) {
            LOG.debug("No row estimate for {}", target, e);
            return null;
        }
    }

    /** A snapshot resumes only in the key order it was read in; a changed key starts a new one. */
    private static boolean resumable(ReadTarget target, SnapshotProgress progress) {
        List<String> storedColumns = progress.lastKey().stream().map(KeyValue::column).toList();
        if (progress.rowsSent() == 0 || storedColumns.equals(target.keyColumns())) {
            return true;
        }
        LOG.warn("Snapshot {} of {} was read in order of {} but the key is now {}: starting a new snapshot",
                progress.id(), target, storedColumns, target.keyColumns());
        return false;
    }

    private static Instant previousStart(TableOffset stored) {
        Instant completed = stored.lastCompleted().map(c -> c.started()).orElse(null);
        Instant abandoned = stored.snapshot().map(SnapshotProgress::started).orElse(null);
        if (completed == null) {
            return abandoned;
        }
        return abandoned == null || completed.isAfter(abandoned) ? completed : abandoned;
    }
}
