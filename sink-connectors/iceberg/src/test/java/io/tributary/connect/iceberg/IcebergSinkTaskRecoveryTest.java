package io.tributary.connect.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task through catalog outages, on other catalog types, and what it reports as metrics. */
class IcebergSinkTaskRecoveryTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);

    @TempDir
    Path dir;

    private final List<IcebergSinkTask> started = new ArrayList<>();

    @AfterEach
    void stopTasks() {
        started.forEach(IcebergSinkTask::stop);
    }

    private Map<String, String> jdbcConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "orders-sink");
        config.put("iceberg.catalog.type", "jdbc");
        config.put("iceberg.catalog.uri", "jdbc:sqlite:" + dir.resolve("catalog.db"));
        config.put("iceberg.catalog.warehouse", "file:" + dir.resolve("warehouse"));
        config.put("iceberg.tables", "shop.orders");
        config.put("iceberg.commit.interval.ms", "3600000");
        config.put("iceberg.commit.max-buffered-records", "5");
        config.put("iceberg.commit.retry.backoff.ms", "10");
        return config;
    }

    private IcebergSinkTask start(Map<String, String> config, RecordingSinkContext context) {
        IcebergSinkTask task = new IcebergSinkTask();
        task.initialize(context);
        task.start(config);
        started.add(task);
        task.open(Set.of(P0));
        return task;
    }

    private static List<SinkRecord> records(long from, long to) {
        List<SinkRecord> records = new ArrayList<>();
        for (long offset = from; offset < to; offset++) {
            records.add(new SinkRecord("orders", 0, null, null, null, Map.of("order_id", offset), offset,
                    1_700_000_000_000L + offset, null));
        }
        return records;
    }

    private List<Long> orderIds(Map<String, String> catalogProperties, String table) {
        Catalog catalog = CatalogUtil.buildIcebergCatalog("tributary", catalogProperties, new Configuration());
        try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(TableIdentifier.parse(table)))
                .build()) {
            List<Long> ids = new ArrayList<>();
            rows.forEach(row -> ids.add((Long) row.getField("order_id")));
            ids.sort(Long::compare);
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> jdbcCatalogProperties() {
        return Map.of("type", "jdbc", "uri", "jdbc:sqlite:" + dir.resolve("catalog.db"),
                "warehouse", "file:" + dir.resolve("warehouse"), "jdbc.schema-version", "V1");
    }

    /**
     * While the catalog is locked by another process every commit fails; the records stay pending, the group
     * offset stays behind them, and once the catalog is back they are committed exactly once.
     */
    @Test
    void aCatalogOutageDelaysCommitsWithoutLosingOrDuplicatingRecords() throws Exception {
        Map<String, String> config = jdbcConfig();
        config.put("iceberg.catalog.properties", "jdbc.busy_timeout=50");
        IcebergSinkTask task = start(config, new RecordingSinkContext());
        task.put(records(0, 5));
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(5)))).containsEntry(P0, new OffsetAndMetadata(5));

        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
                Statement statement = lock.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE TRANSACTION");
            task.put(records(5, 10));  // the commit this triggers fails: the catalog is locked
            assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(10))))
                    .containsEntry(P0, new OffsetAndMetadata(5));
            statement.execute("COMMIT");
        }
        Thread.sleep(100);  // past the retry backoff
        task.put(List.of());

        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(10))))
                .containsEntry(P0, new OffsetAndMetadata(10));
        assertThat(orderIds(jdbcCatalogProperties(), "shop.orders"))
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    /**
     * An upload that fails while data files are closed loses what was written to them. The sink must not commit
     * a snapshot pointing at a file that does not exist: it drops the pending records and rewinds.
     */
    @Test
    void aDataFileThatFailsToUploadIsReadAgainNotCommitted() throws Exception {
        Map<String, String> config = jdbcConfig();
        config.put("iceberg.catalog.io-impl", FailingCloseFileIO.class.getName());
        RecordingSinkContext context = new RecordingSinkContext();
        IcebergSinkTask task = start(config, context);
        FailingCloseFileIO.FAILURES_LEFT.set(1);

        task.put(records(0, 5));  // the commit this triggers cannot finish its data file

        assertThat(context.seeks).containsEntry(P0, 0L);
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(5))))
                .as("the group offset must not pass records that are in no table")
                .containsEntry(P0, new OffsetAndMetadata(0));
        Thread.sleep(100);  // past the retry backoff
        task.put(records(0, 5));  // Connect redelivers from the rewound position
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(5)))).containsEntry(P0, new OffsetAndMetadata(5));
        var table = CatalogUtil.buildIcebergCatalog("tributary", jdbcCatalogProperties(), new Configuration())
                .loadTable(TableIdentifier.parse("shop.orders"));
        try (var files = table.newScan().planFiles()) {
            for (var file : files) {
                assertThat(Path.of(java.net.URI.create(file.file().location()))).exists();
            }
        }
        assertThat(orderIds(jdbcCatalogProperties(), "shop.orders")).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    /**
     * Encoding on the task thread, a data file that fails to upload while records are being written (a roll to
     * another file): the task cannot tell which records are durable, so it stops committing altogether —
     * neither its tables nor the consumer group move — and a restarted task reads the records again.
     */
    @Test
    void aFailedUploadWhileWritingStopsAllCommitsUntilRestart() {
        Map<String, String> config = jdbcConfig();
        config.put("iceberg.write.encode-thread", "false");
        config.put("iceberg.catalog.io-impl", FailingCloseFileIO.class.getName());
        config.put("iceberg.tables.partition-by", "k");
        config.put("iceberg.write.max-open-files", "1");
        config.put("iceberg.commit.max-buffered-records", "100");
        IcebergSinkTask task = start(config, new RecordingSinkContext());
        FailingCloseFileIO.FAILURES_LEFT.set(1);
        List<SinkRecord> records = new ArrayList<>();
        for (long offset = 0; offset < 4; offset++) {
            records.add(new SinkRecord("orders", 0, null, null, null, Map.of("order_id", offset, "k", offset % 2),
                    offset, 1_700_000_000_000L, null));
        }

        assertThatThrownBy(() -> task.put(records)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("restart");
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(4)))).isEmpty();
        task.close(Set.of(P0));

        var table = CatalogUtil.buildIcebergCatalog("tributary", jdbcCatalogProperties(), new Configuration())
                .loadTable(TableIdentifier.parse("shop.orders"));
        assertThat(table.currentSnapshot()).as("nothing committed").isNull();
    }

    /**
     * Encoding on the writer thread, the same failed upload is seen when the task takes the files to commit:
     * nothing is committed, everything pending is dropped and read again, and the records land once.
     */
    @Test
    void aFailedUploadOnTheWriterThreadDropsTheBatchAndTheRecordsAreReadAgain() {
        Map<String, String> config = jdbcConfig();
        config.put("iceberg.catalog.io-impl", FailingCloseFileIO.class.getName());
        config.put("iceberg.tables.partition-by", "k");
        config.put("iceberg.write.max-open-files", "1");
        config.put("iceberg.commit.max-buffered-records", "4");
        RecordingSinkContext context = new RecordingSinkContext();
        IcebergSinkTask task = start(config, context);
        FailingCloseFileIO.FAILURES_LEFT.set(1);
        List<SinkRecord> records = new ArrayList<>();
        for (long offset = 0; offset < 4; offset++) {
            records.add(new SinkRecord("orders", 0, null, null, null, Map.of("order_id", offset, "k", offset % 2),
                    offset, 1_700_000_000_000L, null));
        }

        task.put(records);  // due after 4 records: the commit finds the lost file and drops the batch

        var table = CatalogUtil.buildIcebergCatalog("tributary", jdbcCatalogProperties(), new Configuration())
                .loadTable(TableIdentifier.parse("shop.orders"));
        assertThat(table.currentSnapshot()).as("nothing committed").isNull();
        assertThat(context.seeks).as("rewound to read the batch again").containsEntry(P0, 0L);
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(4)))).as("the group stays below the batch")
                .allSatisfy((partition, offset) -> assertThat(offset.offset()).isZero());

        task.put(records);  // what Connect delivers after the seek
        task.close(Set.of(P0));  // commits now, whatever the backoff after the failed commit says
        assertThat(orderIds(jdbcCatalogProperties(), "shop.orders")).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void recordsOfPartitionsTheTaskDoesNotOwnAreNotWritten() {
        IcebergSinkTask task = start(jdbcConfig(), new RecordingSinkContext());
        List<SinkRecord> records = new ArrayList<>(records(0, 3));
        for (long offset = 0; offset < 5; offset++) {
            records.add(new SinkRecord("orders", 7, null, null, null, Map.of("order_id", 100 + offset), offset));
        }

        task.put(records);
        task.close(Set.of(P0));

        assertThat(orderIds(jdbcCatalogProperties(), "shop.orders")).containsExactly(0L, 1L, 2L);
    }

    @Test
    void writesThroughAHadoopCatalog() {
        Map<String, String> config = jdbcConfig();
        config.put("iceberg.catalog.type", "hadoop");
        config.remove("iceberg.catalog.uri");
        IcebergSinkTask task = start(config, new RecordingSinkContext());

        task.put(records(0, 5));

        assertThat(orderIds(Map.of("type", "hadoop", "warehouse", "file:" + dir.resolve("warehouse")),
                "shop.orders")).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void publishesWhatItWroteAndCommittedAsMetrics() {
        RecordingSinkContext context = new RecordingSinkContext();
        IcebergSinkTask task = start(jdbcConfig(), context);

        task.put(records(0, 5));

        assertThat(metric(context, "records-written-total", Map.of())).isEqualTo(5L);
        assertThat(metric(context, "commits-total", Map.of())).isEqualTo(1L);
        assertThat(metric(context, "files-committed-total", Map.of())).isEqualTo(1L);
        assertThat(metric(context, "committed-offset", Map.of("topic", "orders", "partition", "0"))).isEqualTo(5L);
        assertThat((Long) metric(context, "freshness-lag-ms", Map.of())).isPositive();
        assertThat(metric(context, "records-failed-total", Map.of())).isEqualTo(0L);

        task.close(Set.of(P0));

        assertThat(context.metrics.metrics().keySet()).extracting(MetricName::name)
                .as("a revoked partition's offset is its new owner's to report").doesNotContain("committed-offset")
                .contains("commits-total");
    }

    /**
     * Over a hundred partitions in one table: open files are capped, so the task closes files early instead of
     * holding a row group in memory for every partition at once; every record still lands once.
     */
    @Test
    void manyPartitionsAreWrittenUnderTheOpenFileCap() {
        Map<String, String> config = jdbcConfig();
        config.put("iceberg.tables.partition-by", "k");
        config.put("iceberg.write.max-open-files", "20");
        config.put("iceberg.commit.max-buffered-records", "100000");
        IcebergSinkTask task = start(config, new RecordingSinkContext());
        List<SinkRecord> records = new ArrayList<>();
        for (long offset = 0; offset < 240; offset++) {
            records.add(new SinkRecord("orders", 0, null, null, null, Map.of("order_id", offset, "k", offset % 120),
                    offset, 1_700_000_000_000L, null));
        }

        task.put(records);
        task.close(Set.of(P0));

        Map<String, String> properties = jdbcCatalogProperties();
        assertThat(orderIds(properties, "shop.orders")).hasSize(240).doesNotHaveDuplicates();
        var table = CatalogUtil.buildIcebergCatalog("tributary", properties, new Configuration())
                .loadTable(TableIdentifier.parse("shop.orders"));
        long files = Long.parseLong(table.currentSnapshot().summary().get("total-data-files"));
        assertThat(files).as("each pass over 120 partitions reopens files: 240, not 120").isEqualTo(240);
    }

    private static Object metric(RecordingSinkContext context, String name, Map<String, String> tags) {
        for (Map.Entry<MetricName, ? extends org.apache.kafka.common.Metric> entry
                : context.metrics.metrics().entrySet()) {
            if (entry.getKey().name().equals(name) && entry.getKey().tags().entrySet().containsAll(tags.entrySet())) {
                return entry.getValue().metricValue();
            }
        }
        throw new AssertionError("No metric " + name + " " + tags + " in " + context.metrics.metrics().keySet());
    }
}
