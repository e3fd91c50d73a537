package io.tributary.connect.jdbc.incremental;

import io.tributary.connect.jdbc.offsets.OffsetMode;
import java.time.Duration;
import org.apache.kafka.common.config.ConfigException;

/**
 * How a table is read incrementally: the mode and the columns it needs.
 *
 * <ul>
 *   <li>{@code incrementing}: {@code incrementingColumn} only; no safety delay applies (there is no time to
 *       delay by), see docs/jdbc-source-incremental.md for what that costs.</li>
 *   <li>{@code timestamp}: {@code timestampColumn} only; the table's primary key, when it is one integer or
 *       text column, orders rows sharing a timestamp on its own.</li>
 *   <li>{@code timestamp+incrementing}: both.</li>
 * </ul>
 *
 * @param safetyDelay how far behind the database's clock reads stay, so that rows of transactions that commit
 *     up to this long after their timestamp are still read; null means zero
 */
public record IncrementalSpec(OffsetMode mode, String incrementingColumn, String timestampColumn,
        Duration safetyDelay) {

    public IncrementalSpec {
        if (mode == null || mode == OffsetMode.SNAPSHOT) {
            throw new ConfigException("An incremental read needs mode incrementing, timestamp or "
                    + "timestamp+incrementing, not " + mode);
        }
        incrementingColumn = blankToNull(incrementingColumn);
        timestampColumn = blankToNull(timestampColumn);
        safetyDelay = safetyDelay == null ? Duration.ZERO : safetyDelay;
        if (mode.usesIncrementing() && incrementingColumn == null) {
            throw new ConfigException("Mode '" + mode + "' needs an incrementing column");
        }
        if (!mode.usesIncrementing() && incrementingColumn != null) {
            throw new ConfigException("Mode '" + mode + "' takes no incrementing column (it was '"
                    + incrementingColumn + "'); use mode timestamp+incrementing to order rows by it");
        }
        if (mode.usesTimestamp() && timestampColumn == null) {
            throw new ConfigException("Mode '" + mode + "' needs a timestamp column");
        }
        if (!mode.usesTimestamp() && timestampColumn != null) {
            throw new ConfigException("Mode '" + mode + "' takes no timestamp column (it was '" + timestampColumn
                    + "'); use mode timestamp+incrementing to read by both");
        }
        if (safetyDelay.isNegative()) {
            throw new ConfigException("The safety delay cannot be negative, was " + safetyDelay);
        }
    }

    public static IncrementalSpec incrementing(String column) {
        return new IncrementalSpec(OffsetMode.INCREMENTING, column, null, Duration.ZERO);
    }

    public static IncrementalSpec timestamp(String column, Duration safetyDelay) {
        return new IncrementalSpec(OffsetMode.TIMESTAMP, null, column, safetyDelay);
    }

    public static IncrementalSpec timestampIncrementing(String timestampColumn, String incrementingColumn,
            Duration safetyDelay) {
        return new IncrementalSpec(OffsetMode.TIMESTAMP_INCREMENTING, incrementingColumn, timestampColumn,
                safetyDelay);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
