package io.tributary.connect.jdbc.dialect;

import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.schema.JdbcColumn;
import io.tributary.connect.jdbc.schema.PostgresTypeMapper;
import io.tributary.connect.jdbc.schema.TimestampRule;
import io.tributary.connect.jdbc.schema.TypeMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL. A consistent read is a {@code READ ONLY} transaction at {@code REPEATABLE READ}: PostgreSQL
 * takes its snapshot at the transaction's first statement and every later statement sees exactly that
 * state. With auto-commit off, a fetch size makes the driver read through a server-side portal (a cursor)
 * {@code fetchSize} rows at a time; with auto-commit on it would silently load the whole result.
 */
public final class PostgresDialect implements Dialect {

    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "pg_toast");
    /** The top plan node's row estimate in {@code EXPLAIN (FORMAT JSON)}, which comes first in the output. */
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");

    private final TypeMapper typeMapper = new PostgresTypeMapper();

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean hasSchemas() {
        return true;
    }

    /** {@code pg_catalog}, {@code information_schema}, TOAST and temporary schemas. */
    @Override
    public boolean isSystemTable(TableId table) {
        String schema = table.schema();
        return schema != null && (SYSTEM_SCHEMAS.contains(schema) || schema.startsWith("pg_temp_")
                || schema.startsWith("pg_toast_temp_"));
    }

    @Override
    public void beginConsistentRead(Connection connection) throws SQLException {
        // The isolation level can only change outside a transaction, so before auto-commit goes off.
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        // With auto-commit off the driver begins each transaction as BEGIN READ ONLY.
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
    }

    @Override
    public PreparedStatement prepareStreamingQuery(Connection connection, String sql, int fetchSize)
            throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("PostgreSQL streams rows only inside a transaction; with auto-commit "
                    + "on the whole result would be loaded into memory. Call beginConsistentRead first.");
        }
        return Dialect.super.prepareStreamingQuery(connection, sql, fetchSize);
    }

    /**
     * {@code CURRENT_TIMESTAMP}: inside a transaction this is the transaction's start, so every bound taken in
     * one read agrees with the others.
     */
    @Override
    public Instant currentTime(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT CURRENT_TIMESTAMP")) {
            result.next();
            return result.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /**
     * {@code pg_class.reltuples}, maintained by VACUUM and ANALYZE (autovacuum keeps it close); free to read,
     * unlike {@code count(*)}. Null when the table was never analyzed (PostgreSQL 14+ stores -1 then).
     */
    @Override
    public Long estimateRowCount(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)")) {
            // to_regclass parses a quoted name, so the table's name stays a parameter, never SQL.
            statement.setString(1, table.quoted(this));
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return null;
                }
                double tuples = result.getDouble(1);
                return tuples < 0 ? null : (long) tuples;
            }
        }
    }

    /** The planner's estimate from {@code EXPLAIN}; the query is planned, not run. */
    @Override
    public Long estimateRowCount(Connection connection, CustomQuery query) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("EXPLAIN (FORMAT JSON) " + query.sql())) {
            if (!result.next()) {
                return null;
            }
            Matcher rows = PLAN_ROWS.matcher(result.getString(1));
            return rows.find() ? Long.valueOf(rows.group(1)) : null;
        }
    }

    @Override
    public void setTimestampParameter(PreparedStatement statement, int index, Instant value, JdbcColumn column)
            throws SQLException {
        statement.setObject(index, "timestamptz".equals(column.typeName()) ? TimestampRule.zoned(value)
                : TimestampRule.wallClock(value));
    }

    @Override
    public TypeMapper typeMapper() {
        return typeMapper;
    }
}
