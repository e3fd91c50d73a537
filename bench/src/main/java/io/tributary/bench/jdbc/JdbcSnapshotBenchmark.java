package io.tributary.bench.jdbc;

import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * A snapshot of a PostgreSQL table into a Kafka topic by Tributary's JDBC source, without and with
 * exactly-once delivery, beside Debezium's PostgreSQL connector taking its initial snapshot of the same table
 * (the peer), and beside two ceilings: a plain JDBC server-side cursor reading the table in this JVM (what
 * reading costs), and a source that makes the same rows in memory and sends them through the same worker
 * (what delivering them into Kafka costs).
 *
 * <p>Every fork has its own embedded PostgreSQL holding {@code rows} retail orders of 12 columns; the connector
 * forks also a broker and a worker. Every iteration is one shot: a new topic of {@link #PARTITIONS} partitions
 * and a new connector, timed from its creation until a read_committed consumer has seen every row in the topic.
 * The result is the aux counter {@code rowsPerSecond}, which bench/run shows; JMH's own score, the shot's
 * duration, says the same.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Dlog4j2.configurationFile=log4j2-bench.properties"})
@Warmup(iterations = 3)
@Measurement(iterations = 3)
public class JdbcSnapshotBenchmark {

    static final int PARTITIONS = 2;

    /** What a shot reports besides its time. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class SnapshotResults {
        public double rowsPerSecond;
    }

    @Benchmark
    public void tributary(TributarySnapshot source, SnapshotResults results) {
        source.shoot(results);
    }

    @Benchmark
    public void tributaryExactlyOnce(TributaryExactlyOnceSnapshot source, SnapshotResults results) {
        source.shoot(results);
    }

    @Benchmark
    public void peerDebezium(DebeziumSnapshot source, SnapshotResults results) {
        source.shoot(results);
    }

    @Benchmark
    public void ceilingConnectSource(GeneratedSnapshot source, SnapshotResults results) {
        source.shoot(results);
    }

    @Benchmark
    public void ceilingRawCursor(RawCursor cursor, SnapshotResults results, Blackhole blackhole) {
        cursor.shoot(results, blackhole);
    }

    @State(Scope.Benchmark)
    public static class TributarySnapshot extends ConnectorSnapshot {
        @Override
        String connectorName() {
            return "tributary";
        }

        @Override
        String topic(String run) {
            return "orders-" + run;
        }

        @Override
        Map<String, String> connectorConfig(String run, String topic) {
            return SnapshotConnectors.tributary(stack.database(), topic, PARTITIONS);
        }
    }

    @State(Scope.Benchmark)
    public static class TributaryExactlyOnceSnapshot extends TributarySnapshot {
        @Override
        String connectorName() {
            return "tributary exactly-once";
        }

        @Override
        boolean exactlyOnce() {
            return true;
        }

        @Override
        Map<String, String> connectorConfig(String run, String topic) {
            return SnapshotConnectors.tributaryExactlyOnce(stack.database(), topic, PARTITIONS);
        }
    }

    @State(Scope.Benchmark)
    public static class DebeziumSnapshot extends ConnectorSnapshot {
        @Override
        String connectorName() {
            return "debezium";
        }

        @Override
        String topic(String run) {
            return SnapshotConnectors.debeziumTopic(prefix(run));
        }

        @Override
        Map<String, String> connectorConfig(String run, String topic) {
            return SnapshotConnectors.debezium(stack.database(), prefix(run), "bench_" + run);
        }

        @Override
        void cleanUpAfter(OrdersDatabase database) {
            database.dropIdleReplicationSlots();
        }

        private static String prefix(String run) {
            return "dbz-" + run;
        }
    }

    /**
     * The same rows made in memory by a source that reads no database, through the same worker, converters,
     * topic and watching consumer: what the worker and the broker deliver on this machine, the pace no
     * connector's snapshot into Kafka can beat here.
     */
    @State(Scope.Benchmark)
    public static class GeneratedSnapshot extends ConnectorSnapshot {
        @Override
        String connectorName() {
            return "generated";
        }

        @Override
        String topic(String run) {
            return "generated-" + run;
        }

        @Override
        Map<String, String> connectorConfig(String run, String topic) {
            return SnapshotConnectors.generated(rows, topic, PARTITIONS);
        }
    }

    @State(Scope.Benchmark)
    public static class RawCursor {
        @Param("1000000")
        public int rows;

        private OrdersDatabase database;

        @Setup(Level.Trial)
        public void startDatabase() {
            database = OrdersDatabase.start(rows);
        }

        void shoot(SnapshotResults results, Blackhole blackhole) {
            long start = System.nanoTime();
            long read = RawCursorRead.readAll(database, blackhole);
            results.rowsPerSecond = rows / ((System.nanoTime() - start) / 1e9);
            if (read != rows) {
                throw new IllegalStateException("The raw cursor read " + read + " rows, not " + rows);
            }
        }

        @TearDown(Level.Trial)
        public void stopDatabase() {
            database.close();
        }
    }
}
