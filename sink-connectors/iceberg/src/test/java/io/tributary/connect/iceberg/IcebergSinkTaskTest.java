package io.tributary.connect.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task alone, on a real JDBC catalog: offsets reported to the consumer group never pass a record some
 * table has not committed, and a replay writes nothing twice.
 */
class IcebergSinkTaskTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);

    @TempDir
    Path dir;

    private final List<IcebergSinkTask> started = new ArrayList<>();

    @AfterEach
    void stopTasks() {
        started.forEach(IcebergSinkTask::stop);
    }

    /** Commits come only from the buffered-records threshold or close(): no timing in these tests. */
    private static final long NEVER = 3_600_000L;

    private Map<String, String> config(long commitIntervalMs) {
        Map<String, String> config = new HashMap<>();
        config.put("name", "orders-sink");
        config.put("iceberg.catalog.type", "jdbc");
        config.put("iceberg.catalog.uri", "jdbc:sqlite:" + dir.resolve("catalog.db"));
        config.put("iceberg.catalog.warehouse", "file:" + dir.resolve("warehouse"));
        config.put("iceberg.tables.route", "field");
        config.put("iceberg.tables.route.field", "target");
        config.put("iceberg.commit.interval.ms", Long.toString(commitIntervalMs));
        config.put("iceberg.commit.max-buffered-records", "5");
        return config;
    }

    private IcebergSinkTask task(RecordingSinkContext context, long commitIntervalMs) {
        IcebergSinkTask task = new IcebergSinkTask();
        task.initialize(context);
        task.start(config(commitIntervalMs));
        started.add(task);
        context.assignment.add(P0);
        task.open(Set.of(P0));
        return task;
    }

    private static SinkRecord record(long offset, String table) {
        Map<String, Object> value = new HashMap<>();
        value.put("order_id", offset);
        value.put("target", table);
        return new SinkRecord("orders", 0, null, null, null, value, offset, 1_700_000_000_000L + offset, null);
    }

    private static List<SinkRecord> records(long from, long to, String table) {
        List<SinkRecord> records = new ArrayList<>();
        for (long offset = from; offset < to; offset++) {
            records.add(record(offset, table));
        }
        return records;
    }

    private List<Long> orderIds(String table) {
        Catalog catalog = CatalogUtil.buildIcebergCatalog("tributary", Map.of("type", "jdbc",
                "uri", "jdbc:sqlite:" + dir.resolve("catalog.db"), "warehouse", "file:" + dir.resolve("warehouse"),
                "jdbc.schema-version", "V1"), new Configuration());
        try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(TableIdentifier.parse(table)))
                .build()) {
            List<Long> ids = new ArrayList<>();
            rows.forEach(row -> ids.add((Long) row.getField("order_id")));
            return ids.stream().sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> consumed(long offset) {
        return Map.of(P0, new OffsetAndMetadata(offset));
    }

    @Test
    void theGroupOffsetNeverPassesARecordAnotherTableHasNotCommitted() {
        IcebergSinkTask task = task(new RecordingSinkContext(), NEVER);

        task.put(records(0, 5, "shop.a"));  // five buffered records: committed at the end of put
        assertThat(task.preCommit(consumed(5))).containsEntry(P0, new OffsetAndMetadata(5));

        task.put(records(5, 9, "shop.b"));
        assertThat(task.preCommit(consumed(9))).as("shop.b holds 5..8 uncommitted")
                .containsEntry(P0, new OffsetAndMetadata(5));

        task.put(records(9, 10, "shop.b"));
        assertThat(task.preCommit(consumed(10))).containsEntry(P0, new OffsetAndMetadata(10));
        assertThat(orderIds("shop.a")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(orderIds("shop.b")).containsExactly(5L, 6L, 7L, 8L, 9L);
    }

    /**
     * After a crash that lost the consumer group's offsets, the whole partition is delivered again, its records
     * routed to two tables: each table's stored offset filters what it already holds.
     */
    @Test
    void aReplayAcrossSeveralTablesWritesNothingTwice() {
        IcebergSinkTask first = task(new RecordingSinkContext(), NEVER);
        List<SinkRecord> batch = new ArrayList<>(records(0, 4, "shop.a"));
        batch.addAll(records(4, 8, "shop.b"));
        first.put(batch);
        first.close(Set.of(P0));  // commits both tables
        first.stop();

        RecordingSinkContext context = new RecordingSinkContext();
        IcebergSinkTask second = task(context, NEVER);
        assertThat(context.seeks).as("dynamic routing resumes from the group offset").isEmpty();
        List<SinkRecord> replay = new ArrayList<>(batch);
        replay.addAll(records(8, 10, "shop.a"));
        second.put(replay);
        second.close(Set.of(P0));

        assertThat(orderIds("shop.a")).containsExactly(0L, 1L, 2L, 3L, 8L, 9L);
        assertThat(orderIds("shop.b")).containsExactly(4L, 5L, 6L, 7L);
    }

    /**
     * A zombie: task A still holds records of a partition that was reassigned to B. B commits first; A's late
     * commit is fenced and nothing is written twice.
     */
    @Test
    void aTaskThatLostItsPartitionCannotCommitAfterwards() {
        IcebergSinkTask zombie = task(new RecordingSinkContext(), NEVER);
        zombie.put(records(0, 4, "shop.a"));  // pending, below the commit threshold

        IcebergSinkTask owner = task(new RecordingSinkContext(), NEVER);
        owner.put(records(0, 5, "shop.a"));   // five records: committed
        zombie.close(Set.of(P0));             // its commit is fenced

        assertThat(orderIds("shop.a")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(owner.preCommit(consumed(5))).containsEntry(P0, new OffsetAndMetadata(5));
    }

    /**
     * Without new records the worker's poll waits until its next offset flush (a minute by default): with
     * records pending, the task bounds that wait by the time left until its commit is due, and asks nothing
     * once nothing is pending.
     */
    @Test
    void pendingRecordsBoundTheWorkersNextPollByTheTimeLeftUntilTheCommit() {
        RecordingSinkContext context = new RecordingSinkContext();
        long interval = 60_000;
        IcebergSinkTask task = task(context, interval);
        task.put(List.of());
        assertThat(context.takeTimeout()).as("nothing pending, no commit to wake up for").isEqualTo(-1);

        task.put(records(0, 2, "shop.a"));
        assertThat(context.takeTimeout()).as("the rest of the interval").isBetween(1L, interval);
        task.put(List.of());
        assertThat(context.takeTimeout()).as("asked again on every call: the worker forgets it after a poll")
                .isBetween(1L, interval);
        task.preCommit(consumed(2));
        assertThat(context.takeTimeout()).isBetween(1L, interval);

        task.put(records(2, 5, "shop.a"));  // five buffered records: committed at the end of put
        assertThat(orderIds("shop.a")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(context.takeTimeout()).as("nothing pending after the commit").isEqualTo(-1);
    }

    @Test
    void staticRoutingResumesWhereTheTablesStopped() {
        Map<String, String> config = config(NEVER);
        config.put("iceberg.tables.route", "static");
        config.put("iceberg.tables", "shop.a, shop.b");
        config.remove("iceberg.tables.route.field");
        IcebergSinkTask first = new IcebergSinkTask();
        first.initialize(new RecordingSinkContext());
        first.start(config);
        started.add(first);
        first.open(Set.of(P0));
        first.put(records(0, 6, "ignored"));
        first.close(Set.of(P0));
        first.stop();

        RecordingSinkContext context = new RecordingSinkContext();
        IcebergSinkTask second = new IcebergSinkTask();
        second.initialize(context);
        second.start(config);
        started.add(second);
        second.open(Set.of(P0));

        assertThat(context.seeks).as("one record before the tables' offset, so that Connect commits it")
                .containsEntry(P0, 5L);
        second.put(records(5, 8, "ignored"));  // from the seek: 5 again, then two new records
        assertThat(second.preCommit(consumed(8))).as("the re-read record is not pending")
                .containsEntry(P0, new OffsetAndMetadata(6));
        second.close(Set.of(P0));
        assertThat(orderIds("shop.a")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(orderIds("shop.b")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }
}
