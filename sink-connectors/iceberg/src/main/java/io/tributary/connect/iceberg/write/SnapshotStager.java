package io.tributary.connect.iceberg.write;

import io.tributary.connect.iceberg.commit.StagedSnapshots;
import io.tributary.connect.iceberg.commit.WrittenFiles;
import io.tributary.connect.smt.boundary.SnapshotBoundary.Marker;
import io.tributary.connect.smt.boundary.SnapshotCompletion.PartitionTally;
import io.tributary.connect.smt.boundary.SnapshotRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.TopicPartition;

/**
 * One table's side of snapshot-replace mode in one task: writes each source snapshot's rows into files named
 * after the snapshot, and counts what each of the task's partitions delivered of each snapshot (rows, last
 * offset, end marker) so the counts can be committed with the offsets and meet the other tasks' in the table.
 *
 * <p>It follows the consumer rules of docs/snapshot-boundaries.md: a record of a snapshot that already
 * finished (or is older than one that did) is skipped, and so is a row arriving in a partition after that
 * partition's end marker of its snapshot (a source that resumed without exactly-once delivery sent it again).
 */
public final class SnapshotStager implements FileBatch {

    private final Table table;
    private final Schema schema;
    private final int writerId;
    private final long targetFileSize;
    private final int maxOpenFiles;
    private final Map<String, TableWriter> writers = new LinkedHashMap<>();
    /** The state as last read from or committed to the table. */
    private StagedSnapshots state = StagedSnapshots.EMPTY;
    /** This task's tallies, by partition and snapshot id, including what is not committed yet. */
    private final Map<TopicPartition, Map<String, PartitionTally>> mine = new HashMap<>();

    public SnapshotStager(Table table, Schema schema, int writerId, long targetFileSize, int maxOpenFiles) {
        this.table = table;
        this.schema = schema;
        this.writerId = writerId;
        this.targetFileSize = targetFileSize;
        this.maxOpenFiles = maxOpenFiles;
    }

    /** A stager for a new schema that keeps this one's counts (the files written so far are taken first). */
    SnapshotStager withSchema(Schema newSchema) {
        SnapshotStager next = new SnapshotStager(table, newSchema, writerId, targetFileSize, maxOpenFiles);
        next.state = state;
        mine.forEach((partition, tallies) -> next.mine.put(partition, new LinkedHashMap<>(tallies)));
        return next;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    public StagedSnapshots state() {
        return state;
    }

    /** Takes the table's state as this task's starting point for {@code partitions}. */
    public void track(StagedSnapshots tableState, Collection<TopicPartition> partitions) {
        state = tableState;
        for (TopicPartition partition : partitions) {
            Map<String, PartitionTally> tallies = new LinkedHashMap<>();
            tableState.tallies(partition).forEach(tally -> tallies.put(tally.snapshot().id(), tally));
            mine.put(partition, tallies);
        }
        mine.values().forEach(tallies -> tallies.values().removeIf(tally -> state.isDone(tally.snapshot())));
    }

    /** Takes {@code tableState}, as read from or committed to the table, for every partition tracked. */
    public void refresh(StagedSnapshots tableState) {
        track(tableState, List.copyOf(mine.keySet()));
    }

    /** Forgets partitions this task no longer owns. */
    public void untrack(Collection<TopicPartition> partitions) {
        partitions.forEach(mine::remove);
    }

    /**
     * Counts a snapshot row; writes it if it is still needed.
     *
     * @return false when the row is to be skipped
     */
    public boolean row(SnapshotRef snapshot, TopicPartition partition, long offset,
            Record row) {
        if (state.isDone(snapshot)) {
            return false;
        }
        PartitionTally tally = tally(partition, snapshot);
        if (tally.marker() != null || offset <= tally.lastOffset()) {
            return false;
        }
        put(partition, new PartitionTally(snapshot, partition.partition(), tally.rowsSeen() + 1, offset, null));
        writers.computeIfAbsent(snapshot.id(), id -> new TableWriter(table, schema, writerId, targetFileSize,
                maxOpenFiles, id)).write(row);
        return true;
    }

    /**
     * Records an end marker: the first one of its snapshot in the partition counts.
     *
     * @return false when the marker changes nothing
     */
    public boolean marker(Marker marker, TopicPartition partition, long offset) {
        if (state.isDone(marker.snapshot())) {
            return false;
        }
        PartitionTally tally = tally(partition, marker.snapshot());
        if (tally.marker() != null || offset <= tally.lastOffset()) {
            return false;
        }
        put(partition, new PartitionTally(marker.snapshot(), partition.partition(), tally.rowsSeen(), offset, marker));
        return true;
    }

    /** This task's tallies of {@code partitions}, as they stand, to commit. */
    public Map<TopicPartition, List<PartitionTally>> tallies(
            Collection<TopicPartition> partitions) {
        Map<TopicPartition, List<PartitionTally>> copy = new HashMap<>();
        for (TopicPartition partition : partitions) {
            copy.put(partition, new ArrayList<>(mine.getOrDefault(partition, Map.of()).values()));
        }
        return copy;
    }

    private PartitionTally tally(TopicPartition partition, SnapshotRef snapshot) {
        PartitionTally tally = mine.computeIfAbsent(partition, p -> new LinkedHashMap<>()).get(snapshot.id());
        return tally != null ? tally : new PartitionTally(snapshot, partition.partition(), 0, -1, null);
    }

    private void put(TopicPartition partition, PartitionTally tally) {
        mine.computeIfAbsent(partition, p -> new LinkedHashMap<>()).put(tally.snapshot().id(), tally);
    }

    @Override
    public WrittenFiles takeFiles() {
        WrittenFiles files = WrittenFiles.NONE;
        try {
            for (TableWriter writer : writers.values()) {
                files = files.plus(writer.takeFiles());
            }
        } finally {
            writers.clear();
        }
        return files;
    }

    /** Drops the files and the counts not committed yet: the counts go back to the last known table state. */
    @Override
    public void abort() {
        writers.values().forEach(TableWriter::abort);
        writers.clear();
        refresh(state);
    }
}
