package io.tributary.connect.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.schema.JdbcColumn;
import io.tributary.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresDialectTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres postgres;

    private final Dialect dialect = new PostgresDialect();
    private String database;
    private Connection writer;

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void createDatabase() throws SQLException {
        database = "dialect_" + DATABASES.incrementAndGet();
        postgres.createDatabase(database);
        writer = postgres.connect(database);
        execute(writer, "CREATE TABLE orders (id int PRIMARY KEY, status text)",
                "INSERT INTO orders SELECT i, CASE WHEN i % 2 = 0 THEN 'open' ELSE 'done' END "
                        + "FROM generate_series(1, 1000) AS i");
    }

    @AfterEach
    void closeWriter() throws SQLException {
        writer.close();
    }

    private Connection reader() throws SQLException {
        return dialect.connect(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    }

    @Test
    void aConsistentReadSeesOneSnapshotAndCannotWrite() throws SQLException {
        try (Connection reader = reader()) {
            dialect.beginConsistentRead(reader);
            assertThat(reader.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(reader.isReadOnly()).isTrue();
            assertThat(count(reader, "SELECT count(*) FROM orders")).isEqualTo(1000);

            execute(writer, "INSERT INTO orders VALUES (1001, 'open')", "DELETE FROM orders WHERE id = 1");

            assertThat(count(reader, "SELECT count(*) FROM orders")).isEqualTo(1000);
            assertThat(count(reader, "SELECT count(*) FROM orders WHERE id = 1")).isEqualTo(1);
            assertThatThrownBy(() -> execute(reader, "INSERT INTO orders VALUES (2000, 'x')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
            reader.rollback();
            assertThat(count(reader, "SELECT count(*) FROM orders WHERE id = 1001")).isEqualTo(1);
            reader.rollback();
        }
    }

    @Test
    void aStreamingQueryReadsThroughAServerSideCursor() throws SQLException {
        try (Connection reader = reader()) {
            dialect.beginConsistentRead(reader);
            try (PreparedStatement statement = dialect.prepareStreamingQuery(reader,
                    "SELECT * FROM orders ORDER BY id", 10);
                 ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                // The open portal the driver fetches from, ten rows at a time, is a cursor on the server.
                assertThat(count(reader, "SELECT count(*) FROM pg_cursors "
                        + "WHERE statement = 'SELECT * FROM orders ORDER BY id'")).isEqualTo(1);
                int read = 1;
                while (rows.next()) {
                    read++;
                }
                assertThat(read).isEqualTo(1000);
                assertThat(rows.getFetchSize()).isEqualTo(10);
            }
            reader.rollback();
        }
    }

    @Test
    void streamingOutsideATransactionIsRefusedBecauseItWouldLoadEverything() throws SQLException {
        try (Connection reader = reader()) {
            assertThatThrownBy(() -> dialect.prepareStreamingQuery(reader, "SELECT * FROM orders", 10))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("beginConsistentRead");
        }
    }

    @Test
    void theDatabaseClockIsTheTransactionStartInsideARead() throws SQLException, InterruptedException {
        try (Connection reader = reader()) {
            dialect.beginConsistentRead(reader);
            Instant first = dialect.currentTime(reader);
            Thread.sleep(20);
            assertThat(dialect.currentTime(reader)).isEqualTo(first);
            assertThat(Duration.between(first, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
            reader.rollback();
        }
    }

    @Test
    void rowEstimatesComeFromStatisticsAndThePlanner() throws SQLException {
        execute(writer, "CREATE TABLE never_analyzed (id int)");
        try (Connection reader = reader()) {
            assertThat(dialect.estimateRowCount(reader, TableId.of("public", "never_analyzed"))).isNull();
            assertThat(dialect.estimateRowCount(reader, TableId.of("public", "missing"))).isNull();
            execute(writer, "ANALYZE orders");
            assertThat(dialect.estimateRowCount(reader, TableId.of("public", "orders"))).isEqualTo(1000L);
            assertThat(dialect.estimateRowCount(reader, CustomQuery.of("SELECT * FROM orders WHERE id <= 100;")))
                    .isBetween(50L, 200L);
        }
    }

    @Test
    void aCustomQueryKeepsItsOwnWhereAndOrderByUnderTheConnectorsConditions() throws SQLException {
        CustomQuery query = CustomQuery.of("SELECT id, status FROM orders WHERE status = 'open' "
                + "ORDER BY id DESC -- the open ones\n;");
        String sql = query.wrap(dialect, dialect.quoteIdentifier("id") + " > ?", dialect.quoteIdentifier("id"));
        try (Connection reader = reader()) {
            dialect.beginConsistentRead(reader);
            try (PreparedStatement statement = dialect.prepareStreamingQuery(reader, sql, 100)) {
                statement.setInt(1, 990);
                assertThat(ids(statement)).containsExactly(992, 994, 996, 998, 1000);
            }
            reader.rollback();
        }
    }

    @Test
    void tableAndColumnNamesCannotInjectSql() throws SQLException {
        TableId evil = TableId.of("public", "x\"; DROP TABLE orders; --");
        String evilColumn = "a\"; DELETE FROM orders; --";
        execute(writer, "CREATE TABLE " + evil.quoted(dialect) + " (" + dialect.quoteIdentifier(evilColumn) + " int)",
                "INSERT INTO " + evil.quoted(dialect) + " VALUES (42)", "ANALYZE " + evil.quoted(dialect));
        try (Connection reader = reader()) {
            dialect.beginConsistentRead(reader);
            try (PreparedStatement statement = dialect.prepareStreamingQuery(reader, "SELECT "
                    + dialect.quoteIdentifier(evilColumn) + " FROM " + evil.quoted(dialect), 10)) {
                assertThat(ids(statement)).containsExactly(42);
            }
            assertThat(dialect.estimateRowCount(reader, evil)).isEqualTo(1L);
            reader.rollback();
        }
        assertThat(count(writer, "SELECT count(*) FROM orders")).isEqualTo(1000);
    }

    @Test
    void timestampBoundsAreBoundByTheSameRuleValuesAreReadWith() throws SQLException {
        execute(writer, "CREATE TABLE events (local_time timestamp, instant timestamptz)",
                "INSERT INTO events VALUES ('2021-03-14 02:30:00', '2021-03-14 02:30:00+00')");
        Instant bound = Instant.parse("2021-03-14T02:30:00Z");
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try (Connection reader = reader();
             PreparedStatement statement = reader.prepareStatement(
                     "SELECT count(*) FROM events WHERE local_time = ? AND instant = ?")) {
            dialect.setTimestampParameter(statement, 1, bound,
                    new JdbcColumn("local_time", Types.TIMESTAMP, "timestamp", 29, 6, true));
            dialect.setTimestampParameter(statement, 2, bound,
                    new JdbcColumn("instant", Types.TIMESTAMP, "timestamptz", 35, 6, true));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                assertThat(result.getInt(1)).isEqualTo(1);
            }
        } finally {
            TimeZone.setDefault(original);
        }
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static int count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }

    private static List<Integer> ids(PreparedStatement statement) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
        }
        return ids;
    }
}
