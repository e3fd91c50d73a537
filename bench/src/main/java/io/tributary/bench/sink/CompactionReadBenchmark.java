package io.tributary.bench.sink;

import com.fasterxml.jackson.jr.ob.JSON;
import io.tributary.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What compaction buys a reader of an upsert table: Iceberg's generic reader reading the whole table before
 * the sink's maintenance compacted it (the peer: many small data files and the equality and position deletes
 * to apply) and after (one data file per partition, no deletes to apply to it).
 *
 * <p>Each fork builds its table the way a user would: Tributary's sink from the zip in an embedded worker
 * upserts {@code records} records over {@code keys} ids, committing every second, with maintenance off; once
 * the table holds every record's offset, the connector is reconfigured with maintenance on, and the first
 * compaction's snapshot is awaited. Both snapshots stay; each shot reads one of them in full.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Dlog4j2.configurationFile=log4j2-bench.properties"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class CompactionReadBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(CompactionReadBenchmark.class);
    private static final String CONNECTOR = "upserts";
    private static final String TOPIC = "users";
    private static final TableIdentifier TABLE = TableIdentifier.parse("bench.users");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class ReadResults {
        public double rowsPerSecond;
    }

    @Benchmark
    public void peerReadBeforeCompaction(UpsertedTable table, ReadResults results) {
        table.read(table.beforeCompaction, results);
    }

    @Benchmark
    public void readAfterCompaction(UpsertedTable table, ReadResults results) {
        table.read(table.afterCompaction, results);
    }

    @State(Scope.Benchmark)
    public static class UpsertedTable {
        @Param("1000000")
        public int records;

        @Param("100000")
        public int keys;

        private SinkStack stack;
        private Table table;
        long beforeCompaction;
        long afterCompaction;

        @Setup(Level.Trial)
        public void writeAndCompact() {
            stack = SinkStack.start();
            stack.createTopic(TOPIC, SinkThroughputBenchmark.PARTITIONS);
            Map<String, String> config = SinkConnectors.tributaryUpsert(stack.lake(), TOPIC, TABLE.toString(), 1);
            config.put("iceberg.maintenance.enabled", "false");
            stack.startConnector(CONNECTOR, config, 1, SinkThroughputBenchmark.PARTITIONS);
            stack.producer().sendAll(TOPIC, ClickRecords.generateOverKeys(records, keys),
                    SinkThroughputBenchmark.PARTITIONS);
            table = Await.until("all " + records + " records committed", TIMEOUT, this::tableHoldingAll,
                    () -> stack.status(CONNECTOR));
            beforeCompaction = table.currentSnapshot().snapshotId();

            config.put("iceberg.maintenance.enabled", "true");
            config.put("iceberg.maintenance.interval.ms", "1000");
            config.put("iceberg.maintenance.compact.min-files", "2");
            stack.startConnector(CONNECTOR, config, 1, SinkThroughputBenchmark.PARTITIONS);
            Snapshot compacted = Await.until("a compaction", TIMEOUT, this::compaction, () -> stack.status(CONNECTOR));
            afterCompaction = compacted.snapshotId();
            LOG.info("Upserted {} records over {} ids: before compaction {}, after {}", records, keys,
                    files(table.snapshot(beforeCompaction)), files(compacted));
        }

        @SuppressWarnings("unchecked")
        private Table tableHoldingAll() {
            if (!stack.lake().catalog().tableExists(TABLE)) {
                return null;
            }
            Table loaded = stack.lake().catalog().loadTable(TABLE);
            Snapshot current = loaded.currentSnapshot();
            String offsets = current == null ? null : current.summary().get("tributary.kafka-offsets." + CONNECTOR);
            if (offsets == null) {
                return null;
            }
            try {
                Map<String, Object> byPartition = (Map<String, Object>) JSON.std.mapFrom(offsets).get(TOPIC);
                long next = byPartition.values().stream().mapToLong(value -> ((Number) value).longValue()).sum();
                return next >= records ? loaded : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Snapshot compaction() {
            table.refresh();
            for (Snapshot snapshot : table.snapshots()) {
                if ("compaction".equals(snapshot.summary().get("tributary.maintenance"))) {
                    return snapshot;
                }
            }
            return null;
        }

        private static String files(Snapshot snapshot) {
            Map<String, String> summary = snapshot.summary();
            return summary.get(SnapshotSummary.TOTAL_DATA_FILES_PROP) + " data and "
                    + summary.get(SnapshotSummary.TOTAL_DELETE_FILES_PROP) + " delete files";
        }

        void read(long snapshotId, ReadResults results) {
            long start = System.nanoTime();
            long rows = 0;
            try (CloseableIterable<Record> all = IcebergGenerics.read(table).useSnapshot(snapshotId).build()) {
                for (Record ignored : all) {
                    rows++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (rows != keys) {
                throw new IllegalStateException("Read " + rows + " rows of snapshot " + snapshotId + "; the table "
                        + "must hold one row per id, " + keys);
            }
            results.rowsPerSecond = rows / ((System.nanoTime() - start) / 1e9);
        }

        @TearDown(Level.Trial)
        public void stopStack() {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
