package io.tributary.connect.jdbc.config;

import io.tributary.connect.jdbc.offsets.OffsetMode;
import io.tributary.connect.smt.config.ConfigProblem;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The columns and timing of incremental reads ({@code mode=incremental}). */
public final class IncrementalSettings {

    public static final String INCREMENTING_COLUMN = "incrementing.column";
    public static final String TIMESTAMP_COLUMN = "timestamp.column";
    public static final String SAFETY_DELAY_MS = "incremental.safety.delay.ms";
    public static final String POLL_INTERVAL_MS = "incremental.poll.interval.ms";
    public static final String INITIAL = "incremental.initial";

    /** Where a table never read before starts. */
    public enum Initial { EARLIEST, LATEST }

    private static final String GROUP = "Incremental";

    private final AbstractConfig config;

    IncrementalSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(INCREMENTING_COLUMN, Type.STRING, null, Importance.HIGH,
                        "A strictly increasing column (e.g. an identity), alone or with " + TIMESTAMP_COLUMN
                                + " to order rows that share a timestamp.",
                        GROUP, 1, Width.MEDIUM, "Incrementing column")
                .define(TIMESTAMP_COLUMN, Type.STRING, null, Importance.HIGH,
                        "A last-modified timestamp column: rows changed since the last read are read again.",
                        GROUP, 2, Width.MEDIUM, "Timestamp column")
                .define(SAFETY_DELAY_MS, Type.LONG, 5_000L, Range.atLeast(0L), Importance.MEDIUM,
                        "Rows newer than the database's clock minus this delay are left for the next read, so rows "
                                + "committed late by long transactions are not skipped.",
                        GROUP, 3, Width.SHORT, "Safety delay (ms)")
                .define(POLL_INTERVAL_MS, Type.LONG, 1_000L, Range.atLeast(10L), Importance.MEDIUM,
                        "How often each table is queried for new rows.",
                        GROUP, 4, Width.SHORT, "Poll interval (ms)")
                .define(INITIAL, Type.STRING, "earliest", ConfigDef.CaseInsensitiveValidString.in("earliest",
                        "latest"), Importance.MEDIUM,
                        "Where a table never read before starts: 'earliest' reads every row, 'latest' only rows "
                                + "added or changed from now on. To start from a value, set the table's offset "
                                + "through the Connect REST API (PATCH /connectors/<name>/offsets).",
                        GROUP, 5, Width.SHORT, "Initial position", Recommenders.of("earliest", "latest"));
    }

    static void problems(Function<String, String> values, List<ConfigProblem> problems) {
        String mode = values.apply(ModeSettings.MODE);
        if (mode == null || !mode.trim().equalsIgnoreCase("incremental")) {
            return;
        }
        if (isBlank(values.apply(INCREMENTING_COLUMN)) && isBlank(values.apply(TIMESTAMP_COLUMN))) {
            problems.add(new ConfigProblem(INCREMENTING_COLUMN, "Incremental mode needs " + INCREMENTING_COLUMN
                    + ", " + TIMESTAMP_COLUMN + ", or both"));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    public String incrementingColumn() {
        String column = config.getString(INCREMENTING_COLUMN);
        return isBlank(column) ? null : column.trim();
    }

    public String timestampColumn() {
        String column = config.getString(TIMESTAMP_COLUMN);
        return isBlank(column) ? null : column.trim();
    }

    /** The offset mode the columns imply. */
    public OffsetMode offsetMode() {
        if (timestampColumn() != null) {
            return incrementingColumn() != null ? OffsetMode.TIMESTAMP_INCREMENTING : OffsetMode.TIMESTAMP;
        }
        return OffsetMode.INCREMENTING;
    }

    public Duration safetyDelay() {
        return Duration.ofMillis(config.getLong(SAFETY_DELAY_MS));
    }

    public Duration pollInterval() {
        return Duration.ofMillis(config.getLong(POLL_INTERVAL_MS));
    }

    public Initial initial() {
        return Initial.valueOf(config.getString(INITIAL).trim().toUpperCase(Locale.ROOT));
    }
}
