package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.testkit.Await;
import io.tributary.testkit.Closeables;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.IcebergTables;
import io.tributary.testkit.LogCapture;
import io.tributary.testkit.PluginBundle;
import io.tributary.testkit.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Iceberg sink's row-level write modes from the packaged zip, in a real worker with two sink tasks: upsert
 * (the last write per id wins, tombstones delete for good) and snapshot-replace (each complete snapshot the JDBC
 * source takes of a PostgreSQL table becomes the Iceberg table's contents in one commit; until then readers see
 * exactly the previous one, also across a restart of the sink's tasks in the middle of a snapshot).
 */
class SinkWriteModesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String JSON = "org.apache.kafka.connect.json.JsonConverter";
    private static final String PUBLISHED = "tributary.published-snapshot.";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int IDS = 1_000;
    private static final int ROUNDS = 100;
    /** The advisory lock that holds the gated source's read at {@link #GATE_ID}. */
    private static final int GATE_LOCK = 4242;
    private static final long GATE_ID = 10_001;

    @TempDir
    static Path pluginPath;
    @TempDir
    static Path lake;

    private static ConnectCluster cluster;
    /** The source databases and the catalog's: a server, so this JVM's reader never shares SQLite locks with sinks. */
    private static TestPostgres postgres;
    private static IcebergTables tables;

    @BeforeAll
    static void start() {
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
        postgres = TestPostgres.start();
        tables = IcebergTables.postgresWarehouse(lake, postgres, "lake");
        cluster = ConnectCluster.builder().pluginPath(pluginPath).start();
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(cluster, postgres);
    }

    /** Idle connectors of earlier tests would only take CPU from the next one. */
    @AfterEach
    void deleteConnectors() {
        for (JsonNode name : cluster.rest().send("GET", "connectors", null)) {
            cluster.rest().deleteConnector(name.asText());
        }
    }

    /**
     * 100,000 updates of 1,000 ids spread by key over two partitions and two tasks, committed every 10,000
     * records a task holds (so ids are replaced within a commit and across many), then tombstones for 50 ids:
     * one row per remaining id, the last written. Later commits of both tasks never bring a deleted id back.
     */
    @Test
    void upsertsKeepTheLastWritePerIdAndTombstonesDeleteForGood() throws Exception {
        cluster.createTopic("accounts", 2);
        Map<String, String> config = sink("accounts", "lake.accounts", "upsert");
        config.put("iceberg.tables.id-columns", "id");
        config.put("key.converter", JSON);
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter.schemas.enable", "false");
        config.put("iceberg.commit.max-buffered-records", "10000");
        // Maintenance runs every second during the stream: compaction racing the upserts must lose nothing.
        config.put("iceberg.maintenance.interval.ms", "1000");
        config.put("iceberg.maintenance.compact.min-files", "3");
        cluster.rest().putConnector("accounts-upsert", config);
        cluster.awaitRunning("accounts-upsert", 2, TIMEOUT);
        Set<Long> deleted = IntStream.range(0, IDS).filter(id -> id % 20 == 3).mapToObj(id -> (long) id)
                .collect(Collectors.toSet());

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            for (int round = 0; round < ROUNDS; round++) {
                sendRound(producer, round, Set.of());
            }
            List<Future<RecordMetadata>> tombstones = new ArrayList<>();
            for (long id : deleted) {
                tombstones.add(producer.send(new ProducerRecord<>("accounts", accountKey(id), null)));
            }
            producer.flush();
            Set<Integer> partitionsOfDeleted = new HashSet<>();
            for (Future<RecordMetadata> tombstone : tombstones) {
                partitionsOfDeleted.add(tombstone.get().partition());
            }
            assertThat(partitionsOfDeleted).as("deleted ids are in both partitions, so in both tasks")
                    .containsExactlyInAnyOrder(0, 1);
            awaitConsumed("accounts-upsert", "accounts");
            assertAccounts(deleted, ROUNDS - 1);

            // More commits by both tasks, each round committed before the next: none touches a deleted id.
            for (int round = ROUNDS; round < ROUNDS + 3; round++) {
                sendRound(producer, round, deleted);
                producer.flush();
                awaitConsumed("accounts-upsert", "accounts");
            }
            assertAccounts(deleted, ROUNDS + 2);
        }
        Table accounts = tables.load("lake.accounts");
        assertThat(accounts.snapshots()).as("maintenance compacted the table while the stream ran")
                .anySatisfy(snapshot -> assertThat(snapshot.summary()).containsEntry("tributary.maintenance",
                        "compaction"));
    }

    private static void sendRound(KafkaProducer<String, String> producer, int round, Set<Long> skipped) {
        for (long id = 0; id < IDS; id++) {
            if (!skipped.contains(id)) {
                producer.send(new ProducerRecord<>("accounts", accountKey(id), "{\"id\":" + id + ",\"v\":" + round
                        + ",\"label\":\"" + accountLabel(id, round) + "\"}"));
            }
        }
    }

    /** The same text for the same id, so the default partitioner always sends an id to the same partition. */
    private static String accountKey(long id) {
        return "{\"id\":" + id + "}";
    }

    private static String accountLabel(long id, int round) {
        return "account " + id + " round " + round;
    }

    private static void assertAccounts(Set<Long> deleted, int lastRound) {
        List<Record> rows = tables.rows("lake.accounts");
        List<String> expected = new ArrayList<>();
        for (long id = 0; id < IDS; id++) {
            if (!deleted.contains(id)) {
                expected.add(id + "|" + lastRound + "|" + accountLabel(id, lastRound));
            }
        }
        List<String> actual = rows.stream().map(r -> r.getField("id") + "|" + r.getField("v") + "|"
                + r.getField("label")).toList();
        assertThat(rows.size()).as("rows after round %d", lastRound).isEqualTo(IDS - deleted.size());
        assertThat(rows.stream().map(r -> (Long) r.getField("id")).filter(deleted::contains).distinct().sorted())
                .as("deleted ids in the table after round %d", lastRound).isEmpty();
        assertThat(difference(expected, actual)).as("rows after round %d", lastRound).isEmpty();
    }

    /**
     * Three snapshots of a 500-row table: the first published whole; the second, after rows were deleted,
     * updated and inserted at the source, replaces it (readers meanwhile see exactly the first); the third, of
     * unchanged rows, leaves the same contents under a newer published snapshot.
     */
    @Test
    void eachCompleteSnapshotReplacesTheTableAtOnce() throws Exception {
        createOrders("shop", 500);
        cluster.createTopic("shop.orders", 2);
        Map<String, String> sink = sink("shop.orders", "lake.orders", "snapshot-replace");
        sink.put("iceberg.tables.snapshot-replace.scope", "table");
        sink.put("iceberg.tables.partition-by", "day(created_at)");
        cluster.rest().putConnector("orders-replace", sink);
        cluster.rest().putConnector("orders-jdbc", jdbcSource("shop"));
        cluster.awaitRunning("orders-replace", 2, TIMEOUT);

        List<String> first = sourceRows("shop");
        assertThat(first.size()).isEqualTo(500);
        JsonNode published1 = awaitPublished("lake.orders", "orders-replace", null, List.of(), first);
        assertThat(published1.path("table").asText()).isEqualTo("public.orders");
        assertThat(published1.path("rows").asLong()).isEqualTo(500);

        try (Connection db = postgres.connect("shop"); Statement sql = db.createStatement()) {
            assertThat(sql.executeUpdate("DELETE FROM orders WHERE id % 25 = 0")).isEqualTo(20);
            assertThat(sql.executeUpdate("UPDATE orders SET status = 'refunded', amount = amount + 0.01 "
                    + "WHERE id IN (SELECT id FROM orders WHERE id % 3 = 1 ORDER BY id LIMIT 30)")).isEqualTo(30);
            assertThat(sql.executeUpdate("INSERT INTO orders SELECT g, 'new', 9.99, "
                    + "timestamptz '2026-03-09 12:00:00+00' FROM generate_series(501, 510) g")).isEqualTo(10);
        }
        List<String> second = sourceRows("shop");
        assertThat(second.size()).isEqualTo(490);
        resnapshot("orders-jdbc", "IT-2");
        JsonNode published2 = awaitPublished("lake.orders", "orders-replace", id(published1), first, second);
        assertThat(published2.path("rows").asLong()).isEqualTo(490);
        assertThat(id(published2)).isGreaterThan(id(published1));
        Map<Long, Record> byId = tables.rows("lake.orders").stream()
                .collect(Collectors.toMap(r -> (Long) r.getField("id"), r -> r));
        assertThat(byId).doesNotContainKeys(25L, 500L).containsKeys(1L, 510L);
        assertThat(byId.get(1L).getField("status")).isEqualTo("refunded");

        resnapshot("orders-jdbc", "IT-3");
        JsonNode published3 = awaitPublished("lake.orders", "orders-replace", id(published2), second, second);
        assertThat(id(published3)).isGreaterThan(id(published2));
        assertThat(published3.path("rows").asLong()).isEqualTo(490);
    }

    /**
     * The second snapshot of a 20,000-row table is held at the source after its first 10,000 rows (a gate in
     * the table's row-level security policy); the sink stages them, its tasks are restarted, and only then does
     * the source go on. Readers see exactly the first snapshot throughout, then exactly the second.
     */
    @Test
    void restartingTheSinkInTheMiddleOfASnapshotKeepsThePreviousOneVisible() throws Exception {
        createOrders("crm", 20_000);
        gateReadsOfOrders("crm");
        cluster.createTopic("crm.orders", 2);
        Map<String, String> source = jdbcSource("crm");
        source.put("connection.user", "gated_reader");
        source.put("batch.max.rows", "500");
        source.put("snapshot.fetch.size", "500");
        try (LogCapture logs = LogCapture.start()) {
            cluster.rest().putConnector("crm-replace", sink("crm.orders", "lake.crm_orders", "snapshot-replace"));
            cluster.rest().putConnector("crm-jdbc", source);
            cluster.awaitRunning("crm-replace", 2, TIMEOUT);
            List<String> first = sourceRows("crm");
            String firstId = id(awaitPublished("lake.crm_orders", "crm-replace", null, List.of(), first));

            try (Connection db = postgres.connect("crm"); Statement sql = db.createStatement()) {
                sql.executeUpdate("UPDATE orders SET status = 'repriced', amount = amount + 0.50 WHERE id % 7 = 0");
                // Deleted after the gate only: the 10,000 rows before it, a multiple of the fetch and batch sizes,
                // all reach the source before its read waits (a fetch holding the gate returns none of its rows).
                sql.executeUpdate("DELETE FROM orders WHERE id BETWEEN 15001 AND 15100");
                sql.executeUpdate("INSERT INTO orders SELECT g, 'new', 1.00, "
                        + "timestamptz '2026-03-10 00:00:00+00' FROM generate_series(20001, 20050) g");
            }
            List<String> second = sourceRows("crm");
            assertThat(second.size()).isEqualTo(19_950);
            List<String> beforeGate = second.stream().filter(row -> rowId(row) < GATE_ID).toList();

            try (Connection gate = postgres.connect("crm"); Statement sql = gate.createStatement()) {
                sql.execute("SELECT pg_advisory_lock(" + GATE_LOCK + ")");
                resnapshot("crm-jdbc", "IT-CRASH");
                List<String> staged = Await.until(beforeGate.size() + " rows staged", TIMEOUT, () -> {
                    assertMainShows("lake.crm_orders", "crm-replace", firstId, first);
                    List<String> rows = stagedRows("lake.crm_orders", "crm-replace");
                    return rows.size() >= beforeGate.size() ? rows : null;
                }, () -> stagedRows("lake.crm_orders", "crm-replace").size() + " rows staged");
                assertThat(difference(beforeGate, staged)).as("the stage holds the rows read so far").isEmpty();

                String started = "offsets stored as 'tributary.kafka-offsets.crm-replace'";
                int startsBefore = occurrences(logs.text(), started);
                cluster.rest().send("POST", "connectors/crm-replace/restart?includeTasks=true", null);
                Await.until("both sink tasks started again", TIMEOUT,
                        () -> occurrences(logs.text(), started) >= startsBefore + 2 ? Boolean.TRUE : null,
                        () -> occurrences(logs.text(), started) - startsBefore + " restarted");
                cluster.awaitRunning("crm-replace", 2, TIMEOUT);
                assertMainShows("lake.crm_orders", "crm-replace", firstId, first);
                assertThat(difference(beforeGate, stagedRows("lake.crm_orders", "crm-replace"))).isEmpty();
                sql.execute("SELECT pg_advisory_unlock(" + GATE_LOCK + ")");
            }

            JsonNode published = awaitPublished("lake.crm_orders", "crm-replace", firstId, first, second);
            assertThat(published.path("rows").asLong()).isEqualTo(19_950);
        }
    }

    private static Map<String, String> sink(String topic, String table, String mode) {
        Map<String, String> config = IcebergSinkConfigs.writing(tables, topic, table);
        config.put("iceberg.tables.write-mode", mode);
        config.put("value.converter", JSON);
        config.put("value.converter.schemas.enable", "true");
        return config;
    }

    /** Snapshots {@code public.orders} of {@code database} into topic {@code <database>.orders}, over 2 partitions. */
    private static Map<String, String> jdbcSource(String database) {
        Map<String, String> config = JdbcSourceConfigs.reading(postgres, database);
        config.put("tables", "public.orders");
        config.put("mode", "snapshot");
        config.put("topic.template", database + ".${table}");
        config.put("topic.partitions", "2");
        config.put("key.converter", JSON);
        config.put("value.converter", JSON);
        return config;
    }

    private static void createOrders(String database, int rows) throws SQLException {
        postgres.createDatabase(database);
        try (Connection db = postgres.connect(database); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status text, amount numeric(10,2), "
                    + "created_at timestamptz)");
            sql.execute("INSERT INTO orders SELECT g, (ARRAY['new', 'paid', 'shipped'])[1 + g % 3], g * 0.25 + 1, "
                    + "timestamptz '2026-03-01 00:00:00+00' + (g % 5) * interval '1 day' + g * interval '1 second' "
                    + "FROM generate_series(1, " + rows + ") g");
            sql.execute("ANALYZE orders");
        }
    }

    /**
     * Makes every read of {@code orders} by the role {@code gated_reader} wait at row {@link #GATE_ID} while this
     * JVM holds advisory lock {@link #GATE_LOCK}: its row-level security policy takes the lock shared there. Sorts
     * are off for the role, so the source's {@code ORDER BY id} streams from the primary key's index and every
     * row before the gate reaches the source first.
     */
    private static void gateReadsOfOrders(String database) throws SQLException {
        try (Connection db = postgres.connect(database); Statement sql = db.createStatement()) {
            sql.execute("CREATE ROLE gated_reader LOGIN");
            sql.execute("ALTER ROLE gated_reader SET enable_sort = off");
            sql.execute("ALTER ROLE gated_reader SET max_parallel_workers_per_gather = 0");
            sql.execute("GRANT SELECT ON orders TO gated_reader");
            sql.execute("CREATE FUNCTION read_gate(id bigint) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF id = " + GATE_ID + " THEN PERFORM pg_advisory_xact_lock_shared(" + GATE_LOCK + "); END IF; "
                    + "RETURN true; END $$");
            sql.execute("ALTER TABLE orders ENABLE ROW LEVEL SECURITY");
            sql.execute("CREATE POLICY gate ON orders FOR SELECT TO gated_reader USING (read_gate(id))");
        }
    }

    /** Every row of {@code orders} as {@code id|status|amount|created_at (epoch ms)}, sorted. */
    private static List<String> sourceRows(String database) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = postgres.connect(database); Statement sql = db.createStatement();
                ResultSet result = sql.executeQuery("SELECT id, status, amount, created_at FROM orders")) {
            while (result.next()) {
                rows.add(orderRow(result.getLong(1), result.getString(2), result.getBigDecimal(3),
                        result.getObject(4, OffsetDateTime.class)));
            }
        }
        return rows.stream().sorted().toList();
    }

    /** The rows of {@code table} in {@code snapshot} (none for null) as {@link #sourceRows} gives them, sorted. */
    private static List<String> orderRows(Table table, Snapshot snapshot) {
        List<String> rows = new ArrayList<>();
        if (snapshot == null) {
            return rows;
        }
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).useSnapshot(snapshot.snapshotId()).build()) {
            for (Record r : records) {
                rows.add(orderRow((Long) r.getField("id"), (String) r.getField("status"),
                        (BigDecimal) r.getField("amount"), (OffsetDateTime) r.getField("created_at")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows.stream().sorted().toList();
    }

    private static String orderRow(long id, String status, BigDecimal amount, OffsetDateTime createdAt) {
        return id + "|" + status + "|" + amount.toPlainString() + "|" + createdAt.toInstant().toEpochMilli();
    }

    private static long rowId(String row) {
        return Long.parseLong(row.substring(0, row.indexOf('|')));
    }

    /** Asks the source for a new snapshot of {@code public.orders} now (docs/jdbc-source-offsets.md). */
    private static void resnapshot(String connector, String token) {
        cluster.rest().send("PUT", "connectors/" + connector + "/stop", null);
        Await.until(connector + " STOPPED", TIMEOUT, () -> "STOPPED".equals(
                cluster.rest().status(connector).path("connector").path("state").asText()) ? Boolean.TRUE : null,
                () -> cluster.rest().status(connector).toString());
        cluster.rest().send("PATCH", "connectors/" + connector + "/offsets", Map.of("offsets", List.of(Map.of(
                "partition", Map.of("table", "public.orders"), "offset", Map.of("resnapshot", token)))));
        cluster.rest().send("PUT", "connectors/" + connector + "/resume", null);
        cluster.awaitRunning(connector, 1, TIMEOUT);
    }

    /** The main branch as one reader sees it: its rows, and the source snapshot its summary names (or null). */
    private record MainBranch(List<String> rows, JsonNode published) {
        String publishedId() {
            return published == null ? null : id(published);
        }
    }

    private static MainBranch mainBranch(String table, String connector) {
        if (!tables.exists(table)) {
            return new MainBranch(List.of(), null);
        }
        Table loaded = tables.load(table);
        Snapshot current = loaded.currentSnapshot();
        String published = current == null ? null : current.summary().get(PUBLISHED + connector);
        try {
            return new MainBranch(orderRows(loaded, current), published == null ? null : MAPPER.readTree(published));
        } catch (JsonProcessingException e) {
            throw new AssertionError("Unreadable " + PUBLISHED + connector + ": " + published, e);
        }
    }

    /**
     * Polls the main branch until its summary names a published snapshot other than {@code previousId}; until
     * then every state seen must be exactly {@code before}, and then exactly {@code after}.
     *
     * @return the newly published snapshot, as the summary names it
     */
    private static JsonNode awaitPublished(String table, String connector, String previousId, List<String> before,
            List<String> after) {
        MainBranch published = Await.until("a snapshot after " + previousId + " published to " + table, TIMEOUT, () -> {
            MainBranch main = mainBranch(table, connector);
            if (main.published() != null && !main.publishedId().equals(previousId)) {
                return main;
            }
            assertShows(main, table, previousId, before);
            return null;
        }, () -> "still " + previousId);
        assertThat(difference(after, published.rows())).as("%s once %s is published", table, published.publishedId())
                .isEmpty();
        return published.published();
    }

    /** Asserts that the main branch of {@code table} shows exactly {@code rows}, published as {@code publishedId}. */
    private static void assertMainShows(String table, String connector, String publishedId, List<String> rows) {
        assertShows(mainBranch(table, connector), table, publishedId, rows);
    }

    private static void assertShows(MainBranch main, String table, String publishedId, List<String> rows) {
        assertThat(main.publishedId()).as("snapshot published in %s", table).isEqualTo(publishedId);
        assertThat(difference(rows, main.rows())).as("rows of %s while %s is published", table, publishedId)
                .isEmpty();
    }

    /** Rows on the sink's stage branch (snapshot-replace mode), which readers of the main branch do not see. */
    private static List<String> stagedRows(String table, String connector) {
        Table loaded = tables.load(table);
        return orderRows(loaded, loaded.snapshot("tributary-stage-" + connector));
    }

    private static String id(JsonNode published) {
        return published.path("id").asText();
    }

    /** Empty when both hold the same rows as often; else what is missing and what is unexpected, briefly. */
    private static String difference(List<String> expected, List<String> actual) {
        Map<String, Integer> counts = new HashMap<>();
        expected.forEach(row -> counts.merge(row, 1, Integer::sum));
        actual.forEach(row -> counts.merge(row, -1, Integer::sum));
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        counts.forEach((row, count) -> {
            for (int i = 0; i < Math.abs(count); i++) {
                (count > 0 ? missing : unexpected).add(row);
            }
        });
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return "";
        }
        return actual.size() + " rows instead of " + expected.size() + "; " + missing.size() + " missing, e.g. "
                + missing.stream().sorted().limit(5).toList() + "; " + unexpected.size() + " unexpected or repeated, "
                + "e.g. " + unexpected.stream().sorted().limit(5).toList();
    }

    /**
     * Waits until the sink's offsets (Connect's REST view of its consumer group, which advances only past what the
     * tables committed) reach the end of both partitions of {@code topic}.
     */
    private static void awaitConsumed(String connector, String topic) throws Exception {
        Map<Integer, Long> ends = new HashMap<>();
        for (int partition = 0; partition < 2; partition++) {
            ends.put(partition, cluster.embedded().kafka().endOffset(new TopicPartition(topic, partition)));
        }
        Map<Integer, Long> committed = new HashMap<>();
        Await.until(connector + " committed " + topic + " up to " + ends, TIMEOUT, () -> {
            for (JsonNode entry : cluster.rest().send("GET", "connectors/" + connector + "/offsets", null)
                    .path("offsets")) {
                committed.put(entry.path("partition").path("kafka_partition").asInt(),
                        entry.path("offset").path("kafka_offset").asLong());
            }
            return committed.equals(ends) ? Boolean.TRUE : null;
        }, committed::toString);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
