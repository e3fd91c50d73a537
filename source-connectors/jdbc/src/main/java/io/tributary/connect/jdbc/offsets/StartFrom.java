package io.tributary.connect.jdbc.offsets;

import java.time.Instant;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * An operator's edit that moves an incrementally read table to a position: the next read returns the rows
 * <em>at or after</em> it. Inclusive, unlike a task's offset (which names the last row read), because an
 * operator says "from January 1st" or "from id 1000" and must not lose the row exactly there: at worst one
 * row is read again.
 *
 * <ul>
 *   <li>{@code incrementing} mode: {@code {"incrementing": 1000}} reads rows with id ≥ 1000;</li>
 *   <li>{@code timestamp} mode: {@code {"timestamp": "2026-01-01T00:00:00Z"}} reads rows modified at or after
 *       that instant;</li>
 *   <li>{@code timestamp+incrementing} mode: a timestamp, and optionally an incrementing value that orders
 *       rows sharing that timestamp: rows with (timestamp, id) ≥ the pair.</li>
 * </ul>
 *
 * @param timestamp an instant, or null
 * @param incrementing a {@code Long} or a {@code String}, or null
 */
public record StartFrom(Instant timestamp, Object incrementing) implements StoredOffset {

    @Override
    public StartFrom requireMode(OffsetMode expected, TablePartition partition) {
        boolean fits = switch (expected) {
            case SNAPSHOT -> false;
            case INCREMENTING -> incrementing != null && timestamp == null;
            case TIMESTAMP -> timestamp != null && incrementing == null;
            case TIMESTAMP_INCREMENTING -> timestamp != null;
        };
        if (!fits) {
            throw new ConnectException("Offset of " + partition + ": this table is read in mode '" + expected
                    + "', so " + formsFor(expected) + " (or null to reset it).");
        }
        return this;
    }

    /** The edits that move a table read in {@code mode}, for messages. */
    static String formsFor(OffsetMode mode) {
        return switch (mode) {
            case SNAPSHOT -> "give {\"" + RESNAPSHOT + "\": \"<token>\"} to snapshot it again";
            case INCREMENTING -> "give {\"incrementing\": <value>}";
            case TIMESTAMP -> "give {\"timestamp\": \"<ISO-8601 instant>\"}";
            case TIMESTAMP_INCREMENTING -> "give {\"timestamp\": \"<ISO-8601 instant>\"}, optionally with "
                    + "\"incrementing\": <value>";
        };
    }
}
