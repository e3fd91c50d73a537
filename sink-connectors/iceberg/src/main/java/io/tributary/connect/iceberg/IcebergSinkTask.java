package io.tributary.connect.iceberg;

import io.tributary.connect.iceberg.commit.FencedCommitter;
import io.tributary.connect.iceberg.commit.OffsetLedger;
import io.tributary.connect.iceberg.config.TableSettings;
import io.tributary.connect.iceberg.convert.IcebergSchemas;
import io.tributary.connect.iceberg.table.Retries;
import io.tributary.connect.iceberg.table.TableCreator;
import io.tributary.connect.iceberg.write.LostWritesException;
import io.tributary.connect.iceberg.write.SchemaGuard;
import io.tributary.connect.iceberg.write.TableAppender;
import io.tributary.connect.smt.plugin.TributaryVersion;
import io.tributary.connect.smt.plugin.WorkerMetrics;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
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

    private IcebergSinkConfig config;
    private Catalog catalog;
    private TableRouter router;
    private TableCreator creator;
    private OffsetLedger ledger;
    private FencedCommitter committer;
    private SinkMetrics metrics;
    private ErrantRecordReporter reporter;
    private CommitSchedule schedule;
    private int writerId;
    private final Map<TableIdentifier, TableAppender> appenders = new HashMap<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    /**
     * Partitions rewound after dropping pending records, and where to: until records from there arrive again,
     * the consumed position Connect reports is past records no table holds.
     */
    private final Map<TopicPartition, Long> rewoundTo = new HashMap<>();

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
        creator = new TableCreator(catalog, tables.partitionBy(), tables.sortBy(), tables.tableProperties());
        ledger = new OffsetLedger(config.commits().offsetsId());
        writerId = ThreadLocalRandom.current().nextInt(1 << 20);
        committer = new FencedCommitter(ledger, props.getOrDefault("name", "?") + "/" + writerId);
        metrics = new SinkMetrics(WorkerMetrics.of(context));
        reporter = errantRecordReporter();
        schedule = new CommitSchedule(config.commits());
        LOG.info("Iceberg sink task started: {} routing, commits every {} ms, offsets stored as '{}'",
                tables.route().configValue(), config.commits().interval().toMillis(), ledger.summaryKey());
    }

    /** Resumes each partition where the tables say it stopped, which may be past the group's offset. */
    @Override
    public void open(Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
        appenders.values().forEach(appender -> appender.trackFromTable(partitions, ledger));
        Map<TopicPartition, Long> resumeAt = resumeOffsets(partitions);
        if (!resumeAt.isEmpty()) {
            LOG.info("Resuming from offsets stored in the tables: {}", resumeAt);
            context.offset(resumeAt);
        }
    }

    /**
     * With static routing every record goes to every table, so a partition can resume at the lowest offset
     * the tables store for it. With dynamic routing the set of tables is open, so the consumer group's
     * offset (which never passes an uncommitted record) is where to resume, and the tables skip what they
     * already hold.
     */
    private Map<TopicPartition, Long> resumeOffsets(Collection<TopicPartition> partitions) {
        List<TableIdentifier> tables = router.staticTables();
        if (tables.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> lowest = new HashMap<>();
        Set<TopicPartition> unknown = new HashSet<>();
        for (TableIdentifier id : tables) {
            Map<TopicPartition, Long> stored = existingTableOffsets(id);
            for (TopicPartition partition : partitions) {
                Long offset = stored.get(partition);
                if (offset == null) {
                    unknown.add(partition);
                } else {
                    lowest.merge(partition, offset, Math::min);
                }
            }
        }
        unknown.forEach(lowest::remove);
        return lowest;
    }

    private Map<TopicPartition, Long> existingTableOffsets(TableIdentifier id) {
        Table table = retrying("load table " + id, () -> catalog.tableExists(id) ? catalog.loadTable(id) : null);
        return table == null ? Map.of() : ledger.read(table);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            if (record.value() == null) {
                continue;  // append mode: a tombstone deletes nothing and adds no row
            }
            write(record);
        }
        if (schedule.due(pendingRecords(), pendingBytes())) {
            commitAll();
        }
        if (pendingBytes() > config.commits().maxBufferedBytes() * 2) {
            // Commits keep failing and memory keeps growing: make Connect back off and redeliver later.
            throw new RetriableException("Iceberg commits are failing and " + pendingBytes()
                    + " bytes are buffered; retrying later");
        }
    }

    private void write(SinkRecord record) {
        TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        long offset = record.originalKafkaOffset();
        Long floor = rewoundTo.get(partition);
        if (floor != null && offset >= floor) {
            rewoundTo.remove(partition);  // the rewind took effect
        }
        List<TableIdentifier> tables;
        try {
            tables = router.route(record);
        } catch (DataException e) {
            fail(record, null, e);
            return;
        }
        for (TableIdentifier id : tables) {
            try {
                TableAppender appender = appender(id, record.value());
                if (appender.needs(partition, offset)) {
                    metrics.written(1, appender.write(record.value(), partition, offset, record.timestamp()));
                }
            } catch (DataException e) {
                fail(record, id, e);
            }
        }
    }

    private TableAppender appender(TableIdentifier id, Object value) {
        TableAppender existing = appenders.get(id);
        if (existing != null) {
            return existing;
        }
        Table table = retrying("load or create table " + id,
                () -> creator.loadOrCreate(id, () -> schemaFor(value), config.tables().autoCreate()));
        TableSettings tables = config.tables();
        TableAppender appender = new TableAppender(table, new SchemaGuard(table, tables.evolveSchema(),
                tables.timestampMode()), writerId, config.commits().targetFileSizeBytes(),
                config.commits().maxOpenFiles());
        appender.track(assigned, ledger.read(table));
        appenders.put(id, appender);
        return appender;
    }

    private Schema schemaFor(Object value) {
        if (value instanceof Struct struct) {
            return IcebergSchemas.fromConnect(struct.schema(), config.tables().timestampMode());
        }
        if (value instanceof Map<?, ?> map) {
            return IcebergSchemas.inferFromMap(map, config.tables().timestampMode());
        }
        throw new DataException("Values must be Structs (a converter with schemas) or Maps (schemaless JSON), not "
                + value.getClass().getSimpleName());
    }

    /** The consumer group may advance to the lowest offset any table still holds uncommitted, and no further. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (schedule.due(pendingRecords(), pendingBytes())) {
            commitAll();
        }
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
        currentOffsets.forEach((partition, consumed) -> {
            if (!assigned.contains(partition)) {
                return;
            }
            Long pending = lowestPending(partition);
            Long floor = rewoundTo.get(partition);
            long limit = Math.min(pending == null ? Long.MAX_VALUE : pending, floor == null ? Long.MAX_VALUE : floor);
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
        Map<TopicPartition, Long> rewindTo = lowestPendingOffsets();
        if (!commitAll()) {
            LOG.warn("Could not commit before losing partitions {}; their records will be read again by their "
                    + "new owner", partitions);
            rewindTo.keySet().removeAll(partitions);
            dropPendingAndRewind(rewindTo);
        }
        appenders.values().forEach(appender -> appender.untrack(partitions));
        assigned.removeAll(partitions);
        partitions.forEach(rewoundTo::remove);
    }

    @Override
    public void stop() {
        abortAll();
        appenders.clear();
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
     * attempt, until {@code iceberg.commit.timeout.ms} has passed; a fenced commit drops everything pending
     * and rewinds the partitions, so the records are read again and filtered by what the tables now hold.
     */
    private boolean commitAll() {
        Map<TopicPartition, Long> rewindTo = lowestPendingOffsets();
        boolean fenced = false;
        boolean succeeded = false;
        try {
            for (TableAppender appender : appenders.values()) {
                long start = System.nanoTime();
                TableAppender.Result result = appender.commit(committer);
                if (result == null) {
                    continue;
                }
                if (result.outcome().committed()) {
                    metrics.committed(result.files(), (System.nanoTime() - start) / 1_000_000,
                            result.newestTimestamp(), result.offsets());
                    LOG.debug("Committed {} file(s) to {} in snapshot {}", result.files(), appender.tableName(),
                            result.outcome().snapshotId());
                } else {
                    metrics.fenced();
                    fenced = true;
                }
            }
            schedule.succeeded();
            succeeded = true;
        } catch (LostWritesException e) {
            schedule.failed(e);
            LOG.warn("Data files could not be written: dropping pending records and rewinding {} to read them "
                    + "again", rewindTo, e);
            dropPendingAndRewind(rewindTo);
            return false;
        } catch (RuntimeException e) {
            schedule.failed(e);
            LOG.warn("Commit failed; pending records are kept and retried", e);
        }
        if (fenced) {
            LOG.warn("A commit was fenced: dropping pending records and rewinding {} to read them again", rewindTo);
            dropPendingAndRewind(rewindTo);
        }
        return succeeded;
    }

    /** Drops every pending record, re-reads the tables' offsets, and rewinds so the records are read again. */
    private void dropPendingAndRewind(Map<TopicPartition, Long> rewindTo) {
        abortAll();
        appenders.values().forEach(appender -> appender.trackFromTable(assigned, ledger));
        rewindTo.keySet().retainAll(assigned);
        if (!rewindTo.isEmpty()) {
            context.offset(rewindTo);
            rewindTo.forEach((partition, offset) -> rewoundTo.merge(partition, offset, Math::min));
        }
    }

    private Map<TopicPartition, Long> lowestPendingOffsets() {
        Map<TopicPartition, Long> lowest = new HashMap<>();
        assigned.forEach(partition -> {
            Long pending = lowestPending(partition);
            if (pending != null) {
                lowest.put(partition, pending);
            }
        });
        return lowest;
    }

    private void abortAll() {
        appenders.values().forEach(TableAppender::abort);
    }

    private Long lowestPending(TopicPartition partition) {
        Long lowest = null;
        for (TableAppender appender : appenders.values()) {
            Long first = appender.firstPendingOffset(partition);
            if (first != null && (lowest == null || first < lowest)) {
                lowest = first;
            }
        }
        return lowest;
    }

    private long pendingRecords() {
        return appenders.values().stream().mapToLong(TableAppender::pendingRecords).sum();
    }

    private long pendingBytes() {
        return appenders.values().stream().mapToLong(TableAppender::pendingBytes).sum();
    }

    /** The error path: the dead-letter queue when configured, else the task fails. */
    private void fail(SinkRecord record, TableIdentifier table, DataException cause) {
        metrics.failed();
        DataException error = new DataException("Record topic=" + record.topic() + " partition="
                + record.kafkaPartition() + " offset=" + record.kafkaOffset()
                + (table == null ? "" : " for table " + table) + ": " + cause.getMessage(), cause);
        if (reporter == null) {
            throw error;
        }
        reporter.report(record, error);
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;  // workers older than Kafka 2.6
        }
    }

    private <T> T retrying(String what, java.util.concurrent.Callable<T> action) {
        try {
            return Retries.withRetries(action, 5, config.commits().retryBackoff());
        } catch (ConnectException e) {
            throw e;
        } catch (Exception e) {
            if (TableCreator.isTransient(e)) {
                throw new RetriableException("Could not " + what + " (will retry): " + e.getMessage(), e);
            }
            throw new ConnectException("Could not " + what + ": " + e.getMessage(), e);
        }
    }
}
