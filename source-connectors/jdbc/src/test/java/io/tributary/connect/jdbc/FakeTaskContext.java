package io.tributary.connect.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.source.TransactionContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * A worker's context for a task under test: an offset store the test commits records' offsets into (as the
 * worker would after they were written), an optional transaction context that records commit requests, and
 * real plugin metrics.
 */
final class FakeTaskContext implements SourceTaskContext {

    final Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
    final Metrics metrics = new Metrics();
    final RecordingTransactions transactions;
    private final Map<String, String> configs;

    FakeTaskContext(Map<String, String> configs, boolean connectorTransactions) {
        this.configs = configs;
        this.transactions = connectorTransactions ? new RecordingTransactions() : null;
    }

    /** Stores the offset of each record, as the worker does once records are written. */
    void commit(List<SourceRecord> records) {
        for (SourceRecord record : records) {
            offsets.put(new HashMap<>(record.sourcePartition()), new HashMap<>(record.sourceOffset()));
        }
    }

    /** What an operator's PATCH stores: exactly this offset, or none. */
    void store(Map<String, Object> partition, Map<String, Object> offset) {
        if (offset == null) {
            offsets.remove(partition);
        } else {
            offsets.put(partition, offset);
        }
    }

    Object gauge(String name, String table) {
        return metrics.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && table.equals(e.getKey().tags().get("table")))
                .findFirst().map(e -> e.getValue().metricValue()).orElse(null);
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return offsets.get(new HashMap<String, Object>(partition));
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                for (Map<String, T> partition : partitions) {
                    Map<String, Object> offset = offset(partition);
                    if (offset != null) {
                        result.put(partition, offset);
                    }
                }
                return result;
            }
        };
    }

    @Override
    public TransactionContext transactionContext() {
        return transactions;
    }

    @Override
    public PluginMetrics pluginMetrics() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", "test");
        tags.put("task", "0");
        return new PluginMetricsImpl(metrics, tags);
    }

    /** Records the records after which the task asked for a commit. */
    static final class RecordingTransactions implements TransactionContext {
        final List<SourceRecord> commits = new ArrayList<>();

        @Override
        public void commitTransaction() {
            throw new AssertionError("the task names the record a transaction ends with");
        }

        @Override
        public void commitTransaction(SourceRecord record) {
            commits.add(record);
        }

        @Override
        public void abortTransaction() {
            throw new AssertionError("no abort expected");
        }

        @Override
        public void abortTransaction(SourceRecord record) {
            throw new AssertionError("no abort expected");
        }
    }
}
