package io.tributary.connect.iceberg;

import io.tributary.connect.smt.plugin.WorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;

/**
 * What one sink task did, as gauges through the worker's plugin metrics (Kafka 4.1+) under the task's
 * connector/task tags, and in the task's live report ({@code /tributary/pipelines}): task totals, and per
 * table ({@code table=<namespace.name>}) its commits and freshness. Names are documented in docs/operations.md.
 */
final class SinkMetrics {

    /** The window of {@code commits-recent} and {@code files-recent}. */
    static final Duration RECENT = Duration.ofMinutes(1);
    private static final String COMMITTED_OFFSET = "committed-offset";

    private final WorkerMetrics metrics;
    private final Clock clock;
    private final LongAdder recordsWritten = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder filesCommitted = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder commitsFenced = new LongAdder();
    private final LongAdder recordsFailed = new LongAdder();
    private final AtomicLong lastCommitLatencyMs = new AtomicLong();
    private final AtomicLong maxCommitLatencyMs = new AtomicLong();
    private final AtomicLong newestCommittedTimestamp = new AtomicLong(Long.MIN_VALUE);
    private final Map<String, TableFigures> tables = new ConcurrentHashMap<>();
    /** Per table and partition: the next offset to write, as committed to the table. */
    private final Map<Map<String, String>, AtomicLong> committedOffsets = new ConcurrentHashMap<>();

    /** One table's figures in this task. */
    private final class TableFigures {
        final LongAdder commits = new LongAdder();
        final LongAdder files = new LongAdder();
        final LongAdder deadLettered = new LongAdder();
        final AtomicLong lastCommitMs = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong newestTimestamp = new AtomicLong(Long.MIN_VALUE);
        /** Commits within {@link #RECENT}: time and files of each, oldest first. */
        private final Deque<long[]> recent = new ArrayDeque<>();

        synchronized void committed(long now, int files) {
            recent.addLast(new long[] {now, files});
            prune(now);
        }

        synchronized long recentCommits() {
            prune(clock.millis());
            return recent.size();
        }

        synchronized long recentFiles() {
            prune(clock.millis());
            return recent.stream().mapToLong(commit -> commit[1]).sum();
        }

        private void prune(long now) {
            while (!recent.isEmpty() && recent.peekFirst()[0] < now - RECENT.toMillis()) {
                recent.removeFirst();
            }
        }
    }

    SinkMetrics(WorkerMetrics metrics) {
        this(metrics, Clock.systemUTC());
    }

    SinkMetrics(WorkerMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
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
                () -> sinceMs(newestCommittedTimestamp));
    }

    void written(long records, long bytes) {
        recordsWritten.add(records);
        bytesWritten.add(bytes);
    }

    /** A record went to the error path; {@code table} is null when it failed before routing. */
    void failed(String table) {
        recordsFailed.increment();
        if (table != null) {
            table(table).deadLettered.increment();
        }
    }

    void committed(String table, int files, long latencyMs, long newestTimestamp,
            Map<TopicPartition, Long> offsets) {
        commits.increment();
        filesCommitted.add(files);
        lastCommitLatencyMs.set(latencyMs);
        maxCommitLatencyMs.accumulateAndGet(latencyMs, Math::max);
        newestCommittedTimestamp.accumulateAndGet(newestTimestamp, Math::max);
        TableFigures figures = table(table);
        long now = clock.millis();
        figures.commits.increment();
        figures.files.add(files);
        figures.lastCommitMs.set(now);
        figures.newestTimestamp.accumulateAndGet(newestTimestamp, Math::max);
        figures.committed(now, files);
        stored(table, offsets);
    }

    /** The offsets a table holds for partitions this task was just given, until this task commits it. */
    void stored(String table, Map<TopicPartition, Long> offsets) {
        offsets.forEach((partition, offset) -> committedOffset(table, partition).accumulateAndGet(offset, Math::max));
    }

    private AtomicLong committedOffset(String table, TopicPartition partition) {
        return committedOffsets.computeIfAbsent(tags(table, partition), tags -> {
            AtomicLong value = new AtomicLong();
            metrics.gauge(COMMITTED_OFFSET, "Next offset to write, as committed to the table", tags, value::get);
            return value;
        });
    }

    private TableFigures table(String table) {
        return tables.computeIfAbsent(table, name -> {
            TableFigures figures = new TableFigures();
            Map<String, String> tags = Map.of("table", name);
            metrics.gauge("table-commits-total", "Commits of this table by this task", tags, figures.commits::sum);
            metrics.gauge("table-files-committed-total", "Data files this task committed to this table", tags,
                    figures.files::sum);
            metrics.gauge("table-commits-recent", "Commits of this table by this task in the last "
                    + RECENT.toSeconds() + " s", tags, figures::recentCommits);
            metrics.gauge("table-files-recent", "Data files this task committed to this table in the last "
                    + RECENT.toSeconds() + " s", tags, figures::recentFiles);
            metrics.gauge("table-last-commit-time-ms", "When this task last committed this table (epoch ms)", tags,
                    () -> figures.lastCommitMs.get() == Long.MIN_VALUE ? null : figures.lastCommitMs.get());
            metrics.gauge("table-freshness-lag-ms", "Now minus the newest record timestamp this task committed to "
                    + "this table", tags, () -> sinceMs(figures.newestTimestamp));
            metrics.gauge("table-records-dead-lettered-total", "Records for this table sent to the error path",
                    tags, figures.deadLettered::sum);
            return figures;
        });
    }

    /** Partitions this task no longer owns: their new owner reports them. */
    void revoked(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            committedOffsets.keySet().removeIf(tags -> {
                boolean revoked = tags.get("topic").equals(partition.topic())
                        && tags.get("partition").equals(Integer.toString(partition.partition()));
                if (revoked) {
                    metrics.remove(COMMITTED_OFFSET, tags);
                }
                return revoked;
            });
        }
    }

    private static Map<String, String> tags(String table, TopicPartition partition) {
        return Map.of("table", table, "topic", partition.topic(), "partition",
                Integer.toString(partition.partition()));
    }

    void fenced() {
        commitsFenced.increment();
    }

    /** Milliseconds since {@code timestamp}, or null before anything was committed. */
    private Long sinceMs(AtomicLong timestamp) {
        long newest = timestamp.get();
        return newest == Long.MIN_VALUE ? null : Math.max(0, clock.millis() - newest);
    }

    void close() {
        metrics.close();
    }
}
