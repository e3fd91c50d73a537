package io.tributary.connect.jdbc.offsets;

import io.tributary.connect.smt.boundary.SnapshotRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Everything a task knows about one table, as it writes it into the Connect offset store with each record.
 * Immutable; each step returns a new offset. The map form (docs/jdbc-source-offsets.md) holds only
 * primitives, as Connect requires, and carries a version {@value #VERSION_KEY} = {@value #VERSION}.
 *
 * <ul>
 *   <li>Snapshot mode: the snapshot in progress ({@link SnapshotProgress}: id, start, rows per topic
 *       partition, last key sent) and the last one completed ({@link CompletedSnapshot}), so a completed
 *       snapshot is never sent again and the schedule knows when the last one started.</li>
 *   <li>Incremental modes: the last timestamp and/or incrementing value read. Timestamps are ISO-8601 text
 *       with up to nanosecond digits: lossless for PostgreSQL's microseconds and any other database's
 *       precision, and readable when an operator looks at the offsets.</li>
 * </ul>
 */
public final class TableOffset implements StoredOffset {

    public static final String VERSION_KEY = "v";
    public static final int VERSION = 1;
    public static final String MODE = "mode";
    public static final String SNAPSHOT_ID = "snapshot.id";
    public static final String SNAPSHOT_STARTED = "snapshot.started";
    public static final String SNAPSHOT_PARTITION_ROWS = "snapshot.partition_rows";
    public static final String SNAPSHOT_KEY_PREFIX = "snapshot.key.";
    public static final String SNAPSHOT_RESNAPSHOT = "snapshot.resnapshot";
    public static final String COMPLETED_ID = "completed.id";
    public static final String COMPLETED_STARTED = "completed.started";
    public static final String COMPLETED_ROWS = "completed.rows";
    public static final String COMPLETED_RESNAPSHOT = "completed.resnapshot";
    public static final String TIMESTAMP = "timestamp";
    public static final String INCREMENTING = "incrementing";

    private final OffsetMode mode;
    private final SnapshotProgress snapshot;
    private final CompletedSnapshot completed;
    private final Instant timestamp;
    private final Object incrementing;

    private TableOffset(OffsetMode mode, SnapshotProgress snapshot, CompletedSnapshot completed, Instant timestamp,
            Object incrementing) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.snapshot = snapshot;
        this.completed = completed;
        this.timestamp = timestamp;
        this.incrementing = incrementingValue(incrementing);
        if (mode == OffsetMode.SNAPSHOT && (timestamp != null || incrementing != null)) {
            throw new IllegalArgumentException("a snapshot-mode table has no incremental position");
        }
        if (mode != OffsetMode.SNAPSHOT && (snapshot != null || completed != null)) {
            throw new IllegalArgumentException("a table read in mode " + mode + " has no snapshot state");
        }
        if (timestamp != null && !mode.usesTimestamp()) {
            throw new IllegalArgumentException("mode " + mode + " has no timestamp position");
        }
        // TIMESTAMP mode may carry one: the primary key that orders rows sharing a timestamp (the tiebreaker).
        if (incrementing != null && !mode.usesIncrementing() && mode != OffsetMode.TIMESTAMP) {
            throw new IllegalArgumentException("mode " + mode + " has no incrementing position");
        }
    }

    private static Object incrementingValue(Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof Long || value instanceof String text && !text.isBlank()) {
            return value;
        }
        throw new IllegalArgumentException("an incrementing value is a whole number or non-empty text, not a "
                + value.getClass().getSimpleName());
    }

    /** The offset of a table nothing has been read from yet. */
    public static TableOffset initial(OffsetMode mode) {
        return new TableOffset(mode, null, null, null, null);
    }

    public OffsetMode mode() {
        return mode;
    }

    /** The snapshot in progress, if one is. */
    public Optional<SnapshotProgress> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    public Optional<CompletedSnapshot> lastCompleted() {
        return Optional.ofNullable(completed);
    }

    /** The last timestamp read (incremental modes with a timestamp column). */
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    /**
     * The last incrementing value read: a {@code Long}, or a {@code String} for a non-numeric column. In
     * {@code timestamp} mode, the single-column primary key of the last row read, when the table has one.
     */
    public Optional<Object> incrementing() {
        return Optional.ofNullable(incrementing);
    }

    /** Begins a snapshot spread over {@code topicPartitions}; a snapshot in progress is abandoned. */
    public TableOffset withSnapshotStarted(SnapshotRef started, int topicPartitions, String resnapshotToken) {
        requireSnapshotMode();
        return new TableOffset(mode, SnapshotProgress.begin(started, topicPartitions, resnapshotToken), completed,
                null, null);
    }

    /** One more row of the snapshot in progress sent, to {@code topicPartition}, with primary key {@code key}. */
    public TableOffset withRowSent(int topicPartition, List<KeyValue> key) {
        return new TableOffset(mode, inProgress().withRow(topicPartition, key), completed, null, null);
    }

    /** The snapshot in progress ended (its markers sent): it becomes the last completed one. */
    public TableOffset withSnapshotCompleted() {
        SnapshotProgress done = inProgress();
        return new TableOffset(mode, null, new CompletedSnapshot(done.id(), done.started(), done.rowsSent(),
                done.resnapshotToken().orElse(null)), null, null);
    }

    /** The position after reading a row in an incremental mode. */
    public TableOffset withPosition(Instant lastTimestamp, Object lastIncrementing) {
        if (mode == OffsetMode.SNAPSHOT) {
            throw new IllegalStateException("a snapshot-mode table has no incremental position");
        }
        return new TableOffset(mode, null, null, lastTimestamp, lastIncrementing);
    }

    /** Fails, saying how to recover, when this offset was written in another mode than the table is read in now. */
    @Override
    public TableOffset requireMode(OffsetMode expected, TablePartition partition) {
        if (mode != expected) {
            throw new ConnectException("The offset of " + partition + " was written in mode '" + mode
                    + "', but the connector now reads it in mode '" + expected + "'. A position does not carry over "
                    + "between modes: reset the offset of this table (stop the connector, then PATCH "
                    + "/connectors/<name>/offsets with {\"partition\": " + partition.toJson() + ", \"offset\": null})"
                    + " or configure the previous mode again.");
        }
        return this;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(VERSION_KEY, VERSION);
        map.put(MODE, mode.text());
        if (snapshot != null) {
            map.put(SNAPSHOT_ID, snapshot.id());
            map.put(SNAPSHOT_STARTED, snapshot.started().toEpochMilli());
            map.put(SNAPSHOT_PARTITION_ROWS, snapshot.rowsPerTopicPartitionText());
            List<KeyValue> key = snapshot.lastKey();
            for (int i = 0; i < key.size(); i++) {
                map.put(SNAPSHOT_KEY_PREFIX + i + ".column", key.get(i).column());
                map.put(SNAPSHOT_KEY_PREFIX + i + ".value", key.get(i).value());
            }
            snapshot.resnapshotToken().ifPresent(token -> map.put(SNAPSHOT_RESNAPSHOT, token));
        }
        if (completed != null) {
            map.put(COMPLETED_ID, completed.id());
            map.put(COMPLETED_STARTED, completed.started().toEpochMilli());
            map.put(COMPLETED_ROWS, completed.rows());
            if (completed.resnapshotToken() != null) {
                map.put(COMPLETED_RESNAPSHOT, completed.resnapshotToken());
            }
        }
        if (timestamp != null) {
            map.put(TIMESTAMP, timestamp.toString());
        }
        if (incrementing != null) {
            map.put(INCREMENTING, incrementing);
        }
        return map;
    }

    /**
     * Reads a full offset strictly.
     *
     * @throws ConnectException naming the table and the field when the version is not {@value #VERSION}, a
     *     field is missing, malformed or unknown, or the fields contradict each other or the mode
     */
    public static TableOffset fromMap(TablePartition partition, Map<String, ?> map) {
        OffsetFields fields = new OffsetFields(partition, map);
        Long version = fields.whole(VERSION_KEY);
        if (version == null || version != VERSION) {
            throw fields.invalid(VERSION_KEY, VERSION + (version == null ? " (it is missing)"
                    : ", not " + version + ": the offset was written by another version of Tributary, which this "
                    + "one cannot read"));
        }
        String modeText = fields.requiredText(MODE);
        OffsetMode mode = OffsetMode.fromText(modeText).orElseThrow(() -> fields.invalid(MODE,
                "one of " + Arrays.toString(OffsetMode.values()) + ", not '" + modeText + "'"));
        SnapshotProgress snapshot = null;
        if (fields.has(SNAPSHOT_ID)) {
            snapshot = readProgress(fields);
        }
        CompletedSnapshot completed = null;
        if (fields.has(COMPLETED_ID)) {
            completed = new CompletedSnapshot(fields.requiredText(COMPLETED_ID), fields.epochMillis(COMPLETED_STARTED),
                    fields.requiredWhole(COMPLETED_ROWS), fields.text(COMPLETED_RESNAPSHOT));
        }
        Instant timestamp = fields.isoInstant(TIMESTAMP);
        Object incrementing = fields.wholeOrText(INCREMENTING);
        fields.rejectUnknownKeys();
        try {
            return new TableOffset(mode, snapshot, completed, timestamp, incrementing);
        } catch (IllegalArgumentException e) {
            throw new ConnectException("Offset of " + partition + " is inconsistent: " + e.getMessage(), e);
        }
    }

    private static SnapshotProgress readProgress(OffsetFields fields) {
        String id = fields.requiredText(SNAPSHOT_ID);
        Instant started = fields.epochMillis(SNAPSHOT_STARTED);
        long[] rows = fields.counts(SNAPSHOT_PARTITION_ROWS);
        List<KeyValue> key = new ArrayList<>();
        for (int i = 0; fields.has(SNAPSHOT_KEY_PREFIX + i + ".column"); i++) {
            String column = fields.requiredText(SNAPSHOT_KEY_PREFIX + i + ".column");
            Object value = fields.wholeOrText(SNAPSHOT_KEY_PREFIX + i + ".value");
            if (value == null) {
                throw fields.invalid(SNAPSHOT_KEY_PREFIX + i + ".value", "present beside its column");
            }
            key.add(new KeyValue(column, value));
        }
        String token = fields.text(SNAPSHOT_RESNAPSHOT);
        try {
            return new SnapshotProgress(id, started, rows, key, token);
        } catch (IllegalArgumentException e) {
            throw fields.invalid(SNAPSHOT_PARTITION_ROWS, "consistent with the last key: " + e.getMessage());
        }
    }

    private SnapshotProgress inProgress() {
        requireSnapshotMode();
        if (snapshot == null) {
            throw new IllegalStateException("no snapshot is in progress");
        }
        return snapshot;
    }

    private void requireSnapshotMode() {
        if (mode != OffsetMode.SNAPSHOT) {
            throw new IllegalStateException("a table read in mode " + mode + " takes no snapshots");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableOffset that && mode == that.mode && Objects.equals(snapshot, that.snapshot)
                && Objects.equals(completed, that.completed) && Objects.equals(timestamp, that.timestamp)
                && Objects.equals(incrementing, that.incrementing);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, snapshot, completed, timestamp, incrementing);
    }

    @Override
    public String toString() {
        // Without the last key's values, which may be personal data.
        return "TableOffset[mode " + mode + (snapshot != null ? ", " + snapshot : "")
                + (completed != null ? ", last completed snapshot " + completed.id() + " started "
                        + completed.started() : "")
                + (timestamp != null ? ", timestamp " + timestamp : "")
                + (incrementing != null ? ", incrementing " + incrementing : "") + "]";
    }
}
