package io.tributary.connect.iceberg.write;

import io.tributary.connect.iceberg.commit.CommitOutcome;
import io.tributary.connect.iceberg.commit.DiscardedFiles;
import io.tributary.connect.iceberg.commit.FencedCommitter;
import io.tributary.connect.iceberg.commit.OffsetLedger;
import io.tributary.connect.iceberg.convert.JsonRowReader;
import io.tributary.connect.iceberg.convert.JsonValue;
import io.tributary.connect.iceberg.convert.RecordConverter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.TopicPartition;

/**
 * One table as one task sees it: the records written since the last commit, the offsets they cover, and the
 * offsets the table held when this task last read or committed them (what the commit fence checks).
 *
 * <p>Records of a partition arrive in offset order. A record below the table's stored offset is already in
 * the table (a replay after a crash or rebalance) and is skipped; so is a record below the next pending
 * offset (Connect redelivering a batch after a retriable failure).
 */
public final class TableAppender {

    private final Table table;
    private final SchemaGuard schemaGuard;
    private final int writerId;
    private final long targetFileSize;
    private final int maxOpenFiles;
    private TableWriter writer;
    private RecordConverter converter;
    private JsonRowReader jsonReader;

    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private final Map<TopicPartition, Long> firstPending = new HashMap<>();
    private final Map<TopicPartition, Long> nextPending = new HashMap<>();
    private final List<DataFile> uncommittedFiles = new ArrayList<>();
    /** Names what is pending; kept across commit attempts so a landed commit is recognised. */
    private String batchId;
    /** A commit of this batch threw: it may have landed, so its files must never be deleted. */
    private boolean outcomeUnknown;
    private long pendingRecords;
    private long pendingBytes;
    private long newestPendingTimestamp = Long.MIN_VALUE;
    /** Commit rounds in a row that found nothing pending here. */
    private int idleRounds;

    public TableAppender(Table table, SchemaGuard schemaGuard, int writerId, long targetFileSize,
            int maxOpenFiles) {
        this.table = table;
        this.schemaGuard = schemaGuard;
        this.writerId = writerId;
        this.targetFileSize = targetFileSize;
        this.maxOpenFiles = maxOpenFiles;
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
        Record record;
        long size;
        if (value instanceof JsonValue json) {
            // Straight from the text when every field is a column; else through the map, which may evolve.
            record = jsonReader.read(json.bytes());
            size = RecordSize.ofJson(json.bytes());
            if (record == null) {
                record = admitAndConvert(json.asMap());
            }
        } else {
            record = admitAndConvert(value);
            size = RecordSize.estimate(value);
        }
        if (nextPending.isEmpty()) {
            batchId = UUID.randomUUID().toString();
        }
        writer.write(record);
        firstPending.putIfAbsent(partition, offset);
        nextPending.put(partition, offset + 1);
        pendingRecords++;
        pendingBytes += size;
        if (timestamp != null && timestamp > newestPendingTimestamp) {
            newestPendingTimestamp = timestamp;
        }
        return size;
    }

    private Record admitAndConvert(Object value) {
        if (schemaGuard.admit(value)) {
            // The table's schema changed: files written so far stay valid, new ones use the new schema.
            uncommittedFiles.addAll(writer.takeFiles());
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

    /** What one commit of this table did. */
    public record Result(CommitOutcome outcome, int files, long newestTimestamp, Map<TopicPartition, Long> offsets) {
    }

    /** Re-reads the table's stored offsets for {@code partitions} (newly assigned to this task). */
    public void trackFromTable(Collection<TopicPartition> partitions, OffsetLedger ledger) {
        table.refresh();
        track(partitions, ledger.read(table));
    }

    /**
     * Commits what is pending, fenced. On success the new offsets become this task's starting point; when
     * fenced, everything pending is dropped and the table's offsets are taken as they now are. When the
     * commit throws, everything pending stays for the next attempt — unless data files could not be finished
     * ({@link LostWritesException}): then everything pending is dropped, to be read again.
     *
     * @return what happened, or null when nothing was pending
     */
    public Result commit(FencedCommitter committer) {
        if (nextPending.isEmpty()) {
            idleRounds++;
            return null;
        }
        idleRounds = 0;
        try {
            uncommittedFiles.addAll(writer.takeFiles());
        } catch (LostWritesException e) {
            abort();
            throw e;
        }
        Map<TopicPartition, Long> expected = new HashMap<>();
        nextPending.keySet().forEach(partition -> {
            if (stored.containsKey(partition)) {
                expected.put(partition, stored.get(partition));
            }
        });
        Map<TopicPartition, Long> next = Map.copyOf(nextPending);
        CommitOutcome outcome;
        try {
            outcome = committer.commit(table, batchId, List.copyOf(uncommittedFiles), expected, next);
        } catch (RuntimeException e) {
            outcomeUnknown = true;
            throw e;
        }
        Result result = new Result(outcome, uncommittedFiles.size(), newestPendingTimestamp, next);
        track(next.keySet(), outcome.stored());
        clearPending();
        return result;
    }

    /**
     * Drops everything pending, deleting the files written for it — except files a commit may already
     * reference (its outcome was unknown): those stay, as table data or as orphans for orphan-file removal.
     */
    public void abort() {
        writer.abort();
        if (!outcomeUnknown) {
            DiscardedFiles.delete(table.io(), uncommittedFiles);
        }
        clearPending();
        resetWriter();
    }

    private void clearPending() {
        uncommittedFiles.clear();
        batchId = null;
        outcomeUnknown = false;
        firstPending.clear();
        nextPending.clear();
        pendingRecords = 0;
        pendingBytes = 0;
        newestPendingTimestamp = Long.MIN_VALUE;
    }

    private void resetWriter() {
        writer = new TableWriter(table, schemaGuard.schema(), writerId, targetFileSize, maxOpenFiles);
        converter = new RecordConverter(writer.schema());
        jsonReader = new JsonRowReader(converter);
    }
}
