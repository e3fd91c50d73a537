package io.tributary.connect.jdbc.dialect;

import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.schema.JdbcColumn;
import io.tributary.connect.jdbc.schema.SqliteTypeMapper;
import io.tributary.connect.jdbc.schema.TimestampRule;
import io.tributary.connect.jdbc.schema.TypeMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * SQLite, through sqlite-jdbc.
 *
 * <p>A consistent read is SQLite's deferred transaction: sqlite-jdbc runs {@code BEGIN} (deferred unless the
 * URL sets another {@code transaction_mode}) when auto-commit goes off, and SQLite fixes the read snapshot at
 * the transaction's first read; every later read in the transaction sees that state. In WAL mode writers
 * carry on meanwhile; in rollback-journal mode the read holds a shared lock that blocks writers until it
 * ends, so WAL is recommended for databases that are written while read.
 *
 * <p>What sqlite-jdbc does with the JDBC calls, and why this dialect does not use them:
 * {@code setReadOnly(true)} throws on a connection that was not opened read-only (unless opened with
 * {@code jdbc.explicit_readonly=true}, when it runs {@code PRAGMA query_only}), so this dialect runs
 * {@code PRAGMA query_only = ON} itself, which refuses writes on the connection whatever way it was opened.
 * {@code setTransactionIsolation} only toggles {@code PRAGMA read_uncommitted}, which matters only for
 * shared-cache connections: SQLite transactions are always serializable, so it is left alone.
 *
 * <p>sqlite-jdbc steps through a result one row at a time, so results stream whatever the fetch size.
 */
public final class SqliteDialect implements Dialect {

    private static final DateTimeFormatter TEXT_TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    private final TypeMapper typeMapper = new SqliteTypeMapper();

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean hasSchemas() {
        return false;
    }

    /** SQLite's own tables: {@code sqlite_schema}, {@code sqlite_sequence}, {@code sqlite_stat1} and so on. */
    @Override
    public boolean isSystemTable(TableId table) {
        return table.table().startsWith("sqlite_");
    }

    @Override
    public void beginConsistentRead(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only = ON");
        }
        connection.setAutoCommit(false);
    }

    /**
     * {@code strftime('%Y-%m-%dT%H:%M:%fZ', 'now')}: UTC with milliseconds. SQLite's {@code CURRENT_TIMESTAMP}
     * has whole seconds only.
     */
    @Override
    public Instant currentTime(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")) {
            result.next();
            return Instant.parse(result.getString(1));
        }
    }

    /** An exact {@code count(*)}: SQLite keeps no statistics worth reading, and the file is local. */
    @Override
    public Long estimateRowCount(Connection connection, TableId table) throws SQLException {
        return count(connection, table.quoted(this));
    }

    @Override
    public Long estimateRowCount(Connection connection, CustomQuery query) throws SQLException {
        return count(connection, "(\n" + query.sql() + "\n)");
    }

    private static Long count(Connection connection, String from) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM " + from)) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * SQLite has no timestamp type; bounds are bound as UTC text {@code yyyy-MM-dd HH:mm:ss.SSS}, which
     * compares correctly only with columns holding text in that same shape. Columns holding numbers need
     * the comparison written in SQL (e.g. {@code unixepoch(?)}).
     */
    @Override
    public void setTimestampParameter(PreparedStatement statement, int index, Instant value, JdbcColumn column)
            throws SQLException {
        statement.setString(index, TEXT_TIMESTAMP.format(TimestampRule.wallClock(value)));
    }

    @Override
    public TypeMapper typeMapper() {
        return typeMapper;
    }
}
