package io.tributary.connect.iceberg.write;

import io.tributary.connect.iceberg.commit.CommitOutcome;
import io.tributary.connect.iceberg.commit.DiscardedFiles;
import io.tributary.connect.iceberg.commit.FencedCommitter;
import io.tributary.connect.iceberg.commit.OffsetLedger;
import io.tributary.connect.iceberg.commit.SnapshotPublisher;
import io.tributary.connect.iceberg.commit.StagedSnapshots;
import io.tributary.connect.iceberg.commit.WrittenFiles;
import io.tributary.connect.iceberg.convert.JsonRowReader;
import io.tributary.connect.iceberg.convert.JsonValue;
import io.tributary.connect.iceberg.convert.RecordConverter;
import io.tributary.connect.smt.boundary.SnapshotBoundary.Marker;
import io.tributary.connect.smt.boundary.SnapshotCompletion.PartitionTally;
import io.tributary.connect.smt.boundary.SnapshotRef;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table as one task sees it: the records written since the last commit, the offsets they cover, and the
 * offsets the table held when this task last read or committed them (what the commit fence checks).
 *
 * <p>Records of a partition arrive in offset order. A record below the table's stored offset is already in
 * the table (a replay after a crash or rebalance) and is skipped; so is a record below the next pending
 * offset (Connect redelivering a batch after a retriable failure).
 */
public final class TableAppender {

    private static final Logger LOG = LoggerFactory.getLogger(TableAppender.class);

    private final Table table;
    private final SchemaGuard schemaGuard;
    private final int writerId;
    private final long targetFileSize;
    private final int maxOpenFiles;
    private final WriterThread writerThread;
    /** How records change the table in upsert mode; null in the other modes. */
    private final Upserts upserts;
    /** Publishes staged source snapshots in snapshot-replace mode; null in the other modes. */
    private final SnapshotPublisher publisher;
    /** The id columns, once resolved (upsert mode); the writer's keys are rebuilt from them on schema changes. */
    private List<String> idColumns;
    private FileBatch writer;
    private AppendBatch appendWriter;
    private UpsertWriter upsertWriter;
    private SnapshotStager stager;
    private RecordConverter converter;
    private JsonRowReader jsonReader;

    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private final Map<TopicPartition, Long> firstPending = new HashMap<>();
    private final Map<TopicPartition, Long> nextPending = new HashMap<>();
    /** Files closed before what the writer holds, oldest first, each with the offsets after its last record. */
    private final Deque<Segment> sealed = new ArrayDeque<>();
    /** Names what the writer holds; a sealed segment keeps it, so that a landed commit is recognised. */
    private String batchId;
    /** A commit of the oldest sealed segment threw: it may have landed, so its files must never be deleted. */
    private boolean outcomeUnknown;
    private long pendingRecords;
    private long pendingBytes;
    private long newestPendingTimestamp = Long.MIN_VALUE;
    /** Commit rounds in a row that found nothing pending here. */
    private int idleRounds;

    /**
     * How records of an upsert-mode table are told apart.
     *
     * @param idColumns configured id columns; empty to take the table's identifier fields or the record key's
     * @param opField   value field naming the change, or null
     * @param deleteOps values of {@code opField} that delete
     * @param lateOnly  only records tagged late upsert; the others are appended, and tombstones ignored
     */
    public record Upserts(List<String> idColumns, String opField, Set<String> deleteOps, boolean lateOnly) {
    }

    /**
     * How one task writes tables.
     *
     * @param writerId     distinguishes this task's file names from other tasks'
     * @param upserts      upsert mode; null otherwise
     * @param publisher    snapshot-replace mode; null otherwise
     * @param writerThread encodes append-mode records off the task thread; null to encode them on it
     */
    public record Options(int writerId, long targetFileSize, int maxOpenFiles, Upserts upserts,
            SnapshotPublisher publisher, WriterThread writerThread) {
    }

    /** @param recordKey the key of the first record routed here, which may name the id columns (upsert mode) */
    public TableAppender(Table table, SchemaGuard schemaGuard, Options options, Object recordKey) {
        this.table = table;
        this.schemaGuard = schemaGuard;
        this.writerId = options.writerId();
        this.targetFileSize = options.targetFileSize();
        this.maxOpenFiles = options.maxOpenFiles();
        this.writerThread = options.writerThread();
        this.upserts = options.upserts();
        this.publisher = options.publisher();
        if (upserts != null) {
            RowKeys keys = RowKeys.of(table.name(), schemaGuard.schema(), table.spec(), upserts.idColumns(),
                    recordKey, !upserts.lateOnly());
            idColumns = keys.keySchema().columns().stream().map(column -> column.name()).toList();
        }
        resetWriter();
    }

    public String tableName() {
        return table.name();
    }

    /** Takes the offsets the table now stores for {@code partitions} as this task's starting point. */
    public void track(Collection<TopicPartition> partitions, Map<TopicPartition, Long> tableOffsets) {
        for (TopicPartition partition : partitions) {
            Long offset = tableOffsets.get(partition);
            if (offset == null) {
                stored.remove(partition);
            } else {
                stored.put(partition, offset);
            }
        }
    }

    /** Forgets partitions this task no longer owns. Commit or discard their pending records first. */
    public void untrack(Collection<TopicPartition> partitions) {
        partitions.forEach(stored::remove);
        if (stager != null) {
            stager.untrack(partitions);
        }
    }

    /** The branch this table's offsets are kept on: the stage branch in snapshot-replace mode, else main (null). */
    public String branch() {
        return publisher == null ? null : publisher.branch();
    }

    /** Whether the record at {@code offset} still has to be written to this table. */
    public boolean needs(TopicPartition partition, long offset) {
        Long next = nextPending.get(partition);
        if (next != null) {
            return offset >= next;
        }
        Long inTable = stored.get(partition);
        return inTable == null || offset >= inTable;
    }

    /**
     * Converts and writes one record value (a Struct, a schemaless Map, or JSON text), evolving the table's schema first
     * when the value needs it.
     *
     * @return the record's estimated size in bytes
     * @throws org.apache.kafka.connect.errors.DataException when the value cannot be converted or the schema
     *                                                       cannot evolve to take it
     */
    public long write(Object value, TopicPartition partition, long offset, Long timestamp) {
        return write(value, partition, offset, timestamp, false);
    }

    /** @param late the record was tagged late: with late upserts, it replaces the row with its id */
    public long write(Object value, TopicPartition partition, long offset, Long timestamp, boolean late) {
        if (upserts != null && upserts.opField() != null
                && upserts.deleteOps().contains(String.valueOf(topLevelField(value, upserts.opField())))) {
            return delete(value, partition, offset, timestamp);
        }
        Record record = toRecord(value);
        long size = value instanceof JsonValue json ? RecordSize.ofJson(json.bytes()) : RecordSize.estimate(value);
        if (upsertWriter != null && upserts.lateOnly() && !late) {
            startBatch();
            upsertWriter.append(record);
        } else if (upsertWriter != null) {
            Record key = upsertWriter.keys().fromRow(record);
            startBatch();
            upsertWriter.upsert(record, key);
        } else {
            startBatch();
            appendWriter.write(record);
        }
        pending(partition, offset, size, timestamp);
        return size;
    }

    /**
     * Stages a row of a source snapshot (snapshot-replace mode), unless the snapshot has finished or the row's
     * partition already ended it.
     *
     * @return the record's estimated size in bytes, 0 when it was skipped
     */
    public long writeSnapshotRow(SnapshotRef snapshot, Object value, TopicPartition partition, long offset,
            Long timestamp) {
        Record record = toRecord(value);
        if (!stager.row(snapshot, partition, offset, record)) {
            return 0;
        }
        startBatch();
        long size = value instanceof JsonValue json ? RecordSize.ofJson(json.bytes()) : RecordSize.estimate(value);
        pending(partition, offset, size, timestamp);
        return size;
    }

    /** Counts a source snapshot's end marker (snapshot-replace mode); committed with the next batch. */
    public void markSnapshotEnd(Marker marker, TopicPartition partition, long offset) {
        if (stager.marker(marker, partition, offset)) {
            startBatch();
            pending(partition, offset, 0, null);
        }
    }

    /** The record of the table's schema holding {@code value}, evolving the schema first if needed. */
    private Record toRecord(Object value) {
        if (value instanceof JsonValue json) {
            // Straight from the text when every field is a column; else through the map, which may evolve.
            Record record = jsonReader.read(json.bytes());
            return record != null ? record : admitAndConvert(json.asMap());
        }
        return admitAndConvert(value);
    }

    /**
     * Deletes the row identified by {@code keyOrValue} (upsert mode): the key of a tombstone, or the value of
     * a record whose operation field says delete.
     *
     * @return the record's estimated size in bytes
     * @throws org.apache.kafka.connect.errors.DataException when it does not hold the id columns
     */
    public long delete(Object keyOrValue, TopicPartition partition, long offset, Long timestamp) {
        if (upsertWriter == null) {
            throw new IllegalStateException("Deletes need upsert mode");
        }
        Record key = upsertWriter.keys().from(keyOrValue);
        startBatch();
        upsertWriter.delete(key);
        long size = RecordSize.estimate(key);
        pending(partition, offset, size, timestamp);
        return size;
    }


    private void startBatch() {
        if (batchId == null) {
            batchId = UUID.randomUUID().toString();
        }
    }

    private void pending(TopicPartition partition, long offset, long size, Long timestamp) {
        firstPending.putIfAbsent(partition, offset);
        nextPending.put(partition, offset + 1);
        pendingRecords++;
        pendingBytes += size;
        if (timestamp != null && timestamp > newestPendingTimestamp) {
            newestPendingTimestamp = timestamp;
        }
        if (upsertWriter != null && upsertWriter.openPartitions() >= maxOpenFiles) {
            seal();  // bounds memory as append mode does; see seal() for why it cannot just close files
        }
    }

    private static Object topLevelField(Object value, String name) {
        if (value instanceof JsonValue json) {
            return json.asMap().get(name);
        }
        if (value instanceof Map<?, ?> map) {
            return map.get(name);
        }
        if (value instanceof Struct struct) {
            return struct.schema().field(name) == null ? null : struct.get(name);
        }
        return null;
    }

    private Record admitAndConvert(Object value) {
        if (schemaGuard.admit(value)) {
            // The table's schema changed: files written so far stay valid, new ones use the new schema.
            seal();
            resetWriter();
        }
        return converter.convert(value);
    }

    /** Whether the last {@code rounds} commit rounds found nothing to commit here. */
    public boolean idleFor(int rounds) {
        return nextPending.isEmpty() && idleRounds >= rounds;
    }

    public long pendingRecords() {
        return pendingRecords;
    }

    public long pendingBytes() {
        return pendingBytes;
    }

    /** The lowest offset of {@code partition} written here and not yet committed, or null. */
    public Long firstPendingOffset(TopicPartition partition) {
        return firstPending.get(partition);
    }

    /**
     * Files ready to commit, with the offsets after the last record they hold and, in snapshot-replace mode,
     * the snapshot tallies of those offsets' partitions.
     */
    private record Segment(String batchId, WrittenFiles files, Map<TopicPartition, Long> next,
            Map<TopicPartition, List<PartitionTally>> tallies) {
    }

    /** What one commit of this table did. */
    public record Result(CommitOutcome outcome, int files, long newestTimestamp, Map<TopicPartition, Long> offsets) {
    }

    /** Re-reads the table's stored offsets for {@code partitions} (newly assigned to this task). */
    public void trackFromTable(Collection<TopicPartition> partitions, OffsetLedger ledger) {
        table.refresh();
        track(partitions, ledger.read(table, branch()));
        if (stager != null) {
            stager.track(publisher.state(table), partitions);
        }
    }

    /**
     * Commits what is pending, fenced: each sealed segment in turn, then what the writer holds. On success the
     * new offsets become this task's starting point; when fenced, everything pending is dropped and the table's
     * offsets are taken as they now are. When a commit throws, what it did not commit stays pending for the next
     * attempt — unless files could not be finished ({@link LostWritesException}): then everything pending is
     * dropped, to be read again.
     *
     * @return what happened, or null when nothing was pending
     */
    public Result commit(FencedCommitter committer) {
        if (nextPending.isEmpty()) {
            idleRounds++;
            publishEnded();  // a snapshot another task, or this one before a restart, ended but did not publish
            return null;
        }
        idleRounds = 0;
        try {
            seal();
        } catch (LostWritesException e) {
            abort();
            throw e;
        }
        int files = 0;
        CommitOutcome outcome = null;
        while (!sealed.isEmpty()) {
            Segment segment = sealed.peekFirst();
            Map<TopicPartition, Long> expected = new HashMap<>();
            segment.next().keySet().forEach(partition -> {
                if (stored.containsKey(partition)) {
                    expected.put(partition, stored.get(partition));
                }
            });
            try {
                outcome = committer.commit(table, branch(), segment.batchId(), segment.files(), expected,
                        segment.next(), tallies(segment));
            } catch (RuntimeException e) {
                outcomeUnknown = true;
                throw e;
            }
            sealed.removeFirst();
            outcomeUnknown = false;
            files += segment.files().count();
            track(segment.next().keySet(), outcome.stored());
            if (!outcome.committed()) {
                break;  // the committer discarded this segment's files; abort() below discards the rest
            }
        }
        Result result = new Result(outcome, files, newestPendingTimestamp, Map.copyOf(nextPending));
        if (outcome.committed()) {
            clearPending();
            if (stager != null) {
                stager.refresh(publisher.state(table));
                publishEnded();
            }
        } else {
            abort();
        }
        return result;
    }

    /** Whether a staged snapshot has ended on all its partitions and waits to be published or rejected. */
    public boolean hasEndedSnapshots() {
        return stager != null && !stager.state().ended().isEmpty();
    }

    /** Merges a segment's snapshot tallies into the stage's state, on every commit attempt. */
    private FencedCommitter.SummaryMerge tallies(Segment segment) {
        if (segment.tallies() == null) {
            return FencedCommitter.SummaryMerge.NONE;
        }
        return ancestry -> Map.of(publisher.stateKey(), StagedSnapshots.read(ancestry, publisher.stateKey())
                .withTallies(segment.tallies().keySet(), segment.tallies()).encode());
    }

    /**
     * Publishes every staged snapshot whose partitions have all ended, or rejects it when what arrived does not
     * match its end markers; either way it is cleared from the stage.
     */
    private void publishEnded() {
        if (stager == null) {
            return;
        }
        for (StagedSnapshots.Finished ended : stager.state().ended()) {
            SnapshotRef snapshot = ended.snapshot();
            if (ended.publishable()) {
                publisher.publish(table, snapshot, ended.rows());
            } else {
                LOG.error("Snapshot {} of {} from topic {} ended, but {} ({}); {} keeps its previous contents. "
                        + "Without exactly-once delivery at the source, a source task that crashed may send rows "
                        + "twice: enable exactly.once.source.support on the source's workers", snapshot.id(),
                        snapshot.table(), ended.topic(), ended.problem(), ended.state(), table.name());
            }
            stager.refresh(publisher.finish(table, snapshot));
        }
    }

    /**
     * Closes what the writer holds into a segment of its own, committed before anything written after it. Needed
     * where one commit cannot hold both: in upsert mode an equality delete never applies to rows of its own
     * commit, so once the writer lost track of the positions it wrote (a new schema, or too many partitions
     * open) the rows written so far must be committed before rows that may replace them.
     */
    private void seal() {
        if (batchId == null) {
            return;
        }
        WrittenFiles files = writer.takeFiles();
        sealed.addLast(new Segment(batchId, files, Map.copyOf(nextPending),
                stager == null ? null : stager.tallies(nextPending.keySet())));
        batchId = null;
    }

    /**
     * Drops everything pending, deleting the files written for it — except files a commit may already
     * reference (its outcome was unknown): those stay, as table data or as orphans for orphan-file removal.
     */
    public void abort() {
        writer.abort();
        boolean first = true;
        for (Segment segment : sealed) {
            if (!(first && outcomeUnknown)) {
                DiscardedFiles.delete(table.io(), segment.files().all());
            }
            first = false;
        }
        clearPending();
        resetWriter();
    }

    private void clearPending() {
        sealed.clear();
        batchId = null;
        outcomeUnknown = false;
        firstPending.clear();
        nextPending.clear();
        pendingRecords = 0;
        pendingBytes = 0;
        newestPendingTimestamp = Long.MIN_VALUE;
    }

    private void resetWriter() {
        Schema schema = schemaGuard.schema();
        if (upserts != null) {
            RowKeys keys = RowKeys.of(table.name(), schema, table.spec(), idColumns, null, !upserts.lateOnly());
            upsertWriter = new UpsertWriter(table, schema, keys, writerId, targetFileSize);
            writer = upsertWriter;
        } else if (publisher != null) {
            stager = stager == null ? new SnapshotStager(table, schema, writerId, targetFileSize, maxOpenFiles)
                    : stager.withSchema(schema);
            writer = stager;
        } else {
            TableWriter files = new TableWriter(table, schema, writerId, targetFileSize, maxOpenFiles);
            appendWriter = writerThread == null ? files : new AsyncTableWriter(files, writerThread, table.name());
            writer = appendWriter;
        }
        converter = new RecordConverter(schema);
        jsonReader = new JsonRowReader(converter);
    }
}
