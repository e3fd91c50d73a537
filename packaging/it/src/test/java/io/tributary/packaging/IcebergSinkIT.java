package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.Await;
import io.tributary.testkit.Closeables;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.IcebergTables;
import io.tributary.testkit.PluginBundle;
import io.tributary.testkit.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Iceberg sink from the packaged zip, in a real worker, writing a real warehouse. */
class IcebergSinkIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final long DAY_MS = 86_400_000L;
    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    @TempDir
    static Path pluginPath;
    @TempDir
    static Path lake;

    private static ConnectCluster cluster;
    private static IcebergTables tables;
    /** The catalog's database: a server, so this JVM's reader and the workers' sinks never share SQLite locks. */
    private static TestPostgres postgres;

    @BeforeAll
    static void start() {
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
        cluster = ConnectCluster.builder().pluginPath(pluginPath).start();
        postgres = TestPostgres.start();
        tables = IcebergTables.postgresWarehouse(lake, postgres, "lake");
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(cluster, postgres);
    }

    private static String clickWithSchema(long id, long ts) {
        return "{\"schema\":{\"type\":\"struct\",\"fields\":["
                + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
                + "{\"field\":\"user\",\"type\":\"string\",\"optional\":true},"
                + "{\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
                + "\"version\":1,\"optional\":false}]},"
                + "\"payload\":{\"id\":" + id + ",\"user\":\"u" + (id % 7) + "\",\"ts\":" + ts + "}}";
    }

    private static List<Record> awaitRows(String table, int count) {
        return Await.until(count + " rows in " + table, TIMEOUT, () -> {
            List<Record> rows = tables.rows(table);
            return rows.size() >= count ? rows : null;
        }, () -> tables.rows(table).size() + " rows");
    }

    /**
     * Records already in the topic when the connector is created are written (the backlog is not skipped),
     * into a table created from the records' schema with the configured daily partitions.
     */
    @Test
    void writesTheBacklogIntoAnAutoCreatedDailyPartitionedTable() {
        cluster.createTopic("clicks", 3);
        for (int i = 0; i < 300; i++) {
            cluster.embedded().kafka().produce("clicks", i % 3, "k" + i, clickWithSchema(i, T0 + (i % 3) * DAY_MS));
        }
        Map<String, String> config = IcebergSinkConfigs.writing(tables, "clicks", "retail.clicks");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("iceberg.tables.partition-by", "day(ts)");

        cluster.rest().putConnector("clicks-sink", config);
        cluster.awaitRunning("clicks-sink", 2, TIMEOUT);

        List<Record> rows = awaitRows("retail.clicks", 300);
        assertThat(rows).hasSize(300);
        assertThat(rows.stream().map(r -> r.getField("id")).distinct().count()).isEqualTo(300);
        Table table = tables.load("retail.clicks");
        assertThat(table.spec().fields()).singleElement()
                .satisfies(field -> assertThat(field.transform().toString()).isEqualTo("day"));
        assertThat(((HasTableOperations) table).operations().current().formatVersion()).isEqualTo(2);
        assertThat(table.properties()).containsEntry("write.parquet.compression-codec", "zstd");
        assertThat(rows.stream().map(r -> r.getField("ts").toString().substring(0, 10)).distinct().sorted())
                .containsExactly("2026-11-20", "2026-11-21", "2026-11-22");
    }

    /**
     * Offsets committed to the table but lost on the Kafka side (here: the consumer group's offsets reset, as
     * after a crash between the two commits) must not make the sink write anything again.
     */
    @Test
    void lostConsumerOffsetsReprocessNothing() {
        cluster.createTopic("orders", 2);
        for (int i = 0; i < 100; i++) {
            cluster.embedded().kafka().produce("orders", i % 2, null, "{\"order_id\":" + i + ",\"total\":" + i + ".5}");
        }
        cluster.rest().putConnector("orders-sink", IcebergSinkConfigs.writing(tables, "orders", "retail.orders"));
        cluster.awaitRunning("orders-sink", 2, TIMEOUT);
        awaitRows("retail.orders", 100);
        int snapshotsBefore = snapshotCount("retail.orders");

        cluster.rest().send("PUT", "connectors/orders-sink/stop", null);
        Await.until("connector orders-sink STOPPED", TIMEOUT, () -> "STOPPED".equals(
                cluster.rest().status("orders-sink").path("connector").path("state").asText()) ? true : null,
                () -> cluster.rest().status("orders-sink").toString());
        cluster.rest().send("DELETE", "connectors/orders-sink/offsets", null);
        cluster.rest().send("PUT", "connectors/orders-sink/resume", null);
        cluster.awaitRunning("orders-sink", 2, TIMEOUT);
        for (int i = 100; i < 110; i++) {
            cluster.embedded().kafka().produce("orders", i % 2, null, "{\"order_id\":" + i + ",\"total\":1.0}");
        }

        List<Record> rows = awaitRows("retail.orders", 110);
        assertThat(rows).hasSize(110);
        assertThat(rows.stream().map(r -> r.getField("order_id")).distinct().count()).isEqualTo(110);
        // Only the new records were committed: every snapshot since added files of the 10 new records.
        assertThat(addedRecordsSince("retail.orders", snapshotsBefore)).isEqualTo(10);
    }

    /** A record that does not fit goes to the dead-letter queue; the connector keeps running and writing. */
    @Test
    void badRecordsGoToTheDeadLetterQueueAndTheConnectorKeepsRunning() {
        cluster.createTopic("payments", 1);
        cluster.createTopic("payments-dlq", 1);
        Map<String, String> config = IcebergSinkConfigs.writing(tables, "payments", "retail.payments");
        config.put("tasks.max", "1");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "payments-dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        cluster.rest().putConnector("payments-sink", config);
        cluster.awaitRunning("payments-sink", 1, TIMEOUT);

        cluster.embedded().kafka().produce("payments", 0, null, "{\"payment_id\":1,\"amount\":10}");
        awaitRows("retail.payments", 1);
        cluster.embedded().kafka().produce("payments", 0, null, "{not json");
        cluster.embedded().kafka().produce("payments", 0, null, "{\"payment_id\":\"secret-7f3a\",\"amount\":20}");
        cluster.embedded().kafka().produce("payments", 0, null, "\"just a string\"");
        cluster.embedded().kafka().produce("payments", 0, null, "{\"payment_id\":3,\"amount\":30}");

        List<Record> rows = awaitRows("retail.payments", 2);
        assertThat(rows.stream().map(r -> r.getField("payment_id")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(1L, 3L);
        var dead = cluster.readCommitted("payments-dlq", 3, TIMEOUT);
        assertThat(dead).hasSize(3);
        String reasons = dead.stream().flatMap(r -> java.util.stream.StreamSupport.stream(r.headers().spliterator(),
                false)).filter(h -> h.key().equals("__connect.errors.exception.message"))
                .map(h -> new String(h.value())).collect(Collectors.joining("\n"));
        assertThat(reasons).contains("payment_id").contains("retail.payments").contains("offset=2");
        assertThat(reasons).doesNotContain("secret-7f3a");
        assertThat(cluster.rest().status("payments-sink").path("tasks").get(0).path("state").asText())
                .isEqualTo("RUNNING");
    }

    /** Every Connect type, sent through JSON with schemas, read back with Iceberg's generic reader. */
    @Test
    void everyTypeRoundTrips() {
        cluster.createTopic("typed", 1);
        Map<String, String> config = IcebergSinkConfigs.writing(tables, "typed", "lake.typed");
        config.put("tasks.max", "1");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("value.converter.decimal.format", "NUMERIC");
        cluster.rest().putConnector("typed-sink", config);
        cluster.awaitRunning("typed-sink", 1, TIMEOUT);
        String schema = "{\"type\":\"struct\",\"fields\":["
                + field("i8", "int8") + "," + field("i16", "int16") + "," + field("i32", "int32") + ","
                + field("i64", "int64") + "," + field("f32", "float") + "," + field("f64", "double") + ","
                + field("flag", "boolean") + "," + field("text", "string") + "," + field("raw", "bytes") + ","
                + "{\"field\":\"price\",\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\","
                + "\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"10\"}},"
                + "{\"field\":\"day\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Date\"},"
                + "{\"field\":\"at\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Time\"},"
                + "{\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\"},"
                + "{\"field\":\"uuid\",\"type\":\"string\",\"name\":\"io.debezium.data.Uuid\"},"
                + "{\"field\":\"user\",\"type\":\"struct\",\"fields\":[" + field("id", "int64") + ","
                + field("country", "string") + "]},"
                + "{\"field\":\"tags\",\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
                + "{\"field\":\"counts\",\"type\":\"map\",\"keys\":{\"type\":\"string\"},"
                + "\"values\":{\"type\":\"int32\"}}]}";
        String payload = "{\"i8\":-8,\"i16\":1600,\"i32\":320000,\"i64\":6400000000,\"f32\":1.5,"
                + "\"f64\":2.25,\"flag\":true,\"text\":\"grüße\",\"raw\":\"AQID\",\"price\":12.34,"
                + "\"day\":20416,\"at\":45296789,\"ts\":" + T0 + ","
                + "\"uuid\":\"0f8fad5b-d9cb-469f-a165-70867728950e\","
                + "\"user\":{\"id\":7,\"country\":\"DE\"},\"tags\":[\"a\",\"b\"],\"counts\":{\"x\":1}}";
        cluster.embedded().kafka().produce("typed", 0, null, "{\"schema\":" + schema + ",\"payload\":" + payload + "}");

        Record row = awaitRows("lake.typed", 1).get(0);

        assertThat(row.getField("i8")).isEqualTo(-8);
        assertThat(row.getField("i16")).isEqualTo(1600);
        assertThat(row.getField("i32")).isEqualTo(320000);
        assertThat(row.getField("i64")).isEqualTo(6_400_000_000L);
        assertThat(row.getField("f32")).isEqualTo(1.5f);
        assertThat(row.getField("f64")).isEqualTo(2.25d);
        assertThat(row.getField("flag")).isEqualTo(true);
        assertThat(row.getField("text")).isEqualTo("grüße");
        assertThat(row.getField("raw")).isEqualTo(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(row.getField("price")).isEqualTo(new java.math.BigDecimal("12.34"));
        assertThat(row.getField("day")).isEqualTo(java.time.LocalDate.of(2025, 11, 24));
        assertThat(row.getField("at")).isEqualTo(java.time.LocalTime.of(12, 34, 56, 789_000_000));
        assertThat(row.getField("ts")).isEqualTo(Instant.ofEpochMilli(T0).atOffset(java.time.ZoneOffset.UTC));
        assertThat(row.getField("uuid")).isEqualTo(java.util.UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
        Record user = (Record) row.getField("user");
        assertThat(user.getField("id")).isEqualTo(7L);
        assertThat(user.getField("country")).isEqualTo("DE");
        assertThat(row.getField("tags")).isEqualTo(List.of("a", "b"));
        assertThat(row.getField("counts")).isEqualTo(Map.of("x", 1));
        var types = tables.load("lake.typed").schema();
        assertThat(types.findType("price").toString()).isEqualTo("decimal(10, 2)");
        assertThat(types.findType("ts").toString()).isEqualTo("timestamptz");
        assertThat(types.findType("uuid").toString()).isEqualTo("uuid");
    }

    private static String field(String name, String type) {
        return "{\"field\":\"" + name + "\",\"type\":\"" + type + "\"}";
    }

    private static int snapshotCount(String table) {
        int count = 0;
        for (var ignored : tables.load(table).snapshots()) {
            count++;
        }
        return count;
    }

    private static long addedRecordsSince(String table, int snapshotsBefore) {
        long added = 0;
        int index = 0;
        for (var snapshot : tables.load(table).snapshots()) {
            if (index++ >= snapshotsBefore) {
                added += Long.parseLong(snapshot.summary().getOrDefault("added-records", "0"));
            }
        }
        return added;
    }
}
