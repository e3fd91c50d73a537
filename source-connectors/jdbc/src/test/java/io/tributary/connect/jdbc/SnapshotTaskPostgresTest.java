package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.smt.boundary.SnapshotBoundary;
import io.tributary.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task snapshotting real PostgreSQL tables, driven as a worker would, with a fake offset store. */
class SnapshotTaskPostgresTest {

    private static final int ROWS = 2_500;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres postgres;

    private String url;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void createTables() throws SQLException {
        url = postgres.createDatabase("snap" + DATABASES.incrementAndGet());
        execute("CREATE TABLE orders (region text NOT NULL, id int NOT NULL, amount numeric(10,2), "
                + "PRIMARY KEY (region, id))");
        execute("INSERT INTO orders SELECT (ARRAY['EU','US','APAC'])[1 + g % 3], g, g * 1.5 "
                + "FROM generate_series(1, " + ROWS + ") g");
        execute("CREATE TABLE logs (line text)");
        execute("INSERT INTO logs SELECT 'line ' || g FROM generate_series(1, 1000) g");
    }

    @Test
    void snapshotSendsEveryRowOnceStampedAndPartitionedThenOneMarkerPerPartition() {
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        try (TaskDriver driver = new TaskDriver(config("orders", 3), context, clock)) {
            List<SourceRecord> records = driver.pollUntilSnapshotEnds(20);

            assertThat(driver.batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(700));
            List<SourceRecord> rows = rows(records);
            assertThat(rows).hasSize(ROWS);
            assertThat(rows.stream().map(r -> r.key().toString()).collect(Collectors.toSet())).hasSize(ROWS);
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.topic()).isEqualTo("shop.public.orders");
                assertThat(row.kafkaPartition()).isEqualTo(SnapshotBoundary.partitionFor(row.key(), 3));
                assertThat(SnapshotBoundary.readRef(row.headers()).orElseThrow().table()).isEqualTo("public.orders");
            });
            assertThat(rows.stream().map(r -> SnapshotBoundary.readRef(r.headers()).orElseThrow().id()).distinct())
                    .hasSize(1);
            assertMarkersCount(records, rows, 3);
            assertThat(context.offsets.get(Map.of("table", "public.orders"))).containsEntry("completed.rows",
                    (long) ROWS).doesNotContainKey("snapshot.id");
        }
    }

    @Test
    void aCrashMidSnapshotResumesAfterTheLastKeyWithTheSameIdAndCounts() {
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        List<SourceRecord> beforeCrash;
        try (TaskDriver first = new TaskDriver(config("orders", 3), context, clock)) {
            first.poll();
            first.poll();
            beforeCrash = first.batches.stream().flatMap(List::stream).toList();
        }
        assertThat(beforeCrash).hasSize(1_400);

        List<SourceRecord> afterCrash;
        try (TaskDriver second = new TaskDriver(config("orders", 3), context, clock)) {
            afterCrash = second.pollUntilSnapshotEnds(20);
        }

        List<SourceRecord> all = new java.util.ArrayList<>(beforeCrash);
        all.addAll(afterCrash);
        List<SourceRecord> rows = rows(all);
        assertThat(rows).hasSize(ROWS);
        assertThat(rows.stream().map(r -> r.key().toString()).collect(Collectors.toSet())).hasSize(ROWS);
        assertThat(all.stream().map(r -> SnapshotBoundary.readRef(r.headers()).orElseThrow().id()).distinct())
                .hasSize(1);
        assertMarkersCount(all, rows, 3);
    }

    @Test
    void aCompletedSnapshotIsNotSentAgainAfterARestart() {
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        try (TaskDriver first = new TaskDriver(config("orders", 1), context, clock)) {
            first.pollUntilSnapshotEnds(20);
        }
        try (TaskDriver second = new TaskDriver(config("orders", 1), context, clock)) {
            assertThat(second.poll()).isEmpty();
            assertThat(second.poll()).isEmpty();
        }
    }

    @Test
    void anIntervalScheduleStartsANewSnapshotWhenDue() {
        Map<String, String> config = new HashMap<>(config("orders", 1));
        config.put("snapshot.schedule", "interval:PT1H");
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        try (TaskDriver driver = new TaskDriver(config, context, clock)) {
            String firstId = snapshotId(driver.pollUntilSnapshotEnds(20));
            clock.advance(Duration.ofMinutes(30));
            assertThat(driver.poll()).isEmpty();

            clock.advance(Duration.ofMinutes(31));
            String secondId = snapshotId(driver.pollUntilSnapshotEnds(20));

            assertThat(secondId).isNotEqualTo(firstId);
        }
    }

    @Test
    void anOperatorResnapshotRequestStartsANewSnapshotCarryingItsToken() {
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        String firstId;
        try (TaskDriver first = new TaskDriver(config("orders", 1), context, clock)) {
            firstId = snapshotId(first.pollUntilSnapshotEnds(20));
        }
        context.store(Map.of("table", "public.orders"), Map.of("resnapshot", "TICKET-4711"));
        clock.advance(Duration.ofSeconds(1));

        try (TaskDriver second = new TaskDriver(config("orders", 1), context, clock)) {
            List<SourceRecord> records = second.pollUntilSnapshotEnds(20);
            assertThat(rows(records)).hasSize(ROWS);
            assertThat(snapshotId(records)).isNotEqualTo(firstId);
        }
        assertThat(context.offsets.get(Map.of("table", "public.orders")))
                .containsEntry("completed.resnapshot", "TICKET-4711");
    }

    @Test
    void transactionsAreRequestedEveryNRowsAndAfterTheLastMarker() {
        Map<String, String> config = new HashMap<>(config("orders", 2));
        config.put("snapshot.transaction.rows", "1000");
        FakeTaskContext context = new FakeTaskContext(Map.of(), true);
        try (TaskDriver driver = new TaskDriver(config, context, clock)) {
            List<SourceRecord> records = driver.pollUntilSnapshotEnds(20);

            List<SourceRecord> commits = context.transactions.commits;
            assertThat(commits).hasSize(3);
            assertThat(records.indexOf(commits.get(0))).isEqualTo(999);
            assertThat(records.indexOf(commits.get(1))).isEqualTo(1999);
            assertThat(commits.get(2)).isSameAs(records.get(records.size() - 1));
            assertThat(SnapshotBoundary.isMarker(commits.get(2).headers())).isTrue();
        }
    }

    @Test
    void aTableWithoutKeyIsSpreadRoundRobinAndRestartsUnderANewIdAfterACrash() {
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        String firstId;
        try (TaskDriver first = new TaskDriver(config("logs", 2), context, clock)) {
            List<SourceRecord> batch = first.poll();
            firstId = snapshotId(batch);
            assertThat(batch).extracting(SourceRecord::kafkaPartition).startsWith(0, 1, 0, 1);
            assertThat(batch).allSatisfy(r -> assertThat(r.key()).isNull());
        }
        clock.advance(Duration.ofSeconds(1));
        try (TaskDriver second = new TaskDriver(config("logs", 2), context, clock)) {
            List<SourceRecord> records = second.pollUntilSnapshotEnds(20);
            assertThat(snapshotId(records)).isNotEqualTo(firstId);
            assertThat(rows(records)).hasSize(1000);
            assertMarkersCount(records, rows(records), 2);
        }
    }

    @Test
    void metricsMoveWithTheSnapshot() {
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        execute("ANALYZE orders");
        try (TaskDriver driver = new TaskDriver(config("orders", 1), context, clock)) {
            driver.poll();
            assertThat(context.gauge("rows-read-total", "public.orders")).isEqualTo(700L);
            assertThat(context.gauge("snapshot-rows-done", "public.orders")).isEqualTo(700L);
            assertThat(((Number) context.gauge("snapshot-rows-estimated", "public.orders")).longValue())
                    .isEqualTo(ROWS);
            clock.advance(Duration.ofMillis(1234));
            driver.pollUntilSnapshotEnds(20);
            assertThat(context.gauge("rows-read-total", "public.orders")).isEqualTo((long) ROWS);
            assertThat(context.gauge("last-snapshot-duration-ms", "public.orders")).isEqualTo(1234L);
        }
    }

    @Test
    void aMissingTableIsAnErrorNamingIt() {
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        try (TaskDriver driver = new TaskDriver(config("nosuch", 1), context, clock)) {
            assertThatThrownBy(driver::poll).isInstanceOf(ConnectException.class).hasMessageContaining("nosuch");
        }
    }

    @Test
    void anUnreachableDatabaseKeepsTheTaskRunningAndRetriesWithBackoff() {
        Map<String, String> config = new HashMap<>(config("orders", 1));
        config.put("connection.url", "jdbc:postgresql://127.0.0.1:1/nowhere");
        config.put("connection.backoff.ms", "100");
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        try (TaskDriver driver = new TaskDriver(config, context, clock)) {
            assertThat(driver.poll()).isEmpty();
            assertThat(driver.poll()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
            assertThat(driver.poll()).isEmpty();
            assertThat(context.metrics.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("connection-failures")).findFirst().orElseThrow()
                    .getValue().metricValue()).isEqualTo(2);
        }
    }

    @Test
    void aConnectionKilledMidSnapshotIsRetriedAfterABackoffAndTheSnapshotGoesOnUnderItsId() {
        Map<String, String> config = new HashMap<>(config("orders", 3));
        config.put("connection.backoff.ms", "1000");
        // Many more rows than one fetch holds, so the kill hits a read to come.
        int extra = 20_000;
        execute("INSERT INTO orders SELECT 'ZZ', g, g FROM generate_series(1, " + extra + ") g");
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        try (TaskDriver driver = new TaskDriver(config, context, clock)) {
            List<SourceRecord> records = new java.util.ArrayList<>(driver.poll());
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND pid <> pg_backend_pid()");

            // Rows the driver fetched before the kill may come first; then the failed read, an empty poll.
            int polls = 0;
            for (List<SourceRecord> batch = driver.poll(); !batch.isEmpty(); batch = driver.poll()) {
                records.addAll(batch);
                assertThat(++polls).as("polls before the failed read").isLessThan(10);
            }
            assertThat(rows(records).size()).as("rows before the failure").isLessThan(ROWS + extra);
            assertThat(driver.poll()).as("still backing off").isEmpty();
            clock.advance(Duration.ofSeconds(2));
            records.addAll(driver.pollUntilSnapshotEnds(60));

            List<SourceRecord> rows = rows(records);
            assertThat(rows).hasSize(ROWS + extra);
            assertThat(rows.stream().map(r -> r.key().toString()).collect(Collectors.toSet())).hasSize(ROWS + extra);
            assertThat(records.stream().map(r -> SnapshotBoundary.readRef(r.headers()).orElseThrow().id())
                    .distinct()).hasSize(1);
            assertMarkersCount(records, rows, 3);
        }
    }

    @Test
    void stoppingMidSnapshotClosesItsConnection() throws SQLException {
        execute("INSERT INTO orders SELECT 'ZZ', g, g FROM generate_series(1, 20000) g");
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        TaskDriver driver = new TaskDriver(config("orders", 3), context, clock);
        assertThat(driver.poll()).isNotEmpty();
        assertThat(otherConnections()).as("the snapshot's read, open across polls").isPositive();

        driver.close();

        assertThat(otherConnections()).as("connections to the database left open").isZero();
    }

    private int otherConnections() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                Statement statement = connection.createStatement();
                java.sql.ResultSet others = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            others.next();
            return others.getInt(1);
        }
    }

    @Test
    void keysOfTimestampsWithMicrosecondsNumericsAndUuidsResumeExactly() {
        execute("CREATE TABLE readings (at timestamptz NOT NULL, sensor uuid NOT NULL, v numeric(20,6) NOT NULL, "
                + "PRIMARY KEY (at, sensor, v))");
        execute("INSERT INTO readings SELECT timestamptz '2026-01-01 00:00:00.000001+00' + (g / 3) * "
                + "interval '1 microsecond', md5(g::text)::uuid, g / 7.0 FROM generate_series(1, 1500) g");
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        List<SourceRecord> all = new java.util.ArrayList<>();
        try (TaskDriver first = new TaskDriver(config("readings", 2), context, clock)) {
            all.addAll(first.poll());
        }
        try (TaskDriver second = new TaskDriver(config("readings", 2), context, clock)) {
            all.addAll(second.pollUntilSnapshotEnds(20));
        }

        List<SourceRecord> rows = rows(all);
        assertThat(rows).hasSize(1500);
        assertThat(rows.stream().map(r -> ((Struct) r.key()).getString("sensor")).distinct()).hasSize(1500);
        assertMarkersCount(all, rows, 2);
    }

    private Map<String, String> config(String table, int partitions) {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", url);
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("tables", table);
        config.put("task.tables", table);
        config.put("topic.template", "shop.${schema}.${table}");
        config.put("topic.partitions", Integer.toString(partitions));
        config.put("batch.max.rows", "700");
        config.put("snapshot.fetch.size", "300");
        return config;
    }

    static List<SourceRecord> rows(List<SourceRecord> records) {
        return records.stream().filter(r -> !SnapshotBoundary.isMarker(r.headers())).toList();
    }

    static String snapshotId(List<SourceRecord> records) {
        return SnapshotBoundary.readRef(records.get(0).headers()).orElseThrow().id();
    }

    /** The last marker of each partition counts exactly the rows sent there. */
    static void assertMarkersCount(List<SourceRecord> records, List<SourceRecord> rows, int partitions) {
        List<SourceRecord> markers = records.stream().filter(r -> SnapshotBoundary.isMarker(r.headers())).toList();
        assertThat(markers).hasSize(partitions);
        Map<Integer, Long> perPartition = rows.stream()
                .collect(Collectors.groupingBy(SourceRecord::kafkaPartition, Collectors.counting()));
        Set<Integer> marked = new java.util.HashSet<>();
        for (SourceRecord marker : markers) {
            SnapshotBoundary.Marker m = SnapshotBoundary.readMarker(marker.headers()).orElseThrow();
            assertThat(m.partitionRows()).isEqualTo(perPartition.getOrDefault(marker.kafkaPartition(), 0L));
            assertThat(m.totalRows()).isEqualTo(rows.size());
            assertThat(m.partitions()).isEqualTo(partitions);
            assertThat(marker.key()).isNull();
            assertThat(marker.value()).isNull();
            marked.add(marker.kafkaPartition());
        }
        assertThat(marked).hasSize(partitions);
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
