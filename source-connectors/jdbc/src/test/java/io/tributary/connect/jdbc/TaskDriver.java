package io.tributary.connect.jdbc;

import io.tributary.connect.smt.boundary.SnapshotBoundary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/** Runs a task the way a worker does: start, poll, hand the records' offsets to the store, stop. */
final class TaskDriver implements AutoCloseable {

    final JdbcSourceTask task;
    final FakeTaskContext context;
    final List<List<SourceRecord>> batches = new ArrayList<>();

    TaskDriver(Map<String, String> config, FakeTaskContext context, Clock clock) {
        this.context = context;
        this.task = new JdbcSourceTask(clock);
        task.initialize(context);
        task.start(config);
    }

    /** One poll; its records (if any) are committed to the offset store. */
    List<SourceRecord> poll() {
        List<SourceRecord> batch = task.poll();
        if (batch != null) {
            batches.add(batch);
            context.commit(batch);
        }
        return batch == null ? List.of() : batch;
    }

    /** Polls until a poll ends with an end marker of the last partition, or {@code maxPolls} polls. */
    List<SourceRecord> pollUntilSnapshotEnds(int maxPolls) {
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < maxPolls; i++) {
            List<SourceRecord> batch = poll();
            records.addAll(batch);
            if (!batch.isEmpty() && SnapshotBoundary.isMarker(batch.get(batch.size() - 1).headers())) {
                return records;
            }
        }
        throw new AssertionError("no snapshot ended within " + maxPolls + " polls; got " + records.size()
                + " record(s)");
    }

    @Override
    public void close() {
        task.stop();
    }
}
