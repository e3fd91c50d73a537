package io.tributary.connect.jdbc.incremental;

import io.tributary.connect.jdbc.offsets.StartFrom;
import io.tributary.connect.jdbc.offsets.TableOffset;
import java.time.Instant;

/**
 * Where an incremental read stands: the timestamp and/or incrementing value of the last row read. Reading
 * resumes strictly after it, unless it is {@link #inclusive()} (an operator's starting point, which names the
 * first row to read rather than the last one read).
 *
 * <p>In {@code timestamp} mode {@code incrementing} holds the primary key that breaks ties between rows of
 * one timestamp (when the table has a single integer or text key column), or null, which means every row of
 * {@code timestamp} has been read.
 *
 * @param timestamp null in {@code incrementing} mode
 * @param incrementing a {@code Long} or a {@code String}; null when unused
 * @param inclusive whether the row at exactly this position is still to be read; never stored, see
 *     {@link #startingAt(StartFrom)}
 */
public record IncrementalPosition(Instant timestamp, Object incrementing, boolean inclusive) {

    public IncrementalPosition {
        if (incrementing instanceof Byte || incrementing instanceof Short || incrementing instanceof Integer) {
            incrementing = ((Number) incrementing).longValue();
        } else if (incrementing != null && !(incrementing instanceof Long) && !(incrementing instanceof String)) {
            throw new IllegalArgumentException("An incrementing value is a whole number or text, not a "
                    + incrementing.getClass().getSimpleName());
        }
        if (timestamp == null && incrementing == null) {
            throw new IllegalArgumentException("A position needs a timestamp or an incrementing value; use null "
                    + "for 'from the beginning'");
        }
    }

    /** The position after the row at ({@code timestamp}, {@code incrementing}). */
    public IncrementalPosition(Instant timestamp, Object incrementing) {
        this(timestamp, incrementing, false);
    }

    /** The stored position of an offset; null when nothing was read yet. */
    public static IncrementalPosition of(TableOffset offset) {
        Instant timestamp = offset.timestamp().orElse(null);
        Object incrementing = offset.incrementing().orElse(null);
        return timestamp == null && incrementing == null ? null : new IncrementalPosition(timestamp, incrementing);
    }

    /** An operator's starting point (reset through the REST API): the row exactly there is read too. */
    public static IncrementalPosition startingAt(StartFrom start) {
        return new IncrementalPosition(start.timestamp(), start.incrementing(), true);
    }

    /** {@code offset} moved to this position, for the offset store. An inclusive position cannot be stored. */
    public TableOffset storeIn(TableOffset offset) {
        if (inclusive) {
            throw new IllegalStateException("An inclusive starting point is not a position read; store the "
                    + "offset it came from");
        }
        return offset.withPosition(timestamp, incrementing);
    }

    @Override
    public String toString() {
        // The incrementing value may be a primary key, i.e. row data: left out of logs.
        return "IncrementalPosition[" + (inclusive ? "from " : "after ") + (timestamp != null ? timestamp : "")
                + (incrementing != null ? (timestamp != null ? " " : "") + "<incrementing>" : "") + "]";
    }
}
