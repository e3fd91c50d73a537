package io.tributary.connect.jdbc.config;

import java.util.Locale;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Whether tables are snapshot or read incrementally, and how much one poll returns. */
public final class ModeSettings {

    public static final String MODE = "mode";
    public static final String BATCH_MAX_ROWS = "batch.max.rows";

    /** How tables are read. */
    public enum Mode {
        /** The whole table as one consistent snapshot. */
        SNAPSHOT,
        /** New and changed rows since the last read, by an incrementing or timestamp column. */
        INCREMENTAL;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String GROUP = "Mode";

    private final AbstractConfig config;

    ModeSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(MODE, Type.STRING, Mode.SNAPSHOT.configValue(), ConfigDef.CaseInsensitiveValidString.in(
                        Mode.SNAPSHOT.configValue(), Mode.INCREMENTAL.configValue()), Importance.HIGH,
                        "'snapshot' reads each table whole as one consistent snapshot, on a schedule; "
                                + "'incremental' reads new and changed rows by an incrementing and/or timestamp "
                                + "column.",
                        GROUP, 1, Width.SHORT, "Mode", Recommenders.of("snapshot", "incremental"))
                .define(BATCH_MAX_ROWS, Type.INT, 2_000, Range.between(1, 1_000_000), Importance.LOW,
                        "Most records one poll returns to the worker.",
                        GROUP, 2, Width.SHORT, "Rows per poll");
    }

    public Mode mode() {
        return Mode.valueOf(config.getString(MODE).trim().toUpperCase(Locale.ROOT));
    }

    public int batchMaxRows() {
        return config.getInt(BATCH_MAX_ROWS);
    }
}
