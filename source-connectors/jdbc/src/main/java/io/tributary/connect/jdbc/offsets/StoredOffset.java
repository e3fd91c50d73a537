package io.tributary.connect.jdbc.offsets;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * What the Connect offset store can hold for one table. Connect stores exactly the map it was last given,
 * by a task or by an operator through {@code PATCH /connectors/<name>/offsets}, and never merges the two. So
 * an operator's edit cannot be a patch onto the task's offset; it is one of these, complete in itself:
 * <ul>
 *   <li>{@link TableOffset}: what tasks write, recognised by {@code "v": 1};</li>
 *   <li>{@link ResnapshotRequest}: {@code {"resnapshot": "<token>"}}, snapshot the table again now;</li>
 *   <li>{@link StartFrom}: {@code {"incrementing": <value>}}, {@code {"timestamp": "<ISO-8601>"}} or both,
 *       read incrementally from that position on, inclusive.</li>
 * </ul>
 * No offset at all (never read, or reset with {@code null} / {@code DELETE}) is an empty {@link #parse}.
 */
public sealed interface StoredOffset permits TableOffset, ResnapshotRequest, StartFrom {

    String RESNAPSHOT = "resnapshot";

    /**
     * Fails, saying what would be valid, unless this offset can be used by a table read in {@code expected}.
     *
     * @return this offset
     */
    StoredOffset requireMode(OffsetMode expected, TablePartition partition);

    /**
     * Reads what the offset store holds for a table.
     *
     * @param map the stored offset, or null when there is none
     * @throws ConnectException naming the table and what is wrong
     */
    static Optional<StoredOffset> parse(TablePartition partition, Map<String, ?> map) {
        if (map == null) {
            return Optional.empty();
        }
        if (map.containsKey(TableOffset.VERSION_KEY)) {
            return Optional.of(TableOffset.fromMap(partition, map));
        }
        OffsetFields fields = new OffsetFields(partition, map);
        if (map.containsKey(RESNAPSHOT)) {
            Object token = fields.wholeOrText(RESNAPSHOT);
            if (token == null || map.size() != 1) {
                throw notAnEdit(partition, map);
            }
            return Optional.of(new ResnapshotRequest(token.toString()));
        }
        if (!map.isEmpty() && Set.of(TableOffset.TIMESTAMP, TableOffset.INCREMENTING).containsAll(map.keySet())) {
            StartFrom start = new StartFrom(fields.isoInstant(TableOffset.TIMESTAMP),
                    fields.wholeOrText(TableOffset.INCREMENTING));
            if (start.timestamp() == null && start.incrementing() == null) {
                throw notAnEdit(partition, map);
            }
            return Optional.of(start);
        }
        throw notAnEdit(partition, map);
    }

    private static ConnectException notAnEdit(TablePartition partition, Map<String, ?> map) {
        return new ConnectException("Offset of " + partition + " with field(s) " + new TreeSet<>(map.keySet())
                + " is neither a full offset (with \"v\": " + TableOffset.VERSION + ") nor one of the edits "
                + "{\"resnapshot\": \"<token>\"}, {\"incrementing\": <value>}, {\"timestamp\": \"<ISO-8601 instant>\"}"
                + " or {\"timestamp\": ..., \"incrementing\": ...}; to reset the table, give null.");
    }
}
