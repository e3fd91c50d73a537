package io.tributary.connect.iceberg;

import io.tributary.connect.smt.plugin.WorkerMetrics;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;

/**
 * What one sink task did, published through the worker's plugin metrics (Kafka 4.1+) under the task's
 * connector/task tags. Names are documented in docs/architecture.md.
 */
final class SinkMetrics {

    private final WorkerMetrics metrics;
    private final LongAdder recordsWritten = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder filesCommitted = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder commitsFenced = new LongAdder();
    private final LongAdder recordsFailed = new LongAdder();
    private final AtomicLong lastCommitLatencyMs = new AtomicLong();
    private final AtomicLong maxCommitLatencyMs = new AtomicLong();
    private final AtomicLong newestCommittedTimestamp = new AtomicLong(Long.MIN_VALUE);
    private static final String COMMITTED_OFFSET = "committed-offset";

    private final Map<TopicPartition, AtomicLong> committedOffsets = new ConcurrentHashMap<>();

    SinkMetrics(WorkerMetrics metrics) {
        this.metrics = metrics;
        Map<String, String> none = Map.of();
        metrics.gauge("records-written-total", "Records written to data files", none, recordsWritten::sum);
        metrics.gauge("bytes-written-total", "Estimated bytes of records written", none, bytesWritten::sum);
        metrics.gauge("files-committed-total", "Data files committed to tables", none, filesCommitted::sum);
        metrics.gauge("commits-total", "Successful table commits", none, commits::sum);
        metrics.gauge("commits-fenced-total", "Commits rejected because another task owns the partitions now",
                none, commitsFenced::sum);
        metrics.gauge("records-failed-total", "Records sent to the error path (dead-letter queue)", none,
                recordsFailed::sum);
        metrics.gauge("commit-latency-last-ms", "Duration of the last table commit", none, lastCommitLatencyMs::get);
        metrics.gauge("commit-latency-max-ms", "Longest table commit", none, maxCommitLatencyMs::get);
        metrics.gauge("freshness-lag-ms", "Now minus the newest record timestamp committed by this task", none,
                this::freshnessLagMs);
    }

    void written(long records, long bytes) {
        recordsWritten.add(records);
        bytesWritten.add(bytes);
    }

    void failed() {
        recordsFailed.increment();
    }

    void committed(int files, long latencyMs, long newestTimestamp, Map<TopicPartition, Long> offsets) {
        commits.increment();
        filesCommitted.add(files);
        lastCommitLatencyMs.set(latencyMs);
        maxCommitLatencyMs.accumulateAndGet(latencyMs, Math::max);
        newestCommittedTimestamp.accumulateAndGet(newestTimestamp, Math::max);
        offsets.forEach((partition, offset) -> committedOffsets.computeIfAbsent(partition, p -> {
            AtomicLong value = new AtomicLong();
            metrics.gauge(COMMITTED_OFFSET, "Next offset to write, as committed to the table", tags(p), value::get);
            return value;
        }).accumulateAndGet(offset, Math::max));
    }

    /** Partitions this task no longer owns: their new owner reports them. */
    void revoked(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            if (committedOffsets.remove(partition) != null) {
                metrics.remove(COMMITTED_OFFSET, tags(partition));
            }
        }
    }

    private static Map<String, String> tags(TopicPartition partition) {
        return Map.of("topic", partition.topic(), "partition", Integer.toString(partition.partition()));
    }

    void fenced() {
        commitsFenced.increment();
    }

    private long freshnessLagMs() {
        long newest = newestCommittedTimestamp.get();
        return newest == Long.MIN_VALUE ? -1 : Math.max(0, System.currentTimeMillis() - newest);
    }

    void close() {
        metrics.close();
    }
}
