package io.tributary.bench.sink;

import io.tributary.bench.sink.SinkThroughputBenchmark.SinkResults;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What upsert mode costs: Tributary's sink end to end in upsert mode by the records' {@code id}, beside the same
 * sink appending the same records (the peer), in the same run and the same way as {@link SinkThroughputBenchmark}
 * (JSON values read by the sink, a commit every second, 1 and 2 tasks). The ids are all distinct, so every
 * record costs an upsert its full price: a row, and an equality delete of any earlier row with its id.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Dlog4j2.configurationFile=log4j2-bench.properties"})
@Warmup(iterations = 2)
@Measurement(iterations = 2)
public class SinkWriteModesBenchmark {

    @Benchmark
    public void peerAppend(AppendSink sink, SinkResults results) {
        sink.shoot(results);
    }

    @Benchmark
    public void upsert(UpsertSink sink, SinkResults results) {
        sink.shoot(results);
    }

    @State(Scope.Benchmark)
    public static class AppendSink extends SinkRun {
        @Override
        String sinkName() {
            return "tributary-append";
        }

        @Override
        Map<String, String> connectorConfig(String topic, String table, String run) {
            return SinkConnectors.tributaryJson(stack.lake(), topic, table, tasks);
        }
    }

    @State(Scope.Benchmark)
    public static class UpsertSink extends SinkRun {
        @Override
        String sinkName() {
            return "tributary-upsert";
        }

        @Override
        Map<String, String> connectorConfig(String topic, String table, String run) {
            return SinkConnectors.tributaryUpsert(stack.lake(), topic, table, tasks);
        }
    }
}
