package io.tributary.bench.jdbc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A source that reads no database: its one task makes the benchmark's orders rows in memory — the same 12
 * columns, with the types and values {@code OrdersDatabase} holds — and hands them to the worker as a JDBC
 * source would, a Struct key and value per row, a source offset per row, {@code batch.max.rows} rows a poll.
 * What the worker then does (conversion, producing, the broker) is what every source connector pays here, so
 * this is the pace no snapshot into Kafka can beat on this machine, whatever reads the table.
 *
 * <p>The worker finds it on its class path (declared in {@code META-INF/services}).
 */
public final class GeneratedOrdersSourceConnector extends SourceConnector {

    static final String ROWS = "orders.rows";
    static final String TOPIC = "topic";
    static final String PARTITIONS = "topic.partitions";
    /** As Tributary's JDBC source's default. */
    private static final int BATCH_ROWS = 2_000;

    private Map<String, String> config;

    @Override
    public void start(Map<String, String> props) {
        config = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return GeneratingTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.singletonList(config);
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

    /** Makes rows 1 to {@code orders.rows}, then idles. */
    public static final class GeneratingTask extends SourceTask {

        private static final Schema KEY = SchemaBuilder.struct().name("orders.Key")
                .field("id", Schema.INT64_SCHEMA).build();
        private static final Schema VALUE = SchemaBuilder.struct().name("orders.Value")
                .field("id", Schema.INT64_SCHEMA)
                .field("customer", Schema.INT64_SCHEMA)
                .field("status", Schema.STRING_SCHEMA)
                .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "12").build())
                .field("currency", Schema.STRING_SCHEMA)
                .field("created_at", Timestamp.SCHEMA)
                .field("updated_at", Timestamp.SCHEMA)
                .field("quantity", Schema.INT32_SCHEMA)
                .field("discount", Schema.FLOAT64_SCHEMA)
                .field("is_gift", Schema.BOOLEAN_SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .field("sku", Schema.STRING_SCHEMA)
                .build();
        private static final String[] STATUSES = {"placed", "paid", "shipped", "delivered", "returned"};
        private static final String[] CURRENCIES = {"EUR", "USD", "GBP"};
        /** 2026-01-01T00:00:00Z. */
        private static final long EPOCH_MILLIS = 1_767_225_600_000L;

        private Map<String, String> sourcePartition;
        private String topic;
        private int partitions;
        private long rows;
        private long next = 1;

        @Override
        public void start(Map<String, String> props) {
            topic = props.get(TOPIC);
            partitions = Integer.parseInt(props.get(PARTITIONS));
            rows = Long.parseLong(props.get(ROWS));
            sourcePartition = Map.of("generated", topic);
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            if (next > rows) {
                Thread.sleep(100);
                return null;
            }
            long last = Math.min(rows, next + BATCH_ROWS - 1);
            List<SourceRecord> batch = new ArrayList<>((int) (last - next + 1));
            for (long i = next; i <= last; i++) {
                batch.add(new SourceRecord(sourcePartition, Map.of("row", i), topic, (int) (i % partitions),
                        KEY, new Struct(KEY).put("id", i), VALUE, row(i)));
            }
            next = last + 1;
            return batch;
        }

        /** Row {@code i} as OrdersDatabase's fill makes it. */
        private static Struct row(long i) {
            return new Struct(VALUE)
                    .put("id", i)
                    .put("customer", (i * 7919) % 100_000)
                    .put("status", STATUSES[(int) (i % 5)])
                    .put("amount", BigDecimal.valueOf((i * 37) % 1_000_000, 2))
                    .put("currency", CURRENCIES[(int) (i % 3)])
                    .put("created_at", new Date(EPOCH_MILLIS + i * 1_000))
                    .put("updated_at", new Date(EPOCH_MILLIS + (i + i % 7_200) * 1_000))
                    .put("quantity", (int) (1 + i % 9))
                    .put("discount", (i % 20) / 100.0)
                    .put("is_gift", i % 10 == 0)
                    .put("note", i % 4 != 0 ? "leave at the door, ring twice (order " + i + ")" : null)
                    .put("sku", sku(i));
        }

        private static String sku(long i) {
            String digits = Long.toString(i % 50_000);
            return "SKU-" + "00000000".substring(digits.length()) + digits;
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
