package io.tributary.connect.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.TopicPartition;

/**
 * Sink tasks on a real SQLite JDBC catalog and a local warehouse in one folder, for tests of the task alone,
 * and a reader of what they committed (Iceberg's generic reader, which applies row-level deletes).
 */
final class TaskHarness implements AutoCloseable {

    /** A commit interval no test waits out: commits come from close(), thresholds or the test itself. */
    static final long NEVER = 3_600_000L;

    private final Path dir;
    private final List<IcebergSinkTask> started = new ArrayList<>();

    TaskHarness(Path dir) {
        this.dir = dir;
    }

    /**
     * A config writing every record to {@code table}, committing only on close() or when a test lowers the
     * thresholds, with maintenance off (tests run it themselves).
     */
    Map<String, String> config(String connector, String table) {
        Map<String, String> config = new HashMap<>();
        config.put("name", connector);
        config.put("iceberg.catalog.type", "jdbc");
        config.put("iceberg.catalog.uri", "jdbc:sqlite:" + dir.resolve("catalog.db"));
        config.put("iceberg.catalog.warehouse", "file:" + dir.resolve("warehouse"));
        config.put("iceberg.tables", table);
        config.put("iceberg.commit.interval.ms", Long.toString(NEVER));
        config.put("iceberg.commit.max-buffered-records", "1000000");
        config.put("iceberg.maintenance.enabled", "false");
        return config;
    }

    /** A started task with {@code partitions} assigned; stopped by {@link #close}. */
    IcebergSinkTask start(Map<String, String> config, TopicPartition... partitions) {
        return start(config, new RecordingSinkContext(), partitions);
    }

    IcebergSinkTask start(Map<String, String> config, RecordingSinkContext context, TopicPartition... partitions) {
        IcebergSinkTask task = new IcebergSinkTask();
        task.initialize(context);
        task.start(config);
        started.add(task);
        context.assignment.addAll(List.of(partitions));
        task.open(Set.of(partitions));
        return task;
    }

    /** A catalog client of this test's own, as a query engine would have. */
    Catalog catalog() {
        return CatalogUtil.buildIcebergCatalog("tributary", Map.of("type", "jdbc",
                "uri", "jdbc:sqlite:" + dir.resolve("catalog.db"), "warehouse", "file:" + dir.resolve("warehouse"),
                "jdbc.schema-version", "V1"), new Configuration());
    }

    Table table(String name) {
        return catalog().loadTable(TableIdentifier.parse(name));
    }

    boolean exists(String name) {
        return catalog().tableExists(TableIdentifier.parse(name));
    }

    /** Every row of the table's current snapshot, deletes applied. */
    static List<Record> rows(Table table) {
        table.refresh();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            List<Record> all = new ArrayList<>();
            rows.forEach(all::add);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Record> rows(String table) {
        return rows(table(table));
    }

    @Override
    public void close() {
        started.forEach(IcebergSinkTask::stop);
    }
}
