package io.tributary.connect.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.iceberg.commit.SnapshotPublisher;
import io.tributary.connect.smt.boundary.SnapshotBoundary;
import io.tributary.connect.smt.boundary.SnapshotRef;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot-replace mode, the task alone on a real SQLite JDBC catalog, fed records shaped as the JDBC source
 * writes them (snapshot headers, rows spread over two partitions, an end marker per partition): the main
 * branch shows the previous complete snapshot until every partition of the next has ended, then exactly it.
 */
class SnapshotReplaceTaskTest {

    private static final String TOPIC = "shop.orders";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    @TempDir
    Path dir;

    private final Map<TopicPartition, Long> nextOffset = new HashMap<>();
    private Instant clock = Instant.parse("2026-12-01T02:00:00Z");
    private TaskHarness harness;

    @BeforeEach
    void harness() {
        harness = new TaskHarness(dir);
    }

    @AfterEach
    void stopTasks() {
        harness.close();
    }

    private Map<String, String> config() {
        Map<String, String> config = harness.config("orders-sink", "lake.orders");
        config.put("iceberg.tables.write-mode", "snapshot-replace");
        return config;
    }

    private IcebergSinkTask task(Map<String, String> config, TopicPartition... partitions) {
        return harness.start(config, partitions);
    }

    /** A snapshot of the source table: rows by id, spread by id parity over the two partitions. */
    private final class SourceSnapshot {
        final SnapshotRef ref;
        final long[] rowsPerPartition = new long[2];

        SourceSnapshot() {
            clock = clock.plusSeconds(86_400);
            ref = SnapshotRef.start("public.orders", clock, null);
        }

        SinkRecord row(long id, String status) {
            TopicPartition partition = id % 2 == 0 ? P0 : P1;
            rowsPerPartition[partition.partition()]++;
            Map<String, Object> value = new HashMap<>();
            value.put("id", id);
            value.put("status", status);
            value.put("region", id < 100 ? "eu" : "us");
            return new SinkRecord(TOPIC, partition.partition(), null, null, null, value, next(partition), null, null,
                    SnapshotBoundary.stamp(new ConnectHeaders(), ref));
        }

        List<SinkRecord> rows(long from, long to, String status) {
            List<SinkRecord> rows = new ArrayList<>();
            for (long id = from; id < to; id++) {
                rows.add(row(id, status));
            }
            return rows;
        }

        /** {@code rows} (of this snapshot, already counted) followed by the end marker of each partition. */
        List<SinkRecord> withMarkers(List<SinkRecord> rows) {
            List<SinkRecord> all = new ArrayList<>(rows);
            all.add(marker(P0));
            all.add(marker(P1));
            return all;
        }

        SinkRecord marker(TopicPartition partition) {
            long total = rowsPerPartition[0] + rowsPerPartition[1];
            return new SinkRecord(TOPIC, partition.partition(), null, null, null, null, next(partition), null, null,
                    SnapshotBoundary.markerHeaders(new SnapshotBoundary.Marker(ref,
                            rowsPerPartition[partition.partition()], 2, total)));
        }
    }

    private long next(TopicPartition partition) {
        long offset = nextOffset.getOrDefault(partition, 0L);
        nextOffset.put(partition, offset + 1);
        return offset;
    }

    private Table table() {
        return harness.table("lake.orders");
    }

    /** The main branch as a reader sees it: id → status; fails on a duplicate id. */
    private Map<Long, String> rows() {
        if (!harness.exists("lake.orders")) {
            return Map.of();
        }
        Map<Long, String> byId = new TreeMap<>();
        for (Record row : harness.rows("lake.orders")) {
            assertThat(byId.put((Long) row.getField("id"), (String) row.getField("status")))
                    .as("a second row with id %s", row.getField("id")).isNull();
        }
        return byId;
    }

    private int stagedFiles() throws IOException {
        Table table = table();
        String branch = SnapshotPublisher.stageBranch("orders-sink");
        if (table.snapshot(branch) == null) {
            return 0;
        }
        int files = 0;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useRef(branch).planFiles()) {
            for (FileScanTask ignored : tasks) {
                files++;
            }
        }
        return files;
    }

    private static Map<Long, String> expected(long from, long to, String status) {
        Map<Long, String> rows = new TreeMap<>();
        for (long id = from; id < to; id++) {
            rows.put(id, status);
        }
        return rows;
    }

    @Test
    void aSnapshotIsVisibleOnlyOnceEveryPartitionEndedThenTheNextReplacesIt() throws IOException {
        IcebergSinkTask task = task(config(), P0, P1);
        SourceSnapshot first = new SourceSnapshot();
        task.put(first.rows(0, 10, "new"));
        task.close(Set.of(P0, P1));  // commits the staged rows
        task.open(Set.of(P0, P1));
        assertThat(rows()).as("nothing published before the end markers").isEmpty();

        task.put(List.of(first.marker(P0), first.marker(P1)));
        task.close(Set.of(P0, P1));
        task.open(Set.of(P0, P1));
        assertThat(rows()).isEqualTo(expected(0, 10, "new"));
        assertThat(stagedFiles()).as("published files leave the stage").isZero();

        SourceSnapshot second = new SourceSnapshot();  // ids 0 and 1 deleted at the source, 10..11 added
        task.put(second.rows(2, 12, "paid"));
        task.put(List.of(second.marker(P0)));
        task.close(Set.of(P0, P1));
        task.open(Set.of(P0, P1));
        assertThat(rows()).as("partition 1 has not ended: still the first snapshot").isEqualTo(expected(0, 10, "new"));

        task.put(List.of(second.marker(P1)));
        task.close(Set.of(P0, P1));
        assertThat(rows()).isEqualTo(expected(2, 12, "paid"));
        Table table = table();
        assertThat(table.currentSnapshot().summary())
                .containsKey(SnapshotPublisher.PUBLISHED_PREFIX + "orders-sink");
    }

    @Test
    void redeliveringAPublishedSnapshotChangesNothing() {
        IcebergSinkTask task = task(config(), P0, P1);
        SourceSnapshot snapshot = new SourceSnapshot();
        List<SinkRecord> all = snapshot.withMarkers(snapshot.rows(0, 6, "new"));
        task.put(all);
        task.close(Set.of(P0, P1));
        long published = table().currentSnapshot().snapshotId();
        task.stop();

        // Another connector name (fresh offsets) reading the topic from the start: the table says it is done.
        IcebergSinkTask again = task(config(), P0, P1);
        again.put(all);
        again.close(Set.of(P0, P1));
        assertThat(rows()).isEqualTo(expected(0, 6, "new"));
        assertThat(table().currentSnapshot().snapshotId()).as("no second publish").isEqualTo(published);
    }

    @Test
    void tasksOwningDifferentPartitionsPublishTogetherOnlyWhenBothEnded() {
        IcebergSinkTask zero = task(config(), P0);
        IcebergSinkTask one = task(config(), P1);
        SourceSnapshot snapshot = new SourceSnapshot();
        List<SinkRecord> rows = snapshot.rows(0, 8, "new");
        zero.put(rows.stream().filter(r -> r.kafkaPartition() == 0).toList());
        one.put(rows.stream().filter(r -> r.kafkaPartition() == 1).toList());
        zero.put(List.of(snapshot.marker(P0)));
        zero.close(Set.of(P0));
        assertThat(rows()).as("partition 1 is still open").isEmpty();

        one.put(List.of(snapshot.marker(P1)));
        one.close(Set.of(P1));
        assertThat(rows()).isEqualTo(expected(0, 8, "new"));
    }

    @Test
    void aCrashMidSnapshotKeepsThePreviousOneAndTheResumedSnapshotCompletesExactly() {
        IcebergSinkTask task = task(config(), P0, P1);
        SourceSnapshot first = new SourceSnapshot();
        List<SinkRecord> all = first.withMarkers(first.rows(0, 4, "old"));
        task.put(all);
        task.close(Set.of(P0, P1));
        task.open(Set.of(P0, P1));

        SourceSnapshot second = new SourceSnapshot();
        List<SinkRecord> part = second.rows(0, 20, "new");
        task.put(part.subList(0, 10));
        task.close(Set.of(P0, P1));        // the first half is staged and committed
        task.open(Set.of(P0, P1));
        task.put(part.subList(10, 15));    // ... then the task dies with these uncommitted
        task.stop();
        assertThat(rows()).isEqualTo(expected(0, 4, "old"));

        IcebergSinkTask resumed = task(config(), P0, P1);
        List<SinkRecord> redelivered = second.withMarkers(part.subList(10, 20));  // from the group's offsets
        resumed.put(redelivered);
        resumed.close(Set.of(P0, P1));
        assertThat(rows()).isEqualTo(expected(0, 20, "new"));
    }

    @Test
    void aSnapshotWithMissingRowsIsNeverPublished() {
        IcebergSinkTask task = task(config(), P0, P1);
        SourceSnapshot first = new SourceSnapshot();
        List<SinkRecord> all = first.withMarkers(first.rows(0, 4, "old"));
        task.put(all);
        task.close(Set.of(P0, P1));
        task.open(Set.of(P0, P1));

        SourceSnapshot second = new SourceSnapshot();
        List<SinkRecord> rows = second.rows(0, 10, "lost");
        List<SinkRecord> arrived = second.withMarkers(rows.subList(0, 7));  // three rows never arrive
        task.put(arrived);
        task.close(Set.of(P0, P1));
        assertThat(rows()).isEqualTo(expected(0, 4, "old"));
    }

    @Test
    void partitionScopeReplacesOnlyThePartitionsTheSnapshotHasRowsIn() {
        Map<String, String> config = config();
        config.put("iceberg.tables.snapshot-replace.scope", "partitions");
        config.put("iceberg.tables.partition-by", "region");
        IcebergSinkTask task = task(config, P0, P1);
        SourceSnapshot first = new SourceSnapshot();
        List<SinkRecord> all = first.withMarkers(first.rows(98, 102, "old"));  // 98, 99 in eu; 100, 101 in us
        task.put(all);
        task.close(Set.of(P0, P1));
        task.open(Set.of(P0, P1));

        SourceSnapshot second = new SourceSnapshot();
        List<SinkRecord> usOnly = second.withMarkers(second.rows(100, 101, "new"));
        task.put(usOnly);
        task.close(Set.of(P0, P1));

        assertThat(rows()).containsExactly(Map.entry(98L, "old"), Map.entry(99L, "old"), Map.entry(100L, "new"));
    }
}
