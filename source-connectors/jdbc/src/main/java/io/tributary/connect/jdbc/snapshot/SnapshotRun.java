package io.tributary.connect.jdbc.snapshot;

import io.tributary.connect.jdbc.offsets.KeyValue;
import io.tributary.connect.jdbc.offsets.SnapshotProgress;
import io.tributary.connect.jdbc.offsets.TableOffset;
import io.tributary.connect.jdbc.task.ReadTarget;
import io.tributary.connect.smt.boundary.SnapshotBoundary;
import io.tributary.connect.smt.boundary.SnapshotRef;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One snapshot of one table in progress, new or resumed: turns the cursor's rows into records a batch at a
 * time, each carrying the offset after it (rows per partition, last key), and ends with the markers.
 */
public final class SnapshotRun implements AutoCloseable {

    private final ReadTarget target;
    private final SnapshotCursor cursor;
    private final SnapshotRecords records;
    private final SnapshotRef ref;
    private final int partitions;
    private final boolean keyless;
    private TableOffset offset;
    private long rowsThisRun;
    private boolean cursorDone;
    private boolean finished;

    /**
     * @param offset the table's offset with this snapshot in progress: just started, or as stored when resuming
     */
    public SnapshotRun(ReadTarget target, TableOffset offset, SnapshotCursor cursor) {
        SnapshotProgress progress = offset.snapshot().orElseThrow(
                () -> new IllegalArgumentException("no snapshot in progress in " + offset));
        this.target = target;
        this.cursor = cursor;
        this.offset = offset;
        this.ref = progress.ref(target.name());
        this.partitions = progress.topicPartitions();
        this.keyless = cursor.keySchema() == null;
        this.records = new SnapshotRecords(target.partition().toMap(), target.topic(), ref);
    }

    /**
     * Up to {@code maxRecords} records: rows, then (once the cursor is exhausted and they fit) the markers.
     * The markers may come in a batch of their own.
     */
    public List<SourceRecord> next(int maxRecords) throws SQLException {
        List<SourceRecord> batch = new ArrayList<>(Math.min(maxRecords, 4_096));
        while (!cursorDone && batch.size() < maxRecords) {
            if (!cursor.next()) {
                cursorDone = true;
                break;
            }
            batch.add(row());
        }
        if (cursorDone && !finished && (batch.isEmpty() || batch.size() + partitions <= maxRecords)) {
            long[] counts = offset.snapshot().orElseThrow().rowsPerTopicPartition();
            TableOffset completed = offset.withSnapshotCompleted();
            batch.addAll(records.markers(counts, offset.toMap(), completed.toMap()));
            offset = completed;
            finished = true;
        }
        return batch;
    }

    private SourceRecord row() throws SQLException {
        Struct value = cursor.value();
        Struct key = cursor.key(value);
        List<KeyValue> keyValues = keyless ? List.of() : cursor.keyValues();
        int partition = keyless
                // No key, no per-key order to keep: spread by row number (snapshot-boundaries.md).
                ? (int) (offset.snapshot().orElseThrow().rowsSent() % partitions)
                : SnapshotBoundary.partitionFor(key, partitions);
        offset = offset.withRowSent(partition, keyValues);
        rowsThisRun++;
        return records.row(partition, cursor.keySchema(), key, cursor.valueSchema(), value, offset.toMap());
    }

    public ReadTarget target() {
        return target;
    }

    public SnapshotRef ref() {
        return ref;
    }

    /** The table's offset after the last record returned. */
    public TableOffset offset() {
        return offset;
    }

    /** Whether the markers were returned: the snapshot is complete. */
    public boolean finished() {
        return finished;
    }

    /** Rows this run read (a resumed snapshot's earlier rows not counted). */
    public long rowsThisRun() {
        return rowsThisRun;
    }

    /** Rows of the snapshot sent so far, before this run included. */
    public long rowsDone() {
        return offset.snapshot().map(SnapshotProgress::rowsSent)
                .orElseGet(() -> offset.lastCompleted().map(c -> c.rows()).orElse(0L));
    }

    @Override
    public void close() {
        cursor.close();
    }
}
