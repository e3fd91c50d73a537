package io.tributary.connect.jdbc;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Runs a task's snapshot to its end and drops the records, printing how many rows it read: the body of
 * {@link SnapshotMemoryTest}, run in a JVM whose heap is smaller than the table.
 */
public final class SnapshotDrain {

    private SnapshotDrain() {
    }

    public static void main(String[] args) {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", args[0]);
        config.put("connection.user", args[1]);
        config.put("connection.password", args[2]);
        config.put("tables", args[3]);
        config.put("task.tables", args[3]);
        config.put("snapshot.fetch.size", "500");
        config.put("batch.max.rows", "500");
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        JdbcSourceTask task = new JdbcSourceTask(Clock.systemUTC());
        task.initialize(context);
        task.start(config);
        long rows = 0;
        long markers = 0;
        while (markers == 0) {
            List<SourceRecord> batch = task.poll();
            if (batch == null) {
                continue;
            }
            for (SourceRecord record : batch) {
                if (record.value() == null) {
                    markers++;
                } else {
                    rows++;
                }
            }
        }
        task.stop();
        System.out.println("ROWS " + rows + " MAXHEAP " + Runtime.getRuntime().maxMemory());
    }
}
