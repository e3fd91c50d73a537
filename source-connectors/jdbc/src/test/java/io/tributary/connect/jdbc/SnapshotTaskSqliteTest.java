package io.tributary.connect.jdbc;

import static io.tributary.connect.jdbc.SnapshotTaskPostgresTest.assertMarkersCount;
import static io.tributary.connect.jdbc.SnapshotTaskPostgresTest.rows;
import static io.tributary.connect.jdbc.SnapshotTaskPostgresTest.snapshotId;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.smt.boundary.SnapshotBoundary;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task snapshotting SQLite files: text keys, a custom query resumed by key.columns. */
class SnapshotTaskSqliteTest {

    private static final int ROWS = 1_500;

    @TempDir
    Path dir;
    private String url;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @BeforeEach
    void createTables() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("shop.db");
        try (Connection db = DriverManager.getConnection(url); Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE products (code TEXT PRIMARY KEY, name TEXT NOT NULL, price REAL)");
            statement.execute("WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < " + ROWS
                    + ") INSERT INTO products SELECT printf('P-%05d', n), 'product ' || n, n * 0.5 FROM g");
        }
    }

    @Test
    void aTableWithATextKeyResumesAfterACrashWithoutLossOrRepeats() {
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        List<SourceRecord> all = new ArrayList<>();
        try (TaskDriver first = new TaskDriver(config(Map.of("tables", "products")), context, clock)) {
            all.addAll(first.poll());
        }
        try (TaskDriver second = new TaskDriver(config(Map.of("tables", "products")), context, clock)) {
            all.addAll(second.pollUntilSnapshotEnds(20));
        }

        List<SourceRecord> rows = rows(all);
        assertThat(rows).hasSize(ROWS);
        assertThat(rows.stream().map(r -> ((Struct) r.key()).getString("code")).distinct()).hasSize(ROWS);
        assertThat(rows).allSatisfy(r -> assertThat(r.topic()).isEqualTo("sqlite.products"));
        assertThat(all.stream().map(r -> SnapshotBoundary.readRef(r.headers()).orElseThrow().id()).distinct())
                .hasSize(1);
        assertMarkersCount(all, rows, 2);
    }

    @Test
    void aCustomQueryWithKeyColumnsIsSnapshotAndResumedUnderItsName() {
        Map<String, String> settings = Map.of("query", "SELECT code, price FROM products WHERE price > 100 "
                + "ORDER BY price DESC;", "query.name", "expensive", "key.columns", "code");
        FakeTaskContext context = new FakeTaskContext(Map.of(), false);
        List<SourceRecord> all = new ArrayList<>();
        try (TaskDriver first = new TaskDriver(config(settings), context, clock)) {
            all.addAll(first.poll());
        }
        try (TaskDriver second = new TaskDriver(config(settings), context, clock)) {
            all.addAll(second.pollUntilSnapshotEnds(20));
        }

        List<SourceRecord> rows = rows(all);
        assertThat(rows).hasSize(ROWS - 200);
        assertThat(rows.stream().map(r -> ((Struct) r.key()).getString("code")).collect(Collectors.toSet()))
                .hasSize(ROWS - 200);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("sqlite.expensive");
            assertThat(r.sourcePartition()).isEqualTo(Map.of("query", "expensive"));
        });
        assertThat(SnapshotBoundary.readRef(all.get(0).headers()).orElseThrow().table()).isEqualTo("expensive");
        assertThat(snapshotId(all)).isEqualTo(snapshotId(rows.subList(rows.size() - 1, rows.size())));
        assertMarkersCount(all, rows, 2);
    }

    private Map<String, String> config(Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(settings);
        config.put("connection.url", url);
        if (settings.containsKey("tables")) {
            config.put("task.tables", settings.get("tables"));
        }
        config.put("topic.template", "sqlite.${table}");
        config.put("topic.partitions", "2");
        config.put("batch.max.rows", "400");
        return config;
    }
}
