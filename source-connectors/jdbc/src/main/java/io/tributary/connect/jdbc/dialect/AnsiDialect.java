package io.tributary.connect.jdbc.dialect;

import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.schema.JdbcColumn;
import io.tributary.connect.jdbc.schema.StandardTypeMapper;
import io.tributary.connect.jdbc.schema.TimestampRule;
import io.tributary.connect.jdbc.schema.TypeMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Locale;

/**
 * The fallback for databases without a dialect of their own: standard SQL and plain JDBC only. It makes no
 * promise beyond what the driver implements; row counts are unknown rather than a possibly slow
 * {@code count(*)}.
 */
public final class AnsiDialect implements Dialect {

    private final TypeMapper typeMapper = new StandardTypeMapper();

    @Override
    public String name() {
        return "ansi";
    }

    @Override
    public boolean hasSchemas() {
        return true;
    }

    @Override
    public boolean isSystemTable(TableId table) {
        return table.schema() != null && table.schema().toUpperCase(Locale.ROOT).equals("INFORMATION_SCHEMA");
    }

    /** REPEATABLE READ when the driver supports it, else SERIALIZABLE, else the driver's default. */
    @Override
    public void beginConsistentRead(Connection connection) throws SQLException {
        int isolation = connection.getMetaData().supportsTransactionIsolationLevel(
                Connection.TRANSACTION_REPEATABLE_READ) ? Connection.TRANSACTION_REPEATABLE_READ
                : Connection.TRANSACTION_SERIALIZABLE;
        if (connection.getMetaData().supportsTransactionIsolationLevel(isolation)) {
            connection.setTransactionIsolation(isolation);
        }
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
    }

    /** {@code SELECT CURRENT_TIMESTAMP}, the standard form; databases that need a FROM clause need a dialect. */
    @Override
    public Instant currentTime(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT CURRENT_TIMESTAMP")) {
            result.next();
            return TimestampRule.instantOf(result.getObject(1));
        }
    }

    @Override
    public Long estimateRowCount(Connection connection, TableId table) {
        return null;
    }

    @Override
    public Long estimateRowCount(Connection connection, CustomQuery query) {
        return null;
    }

    @Override
    public void setTimestampParameter(PreparedStatement statement, int index, Instant value, JdbcColumn column)
            throws SQLException {
        statement.setObject(index, column.jdbcType() == Types.TIMESTAMP_WITH_TIMEZONE
                ? TimestampRule.zoned(value) : TimestampRule.wallClock(value));
    }

    @Override
    public TypeMapper typeMapper() {
        return typeMapper;
    }
}
