package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task in incremental mode on PostgreSQL: positions, restarts, operator edits, transactions, lag. */
class IncrementalTaskTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres postgres;
    private String database;
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
    void createTable() throws SQLException {
        database = "inc" + DATABASES.incrementAndGet();
        postgres.createDatabase(database);
        execute("CREATE TABLE events (id bigint PRIMARY KEY, payload text, "
                + "updated timestamptz NOT NULL DEFAULT now() - interval '1 hour')");
        insert(1, 250);
    }

    @Test
    void newRowsAreReadAfterThePollIntervalAndARestartNeitherSkipsNorRepeats() throws SQLException {
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        List<Long> ids = new ArrayList<>();
        try (TaskDriver driver = new TaskDriver(config(Map.of()), context, clock)) {
            ids.addAll(ids(drain(driver)));
            assertThat(ids).hasSize(250);
            insert(251, 300);
            assertThat(driver.poll()).isEmpty();
            clock.advance(Duration.ofSeconds(2));
            ids.addAll(ids(drain(driver)));
        }
        insert(301, 320);
        try (TaskDriver restarted = new TaskDriver(config(Map.of()), context, clock)) {
            ids.addAll(ids(drain(restarted)));
        }

        assertThat(ids).hasSize(320).doesNotHaveDuplicates();
        assertThat(context.offsets.get(Map.of("table", "public.events"))).containsEntry("incrementing", 320L);
    }

    @Test
    void anOperatorStartingPointIsReadInclusively() {
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        context.store(Map.of("table", "public.events"), Map.of("incrementing", 200L));
        try (TaskDriver driver = new TaskDriver(config(Map.of()), context, clock)) {
            List<Long> ids = ids(drain(driver));
            assertThat(ids).hasSize(51).startsWith(200L).endsWith(250L);
        }
    }

    @Test
    void latestStartsFromNowOn() throws SQLException {
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        try (TaskDriver driver = new TaskDriver(config(Map.of("incremental.initial", "latest")), context, clock)) {
            assertThat(drain(driver)).isEmpty();
            insert(251, 255);
            clock.advance(Duration.ofSeconds(2));
            assertThat(ids(drain(driver))).containsExactly(251L, 252L, 253L, 254L, 255L);
        }
    }

    @Test
    void timestampAndIncrementingModeCommitsTransactionsAtResumablePointsAndReportsLag() {
        Map<String, String> settings = Map.of("timestamp.column", "updated", "incremental.safety.delay.ms", "0");
        FakeTaskContext context = new FakeTaskContext(Map.of(), true);
        try (TaskDriver driver = new TaskDriver(config(settings), context, clock)) {
            List<SourceRecord> records = drain(driver);
            assertThat(records).hasSize(250);
            assertThat(context.transactions.commits).isNotEmpty();
            assertThat(context.transactions.commits.get(context.transactions.commits.size() - 1))
                    .isSameAs(records.get(records.size() - 1));
            assertThat(((Number) context.gauge("incremental-lag-ms", "public.events")).longValue())
                    .isGreaterThanOrEqualTo(3_500_000L);
            assertThat(context.gauge("rows-read-total", "public.events")).isEqualTo(250L);
        }
    }

    /** Polls until a poll returns nothing. */
    private static List<SourceRecord> drain(TaskDriver driver) {
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            List<SourceRecord> batch = driver.poll();
            if (batch.isEmpty()) {
                return records;
            }
            records.addAll(batch);
        }
        throw new AssertionError("the table did not run dry");
    }

    private static List<Long> ids(List<SourceRecord> records) {
        return records.stream().map(r -> ((Struct) r.value()).getInt64("id")).toList();
    }

    private Map<String, String> config(Map<String, String> settings) {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", postgres.jdbcUrl(database));
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("tables", "events");
        config.put("task.tables", "events");
        config.put("mode", "incremental");
        config.put("incrementing.column", "id");
        config.put("incremental.poll.interval.ms", "1000");
        config.put("batch.max.rows", "100");
        config.putAll(settings);
        return config;
    }

    private void insert(int from, int to) throws SQLException {
        execute("INSERT INTO events (id, payload) SELECT g, 'event ' || g FROM generate_series(" + from + ", " + to
                + ") g");
    }

    private void execute(String sql) throws SQLException {
        try (Connection db = postgres.connect(database); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }
}
