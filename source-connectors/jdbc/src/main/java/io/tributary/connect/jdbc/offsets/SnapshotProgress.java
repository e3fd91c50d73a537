package io.tributary.connect.jdbc.offsets;

import io.tributary.connect.smt.boundary.SnapshotRef;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a snapshot in progress got: what a task needs to resume it after a crash and still end it with
 * correct markers.
 *
 * <p>A resumed snapshot reads the rows after {@link #lastKey} in primary-key order, in a <em>new</em>
 * transaction: the remainder is read at a later point in time than the part sent before the interruption, so
 * a resumed snapshot is consistent per part, not as a whole. Rows changed in between show their newer
 * version (if after the key) or their older one (if before); rows inserted before the key are missing until
 * the next snapshot.
 */
public final class SnapshotProgress {

    private final String id;
    private final Instant started;
    private final long[] rowsPerTopicPartition;
    private final List<KeyValue> lastKey;
    private final String resnapshotToken;
    private final long rowsSent;

    SnapshotProgress(String id, Instant started, long[] rowsPerTopicPartition, List<KeyValue> lastKey,
            String resnapshotToken) {
        this.id = Objects.requireNonNull(id, "id");
        this.started = Objects.requireNonNull(started, "started");
        this.rowsPerTopicPartition = rowsPerTopicPartition.clone();
        this.lastKey = List.copyOf(lastKey);
        this.resnapshotToken = resnapshotToken;
        if (rowsPerTopicPartition.length == 0) {
            throw new IllegalArgumentException("a snapshot is spread over at least one topic partition");
        }
        long sent = 0;
        for (long rows : rowsPerTopicPartition) {  // a loop, not a stream: this runs once per row sent
            if (rows < 0) {
                throw new IllegalArgumentException("row counts cannot be negative");
            }
            sent += rows;
        }
        this.rowsSent = sent;
        if (sent == 0 && !lastKey.isEmpty()) {
            throw new IllegalArgumentException("a snapshot that sent no row has no last key");
        }
    }

    static SnapshotProgress begin(SnapshotRef snapshot, int topicPartitions, String resnapshotToken) {
        if (topicPartitions < 1) {
            throw new IllegalArgumentException("a snapshot is spread over at least one topic partition");
        }
        return new SnapshotProgress(snapshot.id(), snapshot.started(), new long[topicPartitions], List.of(),
                resnapshotToken);
    }

    SnapshotProgress withRow(int topicPartition, List<KeyValue> key) {
        if (topicPartition < 0 || topicPartition >= rowsPerTopicPartition.length) {
            throw new IllegalArgumentException("topic partition " + topicPartition + " is outside the snapshot's "
                    + rowsPerTopicPartition.length);
        }
        long[] rows = rowsPerTopicPartition.clone();
        rows[topicPartition]++;
        return new SnapshotProgress(id, started, rows, key, resnapshotToken);
    }

    public String id() {
        return id;
    }

    public Instant started() {
        return started;
    }

    /** The snapshot as its records name it; {@code table} is the partition's name. */
    public SnapshotRef ref(String table) {
        return new SnapshotRef(id, table, started);
    }

    /** N: the topic partitions this snapshot is spread over, fixed when it began. */
    public int topicPartitions() {
        return rowsPerTopicPartition.length;
    }

    /** Rows sent so far to each topic partition; what the end markers will count. */
    public long[] rowsPerTopicPartition() {
        return rowsPerTopicPartition.clone();
    }

    public long rowsSent() {
        return rowsSent;
    }

    /** {@code "n0,n1,..."}: the rows per topic partition as the offset stores them. */
    String rowsPerTopicPartitionText() {
        StringBuilder text = new StringBuilder(8 * rowsPerTopicPartition.length);
        for (int p = 0; p < rowsPerTopicPartition.length; p++) {
            if (p > 0) {
                text.append(',');
            }
            text.append(rowsPerTopicPartition[p]);
        }
        return text.toString();
    }

    /** The primary key of the last row sent, in key-column order; empty before the first row. */
    public List<KeyValue> lastKey() {
        return lastKey;
    }

    /**
     * Whether the snapshot can go on after its last key. A snapshot of a table without a primary key cannot
     * (it has no order to resume in); it starts again under a new id, and the sink discards the unfinished one.
     */
    public boolean resumable() {
        return rowsSent() == 0 || !lastKey.isEmpty();
    }

    /** The operator request that started this snapshot, if one did. */
    public Optional<String> resnapshotToken() {
        return Optional.ofNullable(resnapshotToken);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SnapshotProgress that && id.equals(that.id) && started.equals(that.started)
                && Arrays.equals(rowsPerTopicPartition, that.rowsPerTopicPartition) && lastKey.equals(that.lastKey)
                && Objects.equals(resnapshotToken, that.resnapshotToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, started, Arrays.hashCode(rowsPerTopicPartition), lastKey, resnapshotToken);
    }

    @Override
    public String toString() {
        return "snapshot " + id + " started " + started + ", " + rowsSent() + " row(s) sent";
    }
}
