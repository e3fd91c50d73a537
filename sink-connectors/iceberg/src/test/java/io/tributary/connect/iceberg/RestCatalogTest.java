package io.tributary.connect.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.connect.iceberg.commit.OffsetLedger;
import io.tributary.testkit.TestRestCatalog;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink through an Iceberg REST catalog: Iceberg's REST client against a real REST server. Commit conflicts
 * reach the client as the spec's 409, so these tests show that Iceberg's retry and our offset fencing work
 * through REST as they do on a JDBC catalog.
 */
class RestCatalogTest {

    private static final String CONNECTOR = "rest-sink";
    private static final TableIdentifier ORDERS = TableIdentifier.parse("retail.orders");
    private static final String OFFSETS_KEY = OffsetLedger.KEY_PREFIX + CONNECTOR;
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);
    private static final int BATCH = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestRestCatalog server;
    private final List<IcebergSinkTask> started = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = TestRestCatalog.start(dir);
    }

    @AfterEach
    void stopAll() {
        started.forEach(IcebergSinkTask::stop);
        server.close();
    }

    private Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("name", CONNECTOR);
        config.put("iceberg.catalog.type", "rest");
        config.put("iceberg.catalog.uri", server.uri());
        config.put("iceberg.tables", ORDERS.toString());
        config.put("iceberg.commit.interval.ms", "3600000");  // commits come from the record threshold only
        config.put("iceberg.commit.max-buffered-records", Integer.toString(BATCH));
        config.put("iceberg.commit.retry.backoff.ms", "10");
        return config;
    }

    private IcebergSinkTask start(TopicPartition partition) {
        IcebergSinkTask task = new IcebergSinkTask();
        RecordingSinkContext context = new RecordingSinkContext();
        context.assignment.add(partition);
        task.initialize(context);
        task.start(config());
        started.add(task);
        task.open(Set.of(partition));
        return task;
    }

    /** Order ids are unique across partitions: partition * 1000 + offset. */
    private static List<SinkRecord> records(TopicPartition partition, long from, long to) {
        List<SinkRecord> records = new ArrayList<>();
        for (long offset = from; offset < to; offset++) {
            records.add(new SinkRecord(partition.topic(), partition.partition(), null, null, null,
                    Map.of("order_id", orderId(partition, offset)), offset));
        }
        return records;
    }

    private static long orderId(TopicPartition partition, long offset) {
        return partition.partition() * 1000L + offset;
    }

    private static List<Long> orderIds(Table table) {
        List<Long> ids = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            rows.forEach(row -> ids.add((Long) row.getField("order_id")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    /** The offsets the current snapshot carries for this connector, as stored: topic, partition, next offset. */
    private Map<String, Map<String, Long>> storedOffsets() {
        Table table = server.backend().loadTable(ORDERS);
        try {
            return JSON.readValue(table.currentSnapshot().summary().get(OFFSETS_KEY), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void writesThroughARestCatalog() throws IOException {
        IcebergSinkTask task = start(P0);
        task.put(records(P0, 0, BATCH));

        List<Long> expected = LongStream.range(0, BATCH).boxed().toList();
        assertThat(orderIds(server.backend().loadTable(ORDERS))).containsExactlyInAnyOrderElementsOf(expected);
        Catalog client = CatalogUtil.buildIcebergCatalog("reader", Map.of("type", "rest", "uri", server.uri()),
                new Configuration());
        try {
            assertThat(orderIds(client.loadTable(ORDERS))).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            ((Closeable) client).close();
        }
        assertThat(storedOffsets()).isEqualTo(Map.of("orders", Map.of("0", (long) BATCH)));
    }

    /**
     * Two tasks of one connector append to one table at the same moments, round after round; whenever one commits
     * between the other's refresh and commit, the server refuses the other with 409. Every record lands once and
     * the offsets of both partitions survive in the table.
     */
    @Test
    void twoTasksCommittingConcurrentlyKeepEachOthersOffsets() throws Exception {
        int rounds = 8;
        IcebergSinkTask first = start(P0);
        IcebergSinkTask second = start(P1);
        AtomicInteger commits = new AtomicInteger();
        server.beforeCommit(table -> commits.incrementAndGet());
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = threads.submit(() -> writeRounds(first, P0, rounds, together));
            Future<?> b = threads.submit(() -> writeRounds(second, P1, rounds, together));
            a.get(2, TimeUnit.MINUTES);
            b.get(2, TimeUnit.MINUTES);
        } finally {
            threads.shutdownNow();
        }

        long end = (long) rounds * BATCH;
        List<Long> expected = new ArrayList<>();
        LongStream.range(0, end).forEach(offset -> {
            expected.add(orderId(P0, offset));
            expected.add(orderId(P1, offset));
        });
        Table table = server.backend().loadTable(ORDERS);
        assertThat(orderIds(table)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(storedOffsets()).isEqualTo(Map.of("orders", Map.of("0", end, "1", end)));
        assertThat(first.preCommit(Map.of(P0, new OffsetAndMetadata(end))))
                .containsEntry(P0, new OffsetAndMetadata(end));
        assertThat(second.preCommit(Map.of(P1, new OffsetAndMetadata(end))))
                .containsEntry(P1, new OffsetAndMetadata(end));
        assertThat(table.history()).as("one snapshot per batch").hasSize(2 * rounds);
        // Every commit the server saw either made a snapshot or was refused. Both tasks commit at nearly the same
        // moment each round, so some meet the other's commit: were none refused, this test would prove nothing.
        assertThat(commits.get()).as("commits seen, some refused with 409").isGreaterThan(2 * rounds);
    }

    private static Void writeRounds(IcebergSinkTask task, TopicPartition partition, int rounds, CyclicBarrier together)
            throws Exception {
        for (int round = 0; round < rounds; round++) {
            together.await(1, TimeUnit.MINUTES);
            task.put(records(partition, (long) round * BATCH, (long) (round + 1) * BATCH));  // commits: a full batch
        }
        return null;
    }

    /**
     * Deterministically, the race above: another task's commit (partition 1) lands between this task's refresh
     * and its commit. The server refuses this commit with 409; Iceberg's retry would re-apply offsets merged from
     * the stale state and drop partition 1's, so the fence rejects that retry and the offsets are merged again.
     */
    @Test
    void aCommitThatMeetsAnotherTasksCommitMergesItsOffsetsAgain() {
        IcebergSinkTask task = start(P0);
        task.put(records(P0, 0, BATCH));
        AtomicInteger commits = new AtomicInteger();
        server.beforeCommit(table -> {
            if (commits.incrementAndGet() == 1) {
                server.backend().loadTable(table).newAppend()
                        .set(OFFSETS_KEY, "{\"orders\":{\"0\":" + BATCH + ",\"1\":7}}")
                        .commit();
            }
        });

        task.put(records(P0, BATCH, 2 * BATCH));

        assertThat(commits).as("refused once, merged again, committed").hasValue(2);
        assertThat(storedOffsets()).isEqualTo(Map.of("orders", Map.of("0", 2L * BATCH, "1", 7L)));
        assertThat(orderIds(server.backend().loadTable(ORDERS)))
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 2 * BATCH).boxed().toList());
    }

    /**
     * Two tasks meeting a new field add the same column; the second one's schema change, based on the schema
     * before, is refused with 409, and it finds the column it needs already there.
     */
    @Test
    void aSchemaChangeThatMeetsTheSameChangeUsesIt() {
        IcebergSinkTask task = start(P0);
        task.put(records(P0, 0, BATCH));
        AtomicInteger commits = new AtomicInteger();
        server.beforeCommit(table -> {
            if (commits.incrementAndGet() == 1) {
                server.backend().loadTable(table).updateSchema().addColumn("note", Types.StringType.get()).commit();
            }
        });
        List<SinkRecord> noted = new ArrayList<>();
        for (long offset = BATCH; offset < 2 * BATCH; offset++) {
            noted.add(new SinkRecord(P0.topic(), P0.partition(), null, null, null,
                    Map.of("order_id", offset, "note", "n" + offset), offset));
        }

        task.put(noted);

        assertThat(commits).as("schema change refused, then the append").hasValue(2);
        Table table = server.backend().loadTable(ORDERS);
        assertThat(table.schema().columns()).extracting(Types.NestedField::name).containsExactly("order_id", "note");
        assertThat(orderIds(table))
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 2 * BATCH).boxed().toList());
        assertThat(storedOffsets()).isEqualTo(Map.of("orders", Map.of("0", 2L * BATCH)));
    }

    /**
     * A commit answered with a server error may or may not have landed (the client says its state is unknown):
     * the task checks the table's offsets, finds it did not, and commits again, once.
     */
    @Test
    void aCommitAnsweredWithAServerErrorIsCheckedAndMadeOnce() {
        IcebergSinkTask task = start(P0);
        AtomicInteger commits = new AtomicInteger();
        server.beforeCommit(table -> {
            if (commits.incrementAndGet() == 1) {
                throw new ServiceUnavailableException("catalog restarting");
            }
        });

        task.put(records(P0, 0, BATCH));

        assertThat(commits).hasValue(2);
        assertThat(storedOffsets()).isEqualTo(Map.of("orders", Map.of("0", (long) BATCH)));
        assertThat(orderIds(server.backend().loadTable(ORDERS)))
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, BATCH).boxed().toList());
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(BATCH))))
                .containsEntry(P0, new OffsetAndMetadata(BATCH));
    }
}
