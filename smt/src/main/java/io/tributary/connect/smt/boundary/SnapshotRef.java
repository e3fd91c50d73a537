package io.tributary.connect.smt.boundary;

import io.tributary.connect.smt.ids.UuidV7;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Names one snapshot run of one table: what every snapshot row and end marker carries in its headers.
 *
 * <p>Snapshots are ordered by start time, then id ({@link #isNewerThan}); a sink uses that order to ignore a
 * snapshot that finished after a newer one of the same table had already been published.
 *
 * @param id unique per snapshot run; {@link #start} makes a UUIDv7 (time-ordered, RFC 9562)
 * @param table the source table ({@code schema.table}) or custom query name
 * @param started when the snapshot began, to the millisecond (the header carries epoch millis)
 */
public record SnapshotRef(String id, String table, Instant started) {

    public SnapshotRef {
        requireText(id, "id");
        requireText(table, "table");
        // Truncated so that a ref read back from its epoch-millis header equals the one written.
        started = Objects.requireNonNull(started, "started").truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A new snapshot of {@code table} beginning {@code now}. When the table's previous snapshot started at or
     * after {@code now} (the clock stepped back), the new one starts 1 ms after it instead, so that it still
     * orders as newer and a sink does not discard it as superseded.
     *
     * @param previousStart start of the table's previous snapshot, or null if none is known
     */
    public static SnapshotRef start(String table, Instant now, Instant previousStart) {
        Instant started = now.truncatedTo(ChronoUnit.MILLIS);
        if (previousStart != null && !started.isAfter(previousStart)) {
            started = previousStart.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        }
        return new SnapshotRef(UuidV7.generate(started.toEpochMilli()), table, started);
    }

    public long startedMillis() {
        return started.toEpochMilli();
    }

    /** Whether this snapshot orders after {@code other}: a later start, or the same start and a greater id. */
    public boolean isNewerThan(SnapshotRef other) {
        int byStart = started.compareTo(other.started);
        return byStart != 0 ? byStart > 0 : id.compareTo(other.id) > 0;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a snapshot " + what + " must not be empty");
        }
    }
}
