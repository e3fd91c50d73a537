package io.tributary.connect.jdbc.config;

import io.tributary.connect.jdbc.schedule.SnapshotSchedule;
import io.tributary.connect.jdbc.schedule.SnapshotScheduleConfig;
import java.util.List;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** When snapshots run, how they read, how they are chunked into Kafka transactions, and in which key order. */
public final class SnapshotSettings {

    public static final String FETCH_SIZE = "snapshot.fetch.size";
    public static final String TRANSACTION_ROWS = "snapshot.transaction.rows";
    public static final String KEY_COLUMNS = "key.columns";

    private static final String GROUP = "Snapshots";

    private final AbstractConfig config;

    SnapshotSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        SnapshotScheduleConfig.define(def, GROUP, 1);
        return def
                .define(FETCH_SIZE, Type.INT, 10_000, Range.between(1, 1_000_000), Importance.LOW,
                        "Rows the database sends per round trip of the snapshot's server-side cursor; the table is "
                                + "never loaded into memory.",
                        GROUP, 3, Width.SHORT, "Fetch size")
                .define(TRANSACTION_ROWS, Type.INT, 50_000, Range.atLeast(1), Importance.MEDIUM,
                        "With exactly-once source support on the workers and transaction.boundary=connector, a "
                                + "snapshot is committed in Kafka transactions of this many rows (one transaction "
                                + "per big table would outlive the broker's transaction timeout); the end markers "
                                + "are in the last one.",
                        GROUP, 4, Width.SHORT, "Rows per transaction")
                .define(KEY_COLUMNS, Type.LIST, "", Importance.MEDIUM,
                        "Columns that identify a row, in order, instead of the primary key: the record key, the "
                                + "snapshot's order and where an interrupted snapshot resumes. Needed for a custom "
                                + "query to resume; the columns must be unique and never NULL. Applies to every "
                                + "table read.",
                        GROUP, 5, Width.LONG, "Key columns");
    }

    public SnapshotSchedule schedule() {
        return SnapshotScheduleConfig.schedule(config);
    }

    public int fetchSize() {
        return config.getInt(FETCH_SIZE);
    }

    public int transactionRows() {
        return config.getInt(TRANSACTION_ROWS);
    }

    /** Empty when the primary key applies. */
    public List<String> keyColumns() {
        return config.getList(KEY_COLUMNS).stream().map(String::trim).filter(c -> !c.isEmpty()).toList();
    }
}
