package io.tributary.connect.iceberg.config;

import io.tributary.connect.iceberg.maintain.TableMaintenance;
import io.tributary.connect.smt.config.ConfigProblem;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Table maintenance the sink runs in the background: compaction, manifest rewrites, expiry, orphan removal. */
public final class MaintenanceSettings {

    public static final String ENABLED = "iceberg.maintenance.enabled";
    public static final String INTERVAL_MS = "iceberg.maintenance.interval.ms";
    public static final String SNAPSHOT_MAX_AGE_MS = "iceberg.maintenance.snapshot-max-age.ms";
    public static final String RETAIN_LAST = "iceberg.maintenance.retain-last";
    public static final String ORPHAN_AGE_MS = "iceberg.maintenance.orphan-age.ms";
    public static final String COMPACT_MIN_FILES = "iceberg.maintenance.compact.min-files";
    public static final String MANIFESTS_BEFORE_REWRITE = "iceberg.maintenance.manifests-before-rewrite";

    private static final String GROUP = "Maintenance";
    private static final long MINUTE = 60_000L;

    private final AbstractConfig config;

    public MaintenanceSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Maintain the tables this connector writes, in the background: compact partitions of "
                                + "many small files, rewrite small manifests, expire old snapshots and remove orphan "
                                + "files. Each table is maintained by one task of the connector. Turn it off when "
                                + "another engine (Spark, a catalog service) maintains the tables.",
                        GROUP, 1, Width.SHORT, "Maintain tables")
                .define(INTERVAL_MS, Type.LONG, 10 * MINUTE, Range.atLeast(1_000L), Importance.LOW,
                        "Time between maintenance runs of a table.",
                        GROUP, 2, Width.SHORT, "Maintenance interval (ms)")
                .define(SNAPSHOT_MAX_AGE_MS, Type.LONG, 24 * 60 * MINUTE, Range.atLeast(MINUTE), Importance.LOW,
                        "Snapshots older than this are expired (time travel reaches back this far), except the "
                                + "newest snapshot of each branch that carries a sink's offsets.",
                        GROUP, 3, Width.SHORT, "Snapshot max age (ms)")
                .define(RETAIN_LAST, Type.INT, 10, Range.atLeast(1), Importance.LOW,
                        "Snapshots of the main branch kept however old.",
                        GROUP, 4, Width.SHORT, "Snapshots kept")
                .define(ORPHAN_AGE_MS, Type.LONG, 24 * 60 * MINUTE, Range.atLeast(MINUTE), Importance.LOW,
                        "Data files no snapshot references are deleted once this old: files of crashed or fenced "
                                + "writers. Must exceed the longest time a file waits for its commit ("
                                + CommitSettings.INTERVAL_MS + " plus " + CommitSettings.TIMEOUT_MS + "), and the "
                                + "time other writers of the table take to commit theirs.",
                        GROUP, 5, Width.SHORT, "Orphan age (ms)")
                .define(COMPACT_MIN_FILES, Type.INT, 10, Range.atLeast(2), Importance.LOW,
                        "A partition is compacted once it holds this many data files smaller than three quarters "
                                + "of " + CommitSettings.TARGET_FILE_SIZE + ".",
                        GROUP, 6, Width.SHORT, "Compact after files")
                .define(MANIFESTS_BEFORE_REWRITE, Type.INT, 100, Range.atLeast(2), Importance.LOW,
                        "Manifests are rewritten once the current snapshot has this many data manifests.",
                        GROUP, 7, Width.SHORT, "Manifests before rewrite");
    }

    public boolean enabled() {
        return config.getBoolean(ENABLED);
    }

    public Duration interval() {
        return Duration.ofMillis(config.getLong(INTERVAL_MS));
    }

    public TableMaintenance.Settings settings(long targetFileSize) {
        return new TableMaintenance.Settings(Duration.ofMillis(config.getLong(SNAPSHOT_MAX_AGE_MS)),
                config.getInt(RETAIN_LAST), Duration.ofMillis(config.getLong(ORPHAN_AGE_MS)),
                config.getInt(COMPACT_MIN_FILES), targetFileSize, config.getInt(MANIFESTS_BEFORE_REWRITE));
    }

    static void problems(Function<String, String> values, List<ConfigProblem> problems) {
        long orphanAge = longOr(values.apply(ORPHAN_AGE_MS), 24 * 60 * MINUTE);
        long waits = longOr(values.apply(CommitSettings.INTERVAL_MS), 10_000L)
                + longOr(values.apply(CommitSettings.TIMEOUT_MS), 300_000L);
        if (orphanAge <= waits) {
            problems.add(new ConfigProblem(ORPHAN_AGE_MS, ORPHAN_AGE_MS + " (" + orphanAge + ") must exceed "
                    + CommitSettings.INTERVAL_MS + " plus " + CommitSettings.TIMEOUT_MS + " (" + waits + "), or "
                    + "orphan removal could delete a file that is still waiting for its commit"));
        }
    }

    private static long longOr(String value, long fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;  // reported on its own key
        }
    }
}
