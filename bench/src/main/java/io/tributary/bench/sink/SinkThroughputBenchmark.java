package io.tributary.bench.sink;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
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

/**
 * Tributary's Iceberg sink end to end — records in a Kafka topic to rows committed in an Iceberg table —
 * beside Apache Iceberg's own Kafka Connect sink (the peer), and beside Iceberg's Parquet writer run directly
 * in this JVM on the same records (the ceiling); each with 1 and 2 tasks (writer threads for the ceiling).
 *
 * <p>Every iteration is one shot with a new topic, table and connector in the fork's embedded stack. Once the
 * connector runs and owns both partitions, {@code records} records are produced; the shot ends when the
 * table's committed row count reaches them. A second ceiling, {@code ceilingDelivery}, runs a sink that only
 * counts what the worker hands it: the pace at which this machine delivers records to any sink. Then single probe records, stamped with the time, measure how long
 * a record takes from being produced to being visible in the table. Both results are aux counters,
 * {@code recordsPerSecond} and {@code freshnessP50Millis}, which bench/run shows as the rows of its table; JMH's
 * own score, the shot's duration, says the same as records/s.
 *
 * <p>Production starts after the connector runs, not before, because Apache's sink does not read what a topic
 * held before its first start (apache/iceberg#13536); both sinks are measured the same way.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Dlog4j2.configurationFile=log4j2-bench.properties"})
@Warmup(iterations = 2)
@Measurement(iterations = 2)
public class SinkThroughputBenchmark {

    static final int PARTITIONS = 2;

    /** What a sink shot reports besides its time. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class SinkResults {
        public double recordsPerSecond;
        public double freshnessP50Millis;
    }

    /** What a raw writer shot reports besides its time: it has no freshness, nothing streams through it. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class WriteResults {
        public double recordsPerSecond;
    }

    @Benchmark
    public void tributary(TributarySink sink, SinkResults results) {
        sink.shoot(results);
    }

    @Benchmark
    public void tributaryJsonValues(TributaryJsonSink sink, SinkResults results) {
        sink.shoot(results);
    }

    @Benchmark
    public void tributaryOnTaskThread(TributaryTaskThreadSink sink, SinkResults results) {
        sink.shoot(results);
    }

    @Benchmark
    public void peerApache(ApacheSink sink, SinkResults results) {
        sink.shoot(results);
    }

    @Benchmark
    public void ceilingDelivery(CountingSink sink, SinkResults results) {
        sink.shoot(results);
    }

    @Benchmark
    public void ceilingRawWriter(RawWriter writer, WriteResults results) {
        writer.shoot(results);
    }

    @State(Scope.Benchmark)
    public static class TributarySink extends SinkRun {
        @Override
        String sinkName() {
            return "tributary";
        }

        @Override
        Map<String, String> connectorConfig(String topic, String table, String run) {
            return SinkConnectors.tributary(stack.lake(), topic, table, tasks);
        }
    }

    @State(Scope.Benchmark)
    public static class TributaryJsonSink extends SinkRun {
        @Override
        String sinkName() {
            return "tributary-json";
        }

        @Override
        Map<String, String> connectorConfig(String topic, String table, String run) {
            return SinkConnectors.tributaryJson(stack.lake(), topic, table, tasks);
        }
    }

    @State(Scope.Benchmark)
    public static class TributaryTaskThreadSink extends SinkRun {
        @Override
        String sinkName() {
            return "tributary-task-thread";
        }

        @Override
        Map<String, String> connectorConfig(String topic, String table, String run) {
            return SinkConnectors.tributaryOnTaskThread(stack.lake(), topic, table, tasks);
        }
    }

    @State(Scope.Benchmark)
    public static class ApacheSink extends SinkRun {
        @Override
        String sinkName() {
            return "apache";
        }

        @Override
        Map<String, String> connectorConfig(String topic, String table, String run) {
            String controlTopic = "control-" + run;
            stack.createTopic(controlTopic, 1);
            return SinkConnectors.apache(stack.lake(), stack.bootstrapServers(), topic, table, controlTopic, tasks);
        }
    }

    /**
     * Records produced, brokered, consumed and converted by the worker, then dropped: the pace at which this
     * machine delivers the records to a sink, with everything a sink shares the cores with and nothing it adds.
     * Its freshness is a record's way to {@code put} alone, before any sink could buffer or commit it.
     */
    @State(Scope.Benchmark)
    public static class CountingSink extends SinkRun {
        @Override
        String sinkName() {
            return "counting";
        }

        @Override
        Map<String, String> connectorConfig(String topic, String table, String run) {
            return SinkConnectors.counting(topic, tasks);
        }

        @Override
        Landing landing(String topic, TableIdentifier table) {
            return new DeliveredRecords(topic);
        }
    }

    @State(Scope.Benchmark)
    public static class RawWriter {
        @Param({"1", "2"})
        public int tasks;

        @Param("1000000")
        public int records;

        private Lake lake;
        private List<List<Map<?, ?>>> partitions;
        private Table table;
        private int iteration;

        @Setup(Level.Trial)
        public void parseRecords() {
            lake = Lake.create();
            partitions = RawParquetWriter.parse(ClickRecords.generate(records), PARTITIONS);
        }

        @Setup(Level.Iteration)
        public void createTable() {
            table = RawParquetWriter.createTable(lake.catalog(), TableIdentifier.of("bench", "raw_" + ++iteration));
        }

        void shoot(WriteResults results) {
            long start = System.nanoTime();
            RawParquetWriter.write(table, partitions, tasks);
            results.recordsPerSecond = records / ((System.nanoTime() - start) / 1e9);
            table.refresh();
            long rows = Long.parseLong(table.currentSnapshot().summary().get("total-records"));
            if (rows != records) {
                throw new IllegalStateException("The raw writer committed " + rows + " rows, not " + records);
            }
        }

        @TearDown(Level.Trial)
        public void deleteLake() {
            lake.close();
        }
    }
}
