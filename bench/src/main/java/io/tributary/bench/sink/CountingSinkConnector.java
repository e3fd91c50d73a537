package io.tributary.bench.sink;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * A sink that writes nothing: its tasks count the records the worker hands to {@code put}, per topic. With the
 * same converters as the Iceberg sinks it measures what this machine delivers to any sink at all — producing,
 * brokering, consuming and Connect's conversion — which no sink writing a table can beat.
 *
 * <p>The worker finds it on its class path (declared in {@code META-INF/services}), loaded by the same class
 * loader as the benchmark, so the benchmark reads the counts from {@link #delivered(String)}.
 */
public final class CountingSinkConnector extends SinkConnector {

    private static final Map<String, LongAdder> DELIVERED = new ConcurrentHashMap<>();

    private Map<String, String> config;

    /** Records of {@code topic} handed to the tasks' {@code put} so far in this JVM. */
    static long delivered(String topic) {
        LongAdder count = DELIVERED.get(topic);
        return count == null ? 0 : count.sum();
    }

    @Override
    public void start(Map<String, String> props) {
        config = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CountingTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, config);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public String version() {
        return "bench";
    }

    /** Counts, and keeps nothing. */
    public static final class CountingTask extends SinkTask {

        @Override
        public void start(Map<String, String> props) {
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            if (!records.isEmpty()) {
                // One topic per connector in the benchmark: the first record names it.
                String topic = records.iterator().next().topic();
                DELIVERED.computeIfAbsent(topic, t -> new LongAdder()).add(records.size());
            }
        }

        @Override
        public void stop() {
        }

        @Override
        public String version() {
            return "bench";
        }
    }
}
