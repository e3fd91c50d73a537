package io.tributary.connect.iceberg;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * A SinkTaskContext that records what the task asks of the worker (seeks, dead-letter reports), for tests of
 * the task alone. It has a dead-letter queue only when built with {@link #withDeadLetterQueue()}.
 */
final class RecordingSinkContext implements SinkTaskContext {

    /** Records reported to the dead-letter queue, with the error's message. */
    final Map<SinkRecord, String> deadLettered = new LinkedHashMap<>();
    private boolean deadLetterQueue;

    static RecordingSinkContext withDeadLetterQueue() {
        RecordingSinkContext context = new RecordingSinkContext();
        context.deadLetterQueue = true;
        return context;
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!deadLetterQueue) {
            return null;
        }
        return (record, error) -> {
            deadLettered.put(record, error.getMessage());
            return CompletableFuture.completedFuture(null);
        };
    }

    final Map<TopicPartition, Long> seeks = new HashMap<>();
    /** The last poll timeout the task asked for since {@link #takeTimeout()}; -1 for none. */
    private long timeoutMs = -1;
    final Set<TopicPartition> assignment = new HashSet<>();
    final Metrics metrics = new Metrics();

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        seeks.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        seeks.put(tp, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    /** The timeout the task asked for, which bounds the worker's next poll only (-1: none); then forgets it. */
    long takeTimeout() {
        long taken = timeoutMs;
        timeoutMs = -1;
        return taken;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return new PluginMetricsImpl(metrics, Map.of("connector", "test", "task", "0"));
    }
}
