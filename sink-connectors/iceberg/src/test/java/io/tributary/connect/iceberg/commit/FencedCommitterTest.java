package io.tributary.connect.iceberg.commit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit protocol against a real JDBC catalog on a SQLite file, with several writers at once. */
class FencedCommitterTest {

    private static final TableIdentifier ID = TableIdentifier.of("retail", "clicks");
    private static final TopicPartition P0 = new TopicPartition("clicks", 0);
    private static final TopicPartition P1 = new TopicPartition("clicks", 1);

    @TempDir
    Path dir;

    private Map<String, String> catalogProperties;
    private final OffsetLedger ledger = new OffsetLedger("clicks-sink");

    @BeforeEach
    void createTable() {
        catalogProperties = Map.of("type", "jdbc", "uri", "jdbc:sqlite:" + dir.resolve("catalog.db"),
                "warehouse", "file:" + dir.resolve("warehouse"), "jdbc.schema-version", "V1");
        Catalog catalog = catalog();
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of("retail"));
        catalog.createTable(ID, new Schema(Types.NestedField.optional(1, "id", Types.LongType.get())));
    }

    private static String batch() {
        return java.util.UUID.randomUUID().toString();
    }

    private Catalog catalog() {
        return CatalogUtil.buildIcebergCatalog("test", catalogProperties, new Configuration());
    }

    private Table table() {
        return catalog().loadTable(ID);
    }

    private DataFile file(Table table, String name) throws IOException {
        Path path = dir.resolve("warehouse").resolve(name + ".parquet");
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[] {1});
        return DataFiles.builder(PartitionSpec.unpartitioned()).withPath(path.toUri().toString())
                .withFormat(FileFormat.PARQUET).withFileSizeInBytes(1).withRecordCount(1).build();
    }

    @Test
    void commitsFilesAndOffsetsInOneSnapshotAndMergesLaterCommits() throws IOException {
        FencedCommitter committer = new FencedCommitter(ledger, "task-0");
        Table table = table();

        CommitOutcome first = committer.commit(table, batch(), WrittenFiles.ofData(List.of(file(table, "a"))), Map.of(), Map.of(P0, 10L));
        CommitOutcome second = committer.commit(table, batch(), WrittenFiles.ofData(List.of(file(table, "b"))), Map.of(), Map.of(P1, 7L));

        assertThat(first.committed()).isTrue();
        assertThat(second.committed()).isTrue();
        Table reloaded = table();
        assertThat(ledger.read(reloaded)).isEqualTo(Map.of(P0, 10L, P1, 7L));
        Snapshot current = reloaded.currentSnapshot();
        assertThat(current.snapshotId()).isEqualTo(second.snapshotId());
        assertThat(current.summary()).containsEntry("added-data-files", "1")
                .containsEntry("tributary.committed-by", "task-0");
    }

    @Test
    void aZombieWhoseStartingOffsetsMovedOnCannotCommitAndItsFilesAreDeleted() throws IOException {
        Table owner = table();
        Table zombie = table();
        new FencedCommitter(ledger, "new-owner").commit(owner, batch(), WrittenFiles.ofData(List.of(file(owner, "owner"))), Map.of(),
                Map.of(P0, 100L));
        DataFile zombieFile = file(zombie, "zombie");

        CommitOutcome outcome = new FencedCommitter(ledger, "zombie").commit(zombie, batch(), WrittenFiles.ofData(List.of(zombieFile)), Map.of(),
                Map.of(P0, 60L));

        assertThat(outcome.committed()).isFalse();
        assertThat(outcome.fenced()).containsExactly(P0);
        assertThat(outcome.stored()).containsEntry(P0, 100L);
        assertThat(Path.of(java.net.URI.create(zombieFile.location()))).doesNotExist();
        Table reloaded = table();
        assertThat(ledger.read(reloaded)).containsEntry(P0, 100L);
        assertThat(reloaded.snapshots()).hasSize(1);
    }

    /**
     * A commit that landed although the committer did not learn so (a lost reply, a retried connection) is
     * recognised by its batch id on the next attempt: not taken for a fence — which would delete the files the
     * table now references — and not committed twice.
     */
    @Test
    void aBatchThatAlreadyLandedIsRecognisedNotFencedNorDuplicated() throws IOException {
        Table table = table();
        String batch = batch();
        DataFile landed = file(table, "landed");
        new FencedCommitter(ledger, "task-0").commit(table, batch, WrittenFiles.ofData(List.of(landed)), Map.of(), Map.of(P0, 10L));

        CommitOutcome again = new FencedCommitter(ledger, "task-0").commit(table(), batch, WrittenFiles.ofData(List.of(landed)),
                Map.of(), Map.of(P0, 10L));

        assertThat(again.committed()).isTrue();
        assertThat(Path.of(java.net.URI.create(landed.location()))).exists();
        assertThat(table().snapshots()).hasSize(1);
        assertThat(ledger.read(table())).isEqualTo(Map.of(P0, 10L));
    }

    @Test
    void anotherConnectorsOffsetsNeitherFenceNorGetOverwritten() throws IOException {
        OffsetLedger other = new OffsetLedger("other-sink");
        Table table = table();
        new FencedCommitter(other, "other").commit(table, batch(), WrittenFiles.ofData(List.of(file(table, "o"))), Map.of(), Map.of(P0, 5L));

        CommitOutcome outcome = new FencedCommitter(ledger, "mine").commit(table, batch(), WrittenFiles.ofData(List.of(file(table, "m"))),
                Map.of(), Map.of(P0, 9L));

        assertThat(outcome.committed()).isTrue();
        assertThat(ledger.read(table())).isEqualTo(Map.of(P0, 9L));
        assertThat(other.read(table())).isEqualTo(Map.of(P0, 5L));
    }

    /**
     * Several tasks commit to one table at once, each its own partition, each through its own catalog client.
     * Iceberg retries conflicting commits by re-applying the same summary; without re-merging on every attempt
     * one task would write back a stale offset for another's partition.
     */
    @Test
    void concurrentCommitsToOneTableNeverRegressAnotherTasksOffsets() throws Exception {
        int tasks = 4;
        int commitsEach = 8;
        ExecutorService pool = Executors.newFixedThreadPool(tasks);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            TopicPartition partition = new TopicPartition("clicks", t);
            results.add(pool.submit(() -> {
                FencedCommitter committer = new FencedCommitter(ledger, "task-" + partition.partition());
                Table table = table();
                start.await();
                Map<TopicPartition, Long> expected = new HashMap<>();
                int committed = 0;
                for (int c = 1; c <= commitsEach; c++) {
                    long next = c * 10L;
                    CommitOutcome outcome = committer.commit(table, batch(), WrittenFiles.ofData(List.of(file(table, partition + "-" + c))),
                            expected, Map.of(partition, next));
                    assertThat(outcome.committed()).as("commit %s of %s", c, partition).isTrue();
                    expected.put(partition, next);
                    committed++;
                }
                return committed;
            }));
        }
        start.countDown();
        for (Future<Integer> result : results) {
            assertThat(result.get()).isEqualTo(commitsEach);
        }
        pool.shutdown();

        Table table = table();
        Map<TopicPartition, Long> expectedFinal = new HashMap<>();
        for (int t = 0; t < tasks; t++) {
            expectedFinal.put(new TopicPartition("clicks", t), commitsEach * 10L);
        }
        assertThat(ledger.read(table)).isEqualTo(expectedFinal);
        long files = 0;
        for (Snapshot snapshot : table.snapshots()) {
            files += Long.parseLong(snapshot.summary().getOrDefault("added-data-files", "0"));
        }
        assertThat(files).isEqualTo((long) tasks * commitsEach);
    }

    @Test
    void ledgerRoundTripsTopicsWithDotsAndManyPartitions() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (int p = 0; p < 12; p++) {
            offsets.put(new TopicPartition("web.clicks-v2", p), p * 1000L);
        }
        offsets.put(new TopicPartition("orders", 0), 0L);

        assertThat(OffsetLedger.decode(OffsetLedger.encode(offsets))).isEqualTo(offsets);
    }
}
