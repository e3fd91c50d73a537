package io.tributary.bench.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The ceiling: the whole table through the PostgreSQL driver with a server-side cursor, in one read-only
 * REPEATABLE READ transaction, every value of every row fetched as the Java type a connector would take and
 * handed to JMH's {@link Blackhole}, so that nothing is optimized away. No conversion, no Kafka.
 */
final class RawCursorRead {

    static final int FETCH_SIZE = 10_000;

    private static final String SELECT = "SELECT id, customer, status, amount, currency, created_at, updated_at, "
            + "quantity, discount, is_gift, note, sku FROM " + OrdersDatabase.QUALIFIED_TABLE;

    private RawCursorRead() {
    }

    /** Reads every row and returns how many there were. */
    static long readAll(OrdersDatabase database, Blackhole sink) {
        try (Connection connection = database.connect()) {
            // Without a transaction the driver ignores the fetch size and loads the whole result into memory.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long rows = 0;
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet result = statement.executeQuery(SELECT)) {
                    while (result.next()) {
                        consume(result, sink);
                        rows++;
                    }
                }
            }
            connection.commit();
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("The raw cursor read failed", e);
        }
    }

    private static void consume(ResultSet row, Blackhole sink) throws SQLException {
        sink.consume(row.getLong(1));
        sink.consume(row.getLong(2));
        sink.consume(row.getString(3));
        sink.consume(row.getBigDecimal(4));
        sink.consume(row.getString(5));
        sink.consume(row.getTimestamp(6));
        sink.consume(row.getTimestamp(7));
        sink.consume(row.getInt(8));
        sink.consume(row.getDouble(9));
        sink.consume(row.getBoolean(10));
        sink.consume(row.getString(11));
        sink.consume(row.getString(12));
    }
}
