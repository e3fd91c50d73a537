package io.tributary.connect.iceberg.config;

import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** When data is committed to the tables, and under which identity the Kafka offsets are stored. */
public final class CommitSettings {

    public static final String INTERVAL_MS = "iceberg.commit.interval.ms";
    public static final String MAX_BUFFERED_RECORDS = "iceberg.commit.max-buffered-records";
    public static final String MAX_BUFFERED_BYTES = "iceberg.commit.max-buffered-bytes";
    public static final String TIMEOUT_MS = "iceberg.commit.timeout.ms";
    public static final String RETRY_BACKOFF_MS = "iceberg.commit.retry.backoff.ms";
    public static final String OFFSETS_ID = "iceberg.commit.offsets-id";
    public static final String TARGET_FILE_SIZE = "iceberg.write.target-file-size-bytes";
    public static final String MAX_OPEN_FILES = "iceberg.write.max-open-files";
    public static final String ENCODE_THREAD = "iceberg.write.encode-thread";

    private static final String GROUP = "Commits";

    private final AbstractConfig config;
    private final String connectorName;

    public CommitSettings(AbstractConfig config, String connectorName) {
        this.config = config;
        this.connectorName = connectorName;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(INTERVAL_MS, Type.LONG, 10_000L, Range.atLeast(100L), Importance.HIGH,
                        "Longest time written data waits before it is committed: the bound on how stale a table "
                                + "is.",
                        GROUP, 1, Width.SHORT, "Commit interval (ms)")
                .define(MAX_BUFFERED_RECORDS, Type.LONG, 500_000L, Range.atLeast(1L), Importance.MEDIUM,
                        "Commit early once a task holds this many uncommitted records.",
                        GROUP, 2, Width.SHORT, "Max buffered records")
                .define(MAX_BUFFERED_BYTES, Type.LONG, 128L << 20, Range.atLeast(1L << 20), Importance.MEDIUM,
                        "Commit early once a task holds about this many bytes of uncommitted records (estimated "
                                + "from the records), which bounds the memory open writers use.",
                        GROUP, 3, Width.SHORT, "Max buffered bytes")
                .define(TIMEOUT_MS, Type.LONG, 300_000L, Range.atLeast(1_000L), Importance.LOW,
                        "How long commits may keep failing (catalog or storage unreachable) before the task fails.",
                        GROUP, 4, Width.SHORT, "Commit timeout (ms)")
                .define(RETRY_BACKOFF_MS, Type.LONG, 1_000L, Range.atLeast(10L), Importance.LOW,
                        "Wait before retrying a failed catalog or storage operation; doubles up to 30 s.",
                        GROUP, 5, Width.SHORT, "Retry backoff (ms)")
                .define(OFFSETS_ID, Type.STRING, null, Importance.LOW,
                        "Identity under which Kafka offsets are stored in each table's snapshots; defaults to the "
                                + "connector name. Set it to the old name when renaming a connector, so the new one "
                                + "resumes where the old one stopped.",
                        GROUP, 6, Width.MEDIUM, "Offsets id")
                .define(TARGET_FILE_SIZE, Type.LONG, 128L << 20, Range.atLeast(1L << 20), Importance.LOW,
                        "Data files roll over at about this size.",
                        GROUP, 7, Width.SHORT, "Target file size")
                .define(MAX_OPEN_FILES, Type.INT, 100, Range.atLeast(1), Importance.LOW,
                        "Most partitions of one table a task keeps a data file open for. Each open Parquet file "
                                + "buffers a row group in memory; past this the open files are closed early (smaller "
                                + "files, bounded memory).",
                        GROUP, 8, Width.SHORT, "Max open files")
                .define(ENCODE_THREAD, Type.BOOLEAN, true, Importance.LOW,
                        "Encode append-mode records into Parquet on a thread of each task's own, while the task "
                                + "thread reads and converts the next records (at most 8 chunks of 256 records "
                                + "wait for it). false: encode on the task thread. Upsert and snapshot-replace "
                                + "tables always encode on the task thread.",
                        GROUP, 9, Width.SHORT, "Encode on a thread of its own");
    }

    public Duration interval() {
        return Duration.ofMillis(config.getLong(INTERVAL_MS));
    }

    public long maxBufferedRecords() {
        return config.getLong(MAX_BUFFERED_RECORDS);
    }

    public long maxBufferedBytes() {
        return config.getLong(MAX_BUFFERED_BYTES);
    }

    public Duration timeout() {
        return Duration.ofMillis(config.getLong(TIMEOUT_MS));
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(config.getLong(RETRY_BACKOFF_MS));
    }

    /** The key offsets are stored under: the configured id, else the connector name. */
    public String offsetsId() {
        String id = config.getString(OFFSETS_ID);
        return id == null || id.isBlank() ? connectorName : id;
    }

    public long targetFileSizeBytes() {
        return config.getLong(TARGET_FILE_SIZE);
    }

    public int maxOpenFiles() {
        return config.getInt(MAX_OPEN_FILES);
    }

    public boolean encodeOnThread() {
        return config.getBoolean(ENCODE_THREAD);
    }
}
