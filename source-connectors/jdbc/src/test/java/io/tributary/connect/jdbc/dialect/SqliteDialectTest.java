package io.tributary.connect.jdbc.dialect;

import static io.tributary.connect.jdbc.dialect.PostgresDialectTest.count;
import static io.tributary.connect.jdbc.dialect.PostgresDialectTest.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.catalog.TableId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDialectTest {

    private final Dialect dialect = new SqliteDialect();
    private String url;
    private Connection writer;

    @BeforeEach
    void createDatabase(@TempDir Path directory) throws SQLException {
        url = "jdbc:sqlite:" + directory.resolve("shop.db");
        writer = dialect.connect(url, null, null);
        execute(writer, "PRAGMA journal_mode = WAL", "CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
                        + "INSERT INTO orders SELECT i, CASE WHEN i % 2 = 0 THEN 'open' ELSE 'done' END FROM n");
    }

    @AfterEach
    void closeWriter() throws SQLException {
        writer.close();
    }

    @Test
    void aConsistentReadSeesOneSnapshotWhileWritersCarryOnAndCannotWrite() throws SQLException {
        try (Connection reader = dialect.connect(url, null, null)) {
            dialect.beginConsistentRead(reader);
            assertThat(count(reader, "SELECT count(*) FROM orders")).isEqualTo(100);

            execute(writer, "INSERT INTO orders VALUES (101, 'open')", "DELETE FROM orders WHERE id = 1");

            assertThat(count(reader, "SELECT count(*) FROM orders")).isEqualTo(100);
            assertThat(count(reader, "SELECT count(*) FROM orders WHERE id = 1")).isEqualTo(1);
            assertThatThrownBy(() -> execute(reader, "INSERT INTO orders VALUES (500, 'x')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("readonly");
            reader.commit();
            assertThat(count(reader, "SELECT count(*) FROM orders WHERE id IN (1, 101)")).isEqualTo(1);
            reader.rollback();
        }
    }

    @Test
    void theDatabaseClockIsUtcWithMilliseconds() throws SQLException {
        try (Connection reader = dialect.connect(url, null, null)) {
            Instant now = dialect.currentTime(reader);
            assertThat(Duration.between(now, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        }
    }

    @Test
    void rowEstimatesAreExactCounts() throws SQLException {
        try (Connection reader = dialect.connect(url, null, null)) {
            assertThat(dialect.estimateRowCount(reader, TableId.of(null, "orders"))).isEqualTo(100L);
            assertThat(dialect.estimateRowCount(reader, CustomQuery.of("SELECT * FROM orders WHERE status = 'open';")))
                    .isEqualTo(50L);
        }
    }

    @Test
    void aCustomQueryKeepsItsOwnWhereAndOrderBy() throws SQLException {
        CustomQuery query = CustomQuery.of("SELECT id FROM orders WHERE status = 'open' ORDER BY id DESC -- open\n;");
        try (Connection reader = dialect.connect(url, null, null)) {
            dialect.beginConsistentRead(reader);
            try (PreparedStatement statement = dialect.prepareStreamingQuery(reader,
                    query.wrap(dialect, dialect.quoteIdentifier("id") + " > ?", null), 10)) {
                statement.setInt(1, 94);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(100);
                }
            }
            reader.rollback();
        }
    }

    @Test
    void tableAndColumnNamesCannotInjectSql() throws SQLException {
        TableId evil = TableId.of(null, "x\"; DROP TABLE orders; --");
        String evilColumn = "a\"; DELETE FROM orders; --";
        execute(writer, "CREATE TABLE " + evil.quoted(dialect) + " (" + dialect.quoteIdentifier(evilColumn) + " INT)",
                "INSERT INTO " + evil.quoted(dialect) + " VALUES (42)");
        try (Connection reader = dialect.connect(url, null, null)) {
            dialect.beginConsistentRead(reader);
            assertThat(count(reader, "SELECT " + dialect.quoteIdentifier(evilColumn) + " FROM "
                    + evil.quoted(dialect))).isEqualTo(42);
            assertThat(dialect.estimateRowCount(reader, evil)).isEqualTo(1L);
            reader.rollback();
        }
        assertThat(count(writer, "SELECT count(*) FROM orders")).isEqualTo(100);
    }
}
