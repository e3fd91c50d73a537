package io.tributary.connect.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.iceberg.commit.OffsetLedger;
import io.tributary.connect.iceberg.maintain.Compaction;
import io.tributary.connect.iceberg.maintain.TableMaintenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance on tables the sink wrote, on a real SQLite JDBC catalog and local warehouse: compaction keeps
 * exactly the rows (deletes applied), expiry keeps the sink's offsets, orphan removal deletes only old
 * unreferenced files, and maintenance running while the sink commits loses and duplicates nothing.
 */
class TableMaintenanceTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TableIdentifier TABLE = TableIdentifier.parse("shop.orders");

    @TempDir
    Path dir;

    private long nextOffset;
    private TaskHarness harness;

    @BeforeEach
    void harness() {
        harness = new TaskHarness(dir);
    }

    @AfterEach
    void stopTasks() {
        harness.close();
    }

    private Map<String, String> config(String mode) {
        Map<String, String> config = harness.config("orders-sink", TABLE.toString());
        config.put("iceberg.tables.partition-by", "region");
        config.put("iceberg.tables.write-mode", mode);
        if (mode.equals("upsert")) {
            config.put("iceberg.tables.id-columns", "id, region");
        }
        return config;
    }

    private IcebergSinkTask task(Map<String, String> config) {
        return harness.start(config, P0);
    }

    /** Writes one commit of {@code ids}, each with {@code version}. */
    private void commit(IcebergSinkTask task, long fromId, long toId, int version) {
        List<SinkRecord> batch = new ArrayList<>();
        for (long id = fromId; id < toId; id++) {
            Map<String, Object> value = new HashMap<>();
            value.put("id", id);
            value.put("region", id % 2 == 0 ? "eu" : "us");
            value.put("version", (long) version);
            batch.add(new SinkRecord("orders", 0, null, null, null, value, nextOffset++));
        }
        task.put(batch);
        task.close(Set.of(P0));
        task.open(Set.of(P0));
    }

    private Catalog catalog() {
        return harness.catalog();
    }

    /** id → version as a reader sees the table; fails on a second row with the same id. */
    private static Map<Long, Long> rows(Table table) {
        Map<Long, Long> byId = new TreeMap<>();
        for (Record row : TaskHarness.rows(table)) {
            assertThat(byId.put((Long) row.getField("id"), (Long) row.getField("version")))
                    .as("a second row with id %s", row.getField("id")).isNull();
        }
        return byId;
    }

    private static int dataFiles(Table table) {
        table.refresh();
        int files = 0;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask ignored : tasks) {
                files++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static TableMaintenance maintenance(Duration snapshotMaxAge, Duration orphanAge) {
        return new TableMaintenance(new TableMaintenance.Settings(snapshotMaxAge, 1, orphanAge, 3, 128L << 20, 2));
    }

    @Test
    void compactionRewritesSmallFilesIntoOnePerPartitionKeepingEveryRow() {
        IcebergSinkTask task = task(config("append"));
        for (int round = 0; round < 12; round++) {
            commit(task, round * 10L, round * 10L + 10, round);
        }
        Table table = catalog().loadTable(TABLE);
        Map<Long, Long> before = rows(table);
        Map<TopicPartition, Long> offsets = new OffsetLedger("orders-sink").read(table);
        assertThat(dataFiles(table)).isEqualTo(24);

        TableMaintenance.Report report = maintenance(Duration.ZERO, Duration.ofDays(1)).run(table);

        assertThat(report.partitionsCompacted()).isEqualTo(2);
        assertThat(dataFiles(table)).isEqualTo(2);
        assertThat(rows(table)).hasSize(120).isEqualTo(before);
        assertThat(report.snapshotsExpired()).as("old snapshots expired").isPositive();
        assertThat(new OffsetLedger("orders-sink").read(table)).as("the sink's offsets survive expiry")
                .isEqualTo(offsets);
        commit(task, 1000, 1002, 99);  // the sink goes on where it was
        assertThat(rows(table)).hasSize(122);
    }

    @Test
    void compactionOfAnUpsertTableKeepsOneRowPerIdAndLaterUpsertsStillReplaceRows() {
        IcebergSinkTask task = task(config("upsert"));
        for (int round = 0; round < 6; round++) {
            commit(task, 0, 20, round);  // 6 versions of 20 ids: equality deletes across commits
        }
        Table table = catalog().loadTable(TABLE);
        table.refresh();
        assertThat(table.currentSnapshot().summary().get("total-delete-files")).isNotEqualTo("0");
        maintenance(Duration.ofDays(1), Duration.ofDays(1)).run(table);
        assertThat(rows(table)).hasSize(20).allSatisfy((id, version) -> assertThat(version).isEqualTo(5L));
        assertThat(table.currentSnapshot().summary()).as("the deletes applied by the rewrite are gone")
                .containsEntry("total-delete-files", "0");

        commit(task, 0, 5, 6);
        Map<Long, Long> after = rows(table);
        assertThat(after).hasSize(20);
        for (long id = 0; id < 20; id++) {
            assertThat(after.get(id)).as("id %s", id).isEqualTo(id < 5 ? 6L : 5L);
        }
    }

    @Test
    void orphanRemovalDeletesOnlyOldFilesNoSnapshotReferences() throws IOException {
        IcebergSinkTask task = task(config("append"));
        commit(task, 0, 10, 0);
        Table table = catalog().loadTable(TABLE);
        Path data = Path.of(table.location().replaceFirst("^file:", "")).resolve("data");
        Path oldOrphan = Files.writeString(data.resolve("crashed-writer.parquet"), "left behind");
        Files.setLastModifiedTime(oldOrphan, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L));
        Path freshOrphan = Files.writeString(data.resolve("still-being-committed.parquet"), "in flight");

        TableMaintenance.Report report = maintenance(Duration.ofDays(1), Duration.ofMinutes(30)).run(table);

        assertThat(report.orphansDeleted()).isEqualTo(1);
        assertThat(oldOrphan).doesNotExist();
        assertThat(freshOrphan).exists();
        assertThat(rows(table)).hasSize(10);
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.filter(file -> file.toString().endsWith(".parquet")).count())
                    .as("the two data files and the fresh orphan")
                    .isEqualTo(3);
        }
    }

    /**
     * The race compaction must survive, made deterministic: the sink upserts every id after the compaction read
     * the partitions and before it commits. The rewritten rows must not bring the replaced versions back.
     */
    @Test
    void anUpsertCommittedBetweenCompactionsReadAndItsCommitStillApplies() {
        IcebergSinkTask task = task(config("upsert"));
        for (int round = 0; round < 4; round++) {
            commit(task, 0, 20, round);
        }
        List<Compaction.PartitionRewrite> prepared = Compaction.prepare(catalog().loadTable(TABLE), 128L << 20, 3);
        List<Compaction.PartitionRewrite> competing = Compaction.prepare(catalog().loadTable(TABLE), 128L << 20, 3);
        assertThat(prepared).hasSize(2);

        commit(task, 0, 20, 9);
        prepared.forEach(rewrite -> assertThat(rewrite.commit(catalog().loadTable(TABLE))).isTrue());
        assertThat(rows(catalog().loadTable(TABLE))).hasSize(20)
                .allSatisfy((id, version) -> assertThat(version).isEqualTo(9L));

        // A second compaction of the same files, prepared before the first committed, gives way.
        competing.forEach(rewrite -> assertThat(rewrite.commit(catalog().loadTable(TABLE))).isFalse());
        assertThat(rows(catalog().loadTable(TABLE))).hasSize(20)
                .allSatisfy((id, version) -> assertThat(version).isEqualTo(9L));
    }

    /** Maintenance in a thread of its own while the sink keeps upserting: nothing lost, nothing twice. */
    @Test
    void maintenanceDuringALiveStreamLosesAndDuplicatesNothing() throws Exception {
        IcebergSinkTask task = task(config("upsert"));
        commit(task, 0, 40, 0);
        AtomicBoolean streaming = new AtomicBoolean(true);
        AtomicInteger runs = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        Thread maintainer = new Thread(() -> {
            Table table = catalog().loadTable(TABLE);
            TableMaintenance maintenance = maintenance(Duration.ZERO, Duration.ofDays(1));
            while (streaming.get()) {
                try {
                    maintenance.run(table);
                    runs.incrementAndGet();
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }
        });
        maintainer.start();
        for (int round = 1; round <= 30; round++) {
            commit(task, round % 3 * 10L, round % 3 * 10L + 20, round);  // overlapping ids, ever newer versions
        }
        streaming.set(false);
        maintainer.join();
        maintenance(Duration.ZERO, Duration.ofDays(1)).run(catalog().loadTable(TABLE));

        Map<Long, Long> latest = new TreeMap<>();
        for (long id = 0; id < 40; id++) {
            latest.put(id, 0L);
        }
        for (int round = 1; round <= 30; round++) {
            for (long id = round % 3 * 10L; id < round % 3 * 10L + 20; id++) {
                latest.put(id, (long) round);
            }
        }
        assertThat(failures).as("maintenance gives way to the sink's commits, it does not fail").isEmpty();
        assertThat(runs.get()).as("maintenance ran meanwhile").isPositive();
        assertThat(rows(catalog().loadTable(TABLE))).isEqualTo(latest);
    }
}
