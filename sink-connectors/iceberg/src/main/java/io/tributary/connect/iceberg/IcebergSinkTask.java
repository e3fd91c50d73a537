package io.tributary.connect.iceberg;

import io.tributary.connect.iceberg.commit.FencedCommitter;
import io.tributary.connect.iceberg.commit.SnapshotPublisher;
import io.tributary.connect.iceberg.commit.OffsetLedger;
import io.tributary.connect.iceberg.config.TableSettings;
import io.tributary.connect.iceberg.config.WriteSettings;
import io.tributary.connect.iceberg.convert.JsonValue;
import io.tributary.connect.iceberg.maintain.MaintenanceScheduler;
import io.tributary.connect.iceberg.maintain.TableMaintenance;
import io.tributary.connect.iceberg.write.LostWritesException;
import io.tributary.connect.iceberg.write.TableAppender;
import io.tributary.connect.iceberg.write.WriterThread;
import io.tributary.connect.smt.boundary.SnapshotBoundary;
import io.tributary.connect.smt.boundary.SnapshotRef;
import io.tributary.connect.smt.plugin.TaskRef;
import io.tributary.connect.smt.plugin.TaskReports;
import io.tributary.connect.smt.plugin.TributaryVersion;
import io.tributary.connect.smt.plugin.WorkerMetrics;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this task's partitions into Iceberg tables and commits them exactly once: each table commit
 * carries the Kafka offsets it covers and is fenced against them ({@link FencedCommitter}); the consumer
 * group's offsets only advance past records that every table they were routed to has committed.
 */
public class IcebergSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(IcebergSinkTask.class);
    /** Commit rounds without records after which a table's appender is dropped; loading it again is cheap. */
    static final int IDLE_ROUNDS_BEFORE_EVICTION = 30;

    private IcebergSinkConfig config;
    private Catalog catalog;
    private TableRouter router;
    /** Values are JSON text the sink parses itself (iceberg.tables.value-format=json). */
    private boolean jsonValues;
    /** How records are told apart in upsert mode; null in the other modes. */
    private TableAppender.Upserts upserts;
    /** Snapshot-replace mode; null in the other modes. */
    private SnapshotPublisher publisher;
    private WriteSettings.LateRecords lateRecords;
    private String lateHeader;
    private String correctionsSuffix;
    private OffsetLedger ledger;
    private FencedCommitter committer;
    /** Encodes append-mode records off the task thread; null when configured off. */
    private WriterThread writerThread;
    private SinkMetrics metrics;
    private CommitSchedule schedule;
    private int writerId;
    private OpenTables openTables;
    private final PartitionProgress progress = new PartitionProgress();
    private DeadLetters deadLetters;
    /** Background maintenance of the tables this task owns; null when disabled. */
    private MaintenanceScheduler maintenance;
    /** Connect holds the last batch to deliver it again (put threw RetriableException). */
    private boolean batchHeld;
    private boolean paused;
    /** Pending state was lost in a way only a restart recovers from: never commit anything again. */
    private boolean poisoned;

    @Override
    public String version() {
        return TributaryVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new IcebergSinkConfig(props);
        TableSettings tables = config.tables();
        catalog = SharedCatalogs.acquire(config.catalog().name(), config.catalog().catalogProperties(),
                config.commits().retryBackoff());
        router = new TableRouter(tables);
        jsonValues = tables.valueFormat() == TableSettings.ValueFormat.JSON;
        WriteSettings writes = config.writes();
        lateRecords = writes.lateRecords();
        lateHeader = writes.lateHeader();
        correctionsSuffix = writes.correctionsSuffix();
        upserts = writes.mode() == WriteSettings.Mode.UPSERT
                ? new TableAppender.Upserts(writes.idColumns(), writes.opField(), writes.deleteOps(), false)
                : lateRecords == WriteSettings.LateRecords.UPSERT
                ? new TableAppender.Upserts(writes.idColumns(), null, Set.of(), true) : null;
        ledger = new OffsetLedger(config.commits().offsetsId());
        writerId = ThreadLocalRandom.current().nextInt(1 << 20);
        String commitUser = props.getOrDefault("name", "?") + "/" + writerId;
        committer = new FencedCommitter(ledger, commitUser);
        publisher = writes.mode() == WriteSettings.Mode.SNAPSHOT_REPLACE
                ? new SnapshotPublisher(config.commits().offsetsId(), commitUser, writes.replaceScope()) : null;
        metrics = new SinkMetrics(TaskReports.open(TaskRef.of(props), "iceberg-sink", WorkerMetrics.of(context)));
        deadLetters = new DeadLetters(context, metrics);
        schedule = new CommitSchedule(config.commits());
        if (config.maintenance().enabled()) {
            maintenance = new MaintenanceScheduler(catalog, new TableMaintenance(config.maintenance().settings(
                    config.commits().targetFileSizeBytes())), config.maintenance().interval(),
                    TaskRef.index(props), TaskRef.count(props),
                    "tributary-maintenance-" + props.getOrDefault("name", "sink") + "-" + writerId);
            router.staticTables().forEach(maintenance::written);  // maintained even while no records arrive
        }
        writerThread = config.commits().encodeOnThread()
                ? new WriterThread("tributary-writer-" + props.getOrDefault("name", "sink") + "-" + writerId) : null;
        openTables = new OpenTables(catalog, tables, config.commits().retryBackoff(), ledger,
                new TableAppender.Options(writerId, config.commits().targetFileSizeBytes(),
                        config.commits().maxOpenFiles(), upserts, publisher, writerThread), progress::assigned,
                maintenance);
        LOG.info("Iceberg sink task started: {} routing, {} mode, commits every {} ms, offsets stored as '{}'",
                tables.route().configValue(), writes.mode().configValue(), config.commits().interval().toMillis(),
                ledger.summaryKey());
    }

    /** Resumes each partition where the tables say it stopped, which may be past the group's offset. */
    @Override
    public void open(Collection<TopicPartition> partitions) {
        progress.assign(partitions);
        if (publisher != null) {
            // A snapshot may have ended before a crash without being published: the first commit round does it.
            for (TableIdentifier id : router.staticTables()) {
                try {
                    openTables.existing(id, null);
                } catch (RuntimeException e) {
                    LOG.warn("Could not load {} to check for a snapshot left to publish; the next record will", id, e);
                }
            }
        }
        for (Iterator<TableAppender> it = openTables.all().iterator(); it.hasNext(); ) {
            TableAppender appender = it.next();
            try {
                appender.trackFromTable(partitions, ledger);
            } catch (RuntimeException e) {
                if (appender.pendingRecords() > 0) {
                    throw e;
                }
                it.remove();  // made again, with fresh offsets, when a record needs the table
            }
        }
        try {
            Map<TopicPartition, Long> resumeAt = resumeOffsets(partitions);
            if (!resumeAt.isEmpty()) {
                LOG.info("Resuming from offsets stored in the tables: {}", resumeAt);
                // One record early: Connect takes a seek position as committed without committing it, so a
                // partition that gets no new record would keep a stale group offset (and lag). Re-reading the
                // last record the tables hold — skipped, they hold it — makes Connect commit their offset.
                Map<TopicPartition, Long> seeks = new HashMap<>();
                resumeAt.forEach((partition, offset) -> seeks.put(partition, Math.max(0, offset - 1)));
                context.offset(seeks);
            }
        } catch (RuntimeException e) {
            // Safe to skip: the group offset never passes an uncommitted record, and tables skip what they hold.
            LOG.warn("Could not read the tables' offsets to resume from; resuming from the group's offsets", e);
        }
    }

    /**
     * With static routing every record goes to every table, so a partition can resume at the lowest offset
     * the tables store for it. With dynamic routing the set of tables is open, so the consumer group's
     * offset (which never passes an uncommitted record) is where to resume, and the tables skip what they
     * already hold.
     */
    private Map<TopicPartition, Long> resumeOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> lowest = new HashMap<>();
        Set<TopicPartition> unknown = new HashSet<>();
        for (TableIdentifier id : router.staticTables()) {
            Table table = catalog.tableExists(id) ? catalog.loadTable(id) : null;
            Map<TopicPartition, Long> stored = table == null ? Map.of()
                    : ledger.read(table, publisher == null ? null : publisher.branch());
            Map<TopicPartition, Long> ours = new HashMap<>();
            for (TopicPartition partition : partitions) {
                Long offset = stored.get(partition);
                if (offset == null) {
                    unknown.add(partition);
                } else {
                    ours.put(partition, offset);
                    lowest.merge(partition, offset, Math::min);
                }
            }
            metrics.stored(id.toString(), ours);
        }
        unknown.forEach(lowest::remove);
        return lowest;
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (poisoned) {
            throw new ConnectException("This task lost records it had written and must be restarted");
        }
        try {
            for (SinkRecord record : records) {
                write(record);
            }
        } catch (RetriableException e) {
            batchHeld = true;  // Connect delivers this batch again; records already written are skipped
            throw e;
        } catch (DataException e) {
            throw e;  // the error path without a dead-letter queue: the task fails, nothing is committed
        } catch (ConnectException e) {
            throw poison(e.getMessage(), e);  // e.g. a table whose id columns do not fit: says what to fix
        } catch (RuntimeException e) {
            throw poison("Could not write records to data files", e);
        }
        batchHeld = false;
        commitIfDue();
        pauseWhileOverBudget();
    }

    /**
     * Commits when the schedule says so, and otherwise makes sure the task is called again by the time it
     * will: with no new records, the worker's next poll waits until its next offset flush
     * ({@code offset.flush.interval.ms}, a minute by default), and records pending at the end of a burst would
     * wait that long to become visible instead of one commit interval.
     */
    private void commitIfDue() {
        long pending = pendingRecords() + (snapshotsToPublish() ? 1 : 0);
        if (schedule.due(pending, pendingBytes())) {
            commitAll(Set.of());
            pending = pendingRecords() + (snapshotsToPublish() ? 1 : 0);
        }
        long wait = schedule.millisUntilDue(pending);
        if (wait >= 0) {
            context.timeout(Math.max(1, wait));  // bounds the next poll only; Connect forgets it after that poll
        }
    }

    /** Commits keep failing and memory keeps growing: stop fetching until a commit succeeds. */
    private void pauseWhileOverBudget() {
        if (!paused && pendingBytes() > config.commits().maxBufferedBytes() * 2) {
            LOG.warn("Commits are failing and {} bytes are buffered: pausing consumption", pendingBytes());
            context.pause(progress.assigned().toArray(TopicPartition[]::new));
            paused = true;
        }
    }

    private void write(SinkRecord record) {
        TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        long offset = record.originalKafkaOffset();
        if (!progress.accept(partition, offset)) {
            return;  // not ours (any more), or before a rewind
        }
        if (publisher != null) {
            stage(record, partition, offset);
            return;
        }
        if (SnapshotBoundary.isMarker(record.headers())) {
            return;  // an end-of-snapshot marker looks like a tombstone but is never data (snapshot-boundaries.md)
        }
        boolean tombstone = record.value() == null;
        if (tombstone && (upserts == null || upserts.lateOnly())) {
            return;  // appending adds no row for a tombstone
        }
        boolean late = !tombstone && lateRecords != WriteSettings.LateRecords.KEEP && late(record);
        boolean correction = late && lateRecords == WriteSettings.LateRecords.CORRECTIONS;
        Object value;
        List<TableIdentifier> tables;
        try {
            value = tombstone || !jsonValues ? record.value() : JsonValue.of(record.value());
            tables = router.route(record, value);
            if (correction) {
                tables = tables.stream().map(this::correctionsTable).toList();
            }
        } catch (DataException e) {
            deadLetters.report(record, null, e);
            return;
        }
        for (TableIdentifier id : tables) {
            try {
                TableAppender appender = tombstone ? openTables.existing(id, record.key())
                        : openTables.forRecord(id, value, record.key(), correction);
                if (appender != null && appender.needs(partition, offset)) {
                    long size = tombstone ? appender.delete(record.key(), partition, offset, record.timestamp())
                            : appender.write(value, partition, offset, record.timestamp(), late);
                    metrics.written(1, size);
                }
            } catch (DataException e) {
                deadLetters.report(record, id, e);
            }
        }
    }

    /** Whether the LateData transform tagged the record late. */
    private boolean late(SinkRecord record) {
        Header header = record.headers().lastWithName(lateHeader);
        Object flag = header == null ? null : header.value();
        return Boolean.TRUE.equals(flag) || (flag instanceof String text && text.trim().equalsIgnoreCase("true"));
    }

    private TableIdentifier correctionsTable(TableIdentifier table) {
        return TableIdentifier.of(table.namespace(), table.name() + correctionsSuffix);
    }

    /** Snapshot-replace mode: rows of source snapshots are staged, end markers counted. */
    private void stage(SinkRecord record, TopicPartition partition, long offset) {
        Optional<SnapshotBoundary.Marker> marker;
        Optional<SnapshotRef> snapshot;
        Object value;
        List<TableIdentifier> tables;
        try {
            marker = SnapshotBoundary.readMarker(record.headers());
            snapshot = marker.isPresent() ? marker.map(SnapshotBoundary.Marker::snapshot)
                    : SnapshotBoundary.readRef(record.headers());
            if (snapshot.isEmpty()) {
                if (record.value() == null) {
                    return;  // a tombstone outside any snapshot: nothing to stage
                }
                throw new DataException("Snapshot-replace mode takes rows of source snapshots, with the headers "
                        + SnapshotBoundary.ID + ", " + SnapshotBoundary.TABLE + " and " + SnapshotBoundary.STARTED
                        + " (the JDBC source's snapshot mode); this record has none");
            }
            value = marker.isPresent() || !jsonValues ? record.value() : JsonValue.of(record.value());
            tables = router.route(record, value);
        } catch (DataException e) {
            deadLetters.report(record, null, e);
            return;
        }
        for (TableIdentifier id : tables) {
            try {
                if (marker.isPresent()) {
                    TableAppender appender = openTables.existing(id, null);
                    if (appender != null && appender.needs(partition, offset)) {
                        appender.markSnapshotEnd(marker.get(), partition, offset);
                    }
                } else if (value != null) {
                    TableAppender appender = openTables.forRecord(id, value, record.key(), false);
                    if (appender.needs(partition, offset)) {
                        metrics.written(1, appender.writeSnapshotRow(snapshot.get(), value, partition, offset,
                                record.timestamp()));
                    }
                }
            } catch (DataException e) {
                deadLetters.report(record, id, e);
            }
        }
    }

    /** Names of the tables this task holds open, for tests. */
    List<String> openTables() {
        return openTables.names();
    }

    /** The consumer group may advance to the lowest offset any table still holds uncommitted, and no further. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (poisoned) {
            return Map.of();
        }
        commitIfDue();
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
        currentOffsets.forEach((partition, consumed) -> {
            if (!progress.assigned().contains(partition)) {
                return;
            }
            Long pending = openTables.lowestPending(partition);
            long limit = progress.cap(partition, pending == null ? consumed.offset() : pending);
            safe.put(partition, limit >= consumed.offset()
                    ? consumed : new OffsetAndMetadata(limit, consumed.metadata()));
        });
        return safe;
    }

    /**
     * Commits before the partitions go. If that fails, nothing pending may outlive the assignment: it is
     * dropped, the partitions kept are rewound, and the lost ones are read again by their new owner.
     */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (!poisoned && !commitAll(partitions)) {
            LOG.warn("Could not commit before losing partitions {}; their records will be read again by their "
                    + "new owner", partitions);
            dropPendingAndRewind(lowestPendingOffsets(), partitions);
        }
        openTables.all().forEach(appender -> appender.untrack(partitions));
        progress.revoke(partitions);
        metrics.revoked(partitions);
    }

    @Override
    public void stop() {
        if (maintenance != null) {
            maintenance.close();
            maintenance = null;
        }
        abortAll();
        if (openTables != null) {  // null when start() failed before it
            openTables.clear();
        }
        if (writerThread != null) {
            writerThread.close();
            writerThread = null;
        }
        if (catalog != null) {
            SharedCatalogs.release(catalog);
            catalog = null;
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    /**
     * Commits every table with pending records. A transient failure keeps the records pending for the next
     * attempt, until {@code iceberg.commit.timeout.ms} has passed; a fenced commit, or data files that could
     * not be finished, drop everything pending and rewind, so the records are read again and filtered by what
     * the tables now hold.
     *
     * @param closing partitions being revoked: never rewound, their new owner reads them
     */
    private boolean commitAll(Collection<TopicPartition> closing) {
        try {
            deadLetters.awaitAll();
        } catch (ConnectException e) {
            throw poison(e.getMessage(), e);
        }
        Map<TopicPartition, Long> rewindTo = lowestPendingOffsets();
        boolean fenced = false;
        try {
            for (Map.Entry<TableIdentifier, TableAppender> table : openTables.byTable().entrySet()) {
                long start = System.nanoTime();
                TableAppender.Result result = table.getValue().commit(committer);
                if (result == null) {
                    continue;
                }
                if (result.outcome().committed()) {
                    metrics.committed(table.getKey().toString(), result.files(),
                            (System.nanoTime() - start) / 1_000_000, result.newestTimestamp(), result.offsets());
                } else {
                    metrics.fenced();
                    fenced = true;
                }
            }
            schedule.succeeded();
        } catch (LostWritesException e) {
            schedule.failed(e);
            LOG.warn("Data files could not be written: dropping pending records to read them again", e);
            dropPendingAndRewind(rewindTo, closing);
            return false;
        } catch (RuntimeException e) {
            schedule.failed(e);
            LOG.warn("Commit failed; pending records are kept and retried", e);
            return false;
        }
        if (fenced) {
            LOG.warn("A commit was fenced: dropping pending records to read them again");
            dropPendingAndRewind(rewindTo, closing);
        }
        // With dynamic routing the set of tables is open-ended: forget those no record went to for a while.
        openTables.evictIdle(IDLE_ROUNDS_BEFORE_EVICTION);
        if (paused && pendingRecords() == 0) {
            context.resume(progress.assigned().toArray(TopicPartition[]::new));
            paused = false;
        }
        return true;
    }

    /** Drops every pending record, re-reads the tables' offsets, and rewinds so the records are read again. */
    private void dropPendingAndRewind(Map<TopicPartition, Long> rewindTo, Collection<TopicPartition> closing) {
        if (batchHeld) {
            // The held batch would reach the task before the rewound records and hide them.
            throw poison("Pending records were dropped while Connect holds a batch to deliver again", null);
        }
        abortAll();
        openTables.all().forEach(appender -> appender.trackFromTable(progress.assigned(), ledger));
        Map<TopicPartition, Long> targets = new HashMap<>(rewindTo);
        targets.keySet().removeAll(closing);
        Map<TopicPartition, Long> seeks = progress.rewind(targets);
        if (!seeks.isEmpty()) {
            LOG.warn("Rewinding {} to read dropped records again", seeks);
            context.offset(seeks);
        }
    }

    /**
     * Gives up on this task instance: pending records are dropped and nothing is committed any more, so the
     * consumer group's offset stays below them and a restarted task reads them again.
     */
    private ConnectException poison(String reason, RuntimeException cause) {
        poisoned = true;
        try {
            abortAll();
        } catch (RuntimeException e) {
            LOG.warn("Could not discard pending data files; orphan-file removal will", e);
        }
        return new ConnectException(reason + "; restart the task to read them again", cause);
    }

    private Map<TopicPartition, Long> lowestPendingOffsets() {
        Map<TopicPartition, Long> lowest = new HashMap<>();
        progress.assigned().forEach(partition -> {
            Long pending = openTables.lowestPending(partition);
            if (pending != null) {
                lowest.put(partition, pending);
            }
        });
        return lowest;
    }

    private void abortAll() {
        if (openTables != null) {
            openTables.abortAll();
        }
    }

    private long pendingRecords() {
        return openTables.pendingRecords();
    }

    private long pendingBytes() {
        return openTables.pendingBytes();
    }

    /** A staged snapshot ended (before a restart, or in another task) and waits for a commit round to publish it. */
    private boolean snapshotsToPublish() {
        return publisher != null && openTables.snapshotsToPublish();
    }
}
