package io.tributary.connect.smt.boundary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.errors.DataException;

/**
 * The snapshot-boundary contract between the JDBC source, which writes snapshots, and the Iceberg sink, which
 * publishes a snapshot only once all of it has arrived. The full contract is docs/snapshot-boundaries.md;
 * in short:
 * <ul>
 *   <li>every snapshot row carries {@link #ID}, {@link #TABLE} and {@link #STARTED} ({@link #stamp});</li>
 *   <li>the source spreads a snapshot over partitions {@code 0..N-1} by {@link #partitionFor} of the key;</li>
 *   <li>after the last row it writes one end marker to each of those partitions: the same three headers
 *       plus {@link #END} (rows in that partition), {@link #PARTITIONS} (N) and {@link #ROWS} (all rows);</li>
 *   <li>a marker has a null key and a null value: any other payload would have to match the topic's key
 *       and value schemas, which a marker cannot. A record carrying {@link #END} is never data, even though
 *       it looks like a tombstone; a consumer checks {@link #isMarker} before anything else.</li>
 * </ul>
 *
 * <p>Readers accept header values typed (as written) or as text (as a string header converter yields them),
 * so the contract holds with any header converter.
 */
public final class SnapshotBoundary {

    /** The snapshot's id, unique per snapshot run (a UUIDv7). String. */
    public static final String ID = "tributary.snapshot.id";
    /** The source table ({@code schema.table}) or custom query name. String. */
    public static final String TABLE = "tributary.snapshot.table";
    /** When the snapshot started, epoch millis. Int64. */
    public static final String STARTED = "tributary.snapshot.started";
    /** Only on end markers: the number of snapshot rows written to the marker's partition. Int64. */
    public static final String END = "tributary.snapshot.end";
    /** Only on end markers: the number of partitions N the snapshot was spread over. Int32. */
    public static final String PARTITIONS = "tributary.snapshot.partitions";
    /** Only on end markers: the number of rows in the whole snapshot, over all partitions. Int64. */
    public static final String ROWS = "tributary.snapshot.rows";

    /**
     * What the end marker in one partition says.
     *
     * @param snapshot the snapshot it ends
     * @param partitionRows snapshot rows written to this marker's partition, before the marker
     * @param partitions the N partitions ({@code 0..N-1}) that each received a marker
     * @param totalRows snapshot rows written to all partitions
     */
    public record Marker(SnapshotRef snapshot, long partitionRows, int partitions, long totalRows) {
        public Marker {
            if (snapshot == null) {
                throw new IllegalArgumentException("a marker needs its snapshot");
            }
            if (partitions < 1 || partitionRows < 0 || partitionRows > totalRows) {
                throw new IllegalArgumentException("inconsistent marker for snapshot " + snapshot.id()
                        + ": " + partitionRows + " row(s) in the partition, " + totalRows + " in all, "
                        + partitions + " partition(s)");
            }
        }
    }

    private SnapshotBoundary() {
    }

    /** Adds (or replaces) the three headers that name a row's snapshot. Returns {@code headers}. */
    public static Headers stamp(Headers headers, SnapshotRef snapshot) {
        headers.remove(ID).remove(TABLE).remove(STARTED);
        return headers.addString(ID, snapshot.id())
                .addString(TABLE, snapshot.table())
                .addLong(STARTED, snapshot.startedMillis());
    }

    /** Adds (or replaces) the headers of an end marker: the row headers plus the counts. Returns {@code headers}. */
    public static Headers stampMarker(Headers headers, Marker marker) {
        stamp(headers, marker.snapshot());
        headers.remove(END).remove(PARTITIONS).remove(ROWS);
        return headers.addLong(END, marker.partitionRows())
                .addInt(PARTITIONS, marker.partitions())
                .addLong(ROWS, marker.totalRows());
    }

    /** New headers for an end marker. */
    public static Headers markerHeaders(Marker marker) {
        return stampMarker(new ConnectHeaders(), marker);
    }

    /** The N end markers of a snapshot, element {@code p} for partition {@code p}. */
    public static List<Marker> markers(SnapshotRef snapshot, long[] rowsPerPartition) {
        long total = 0;
        for (long rows : rowsPerPartition) {
            total += rows;
        }
        List<Marker> markers = new ArrayList<>(rowsPerPartition.length);
        for (long rows : rowsPerPartition) {
            markers.add(new Marker(snapshot, rows, rowsPerPartition.length, total));
        }
        return markers;
    }

    /**
     * The partition in {@code [0, partitions)} a snapshot row with this key goes to ({@link StableKeyHash}).
     * A null key (a table without primary key) would put every row in one partition: the source spreads such
     * rows by row number modulo N instead.
     */
    public static int partitionFor(Object key, int partitions) {
        return StableKeyHash.partition(key, partitions);
    }

    /** Whether a record is an end marker: never data, whatever its key and value. */
    public static boolean isMarker(Headers headers) {
        return headers.lastWithName(END) != null;
    }

    /**
     * The snapshot a record belongs to (rows and markers alike), or empty when it names none.
     *
     * @throws DataException when the record names a snapshot but its other headers are missing or malformed
     */
    public static Optional<SnapshotRef> readRef(Headers headers) {
        Header id = headers.lastWithName(ID);
        if (id == null) {
            return Optional.empty();
        }
        String snapshotId = text(id);
        try {
            return Optional.of(new SnapshotRef(snapshotId, text(required(headers, TABLE, snapshotId)),
                    Instant.ofEpochMilli(whole(required(headers, STARTED, snapshotId)))));
        } catch (IllegalArgumentException e) {
            throw new DataException("Malformed headers of snapshot " + snapshotId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The end marker a record is, or empty when it is not one.
     *
     * @throws DataException when the record is a marker but its headers are missing or malformed
     */
    public static Optional<Marker> readMarker(Headers headers) {
        Header end = headers.lastWithName(END);
        if (end == null) {
            return Optional.empty();
        }
        SnapshotRef snapshot = readRef(headers).orElseThrow(() ->
                new DataException("A snapshot end marker without header " + ID));
        try {
            long partitions = whole(required(headers, PARTITIONS, snapshot.id()));
            if (partitions > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(PARTITIONS + " is " + partitions);
            }
            return Optional.of(new Marker(snapshot, whole(end), (int) partitions,
                    whole(required(headers, ROWS, snapshot.id()))));
        } catch (IllegalArgumentException e) {
            throw new DataException("Malformed end marker of snapshot " + snapshot.id() + ": " + e.getMessage(), e);
        }
    }

    private static Header required(Headers headers, String name, String snapshotId) {
        Header header = headers.lastWithName(name);
        if (header == null || header.value() == null) {
            throw new DataException("Header " + name + " is missing on a record of snapshot " + snapshotId);
        }
        return header;
    }

    private static String text(Header header) {
        Object value = header.value();
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        // A string header converter that infers types turns a table named "2024" into a number.
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new DataException("Header " + header.key() + " must be text, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private static long whole(Header header) {
        Object value = header.value();
        try {
            if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigInteger || value instanceof BigDecimal) {
                return new BigDecimal(value.toString()).longValueExact();
            }
            if (value instanceof String || value instanceof byte[]) {
                return Long.parseLong(text(header).trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw new DataException("Header " + header.key() + " must be a whole number, not "
                + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
    }
}
