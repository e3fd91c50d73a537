package io.tributary.connect.jdbc.incremental;

import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.schema.JdbcColumn;
import io.tributary.connect.jdbc.schema.TimestampRule;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Reads the position columns of a row at the database's full precision (the Connect value of a timestamp
 * keeps milliseconds only, which would repeat or lose rows at microsecond positions), and binds positions
 * as parameters, both by {@link TimestampRule}: a zoned column is an instant, one without zone is UTC
 * wall-clock time, a DATE is the UTC midnight starting it.
 *
 * <p>SQLite has no timestamp type and compares bounds as text, so its timestamp columns must hold exactly
 * the text the dialect binds, {@code yyyy-MM-dd HH:mm:ss.SSS} in UTC (what
 * {@code strftime('%Y-%m-%d %H:%M:%f', ...)} writes). Any other shape would compare wrongly with the bounds
 * (a whole-second {@code 10:00:00} sorts before the bound {@code 10:00:00.000}) and lose or repeat rows, so
 * it is an error naming the column instead.
 */
final class PositionValues {

    private static final Pattern SQLITE_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
    private static final DateTimeFormatter SQLITE_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    private final Dialect dialect;
    private final TableId table;
    private final IncrementalColumns columns;
    private final boolean sqlite;

    PositionValues(Dialect dialect, TableId table, IncrementalColumns columns) {
        this.dialect = dialect;
        this.table = table;
        this.columns = columns;
        this.sqlite = "sqlite".equals(dialect.name());
    }

    /** The timestamp of the current row; null in {@code incrementing} mode. */
    Instant timestamp(ResultSet row, int index) throws SQLException {
        JdbcColumn column = columns.timestamp();
        if (column == null) {
            return null;
        }
        if (sqlite) {
            return sqliteTimestamp(row.getObject(index), column);
        }
        if (isZoned(column)) {
            OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
        if (column.jdbcType() == Types.DATE) {
            LocalDate value = row.getObject(index, LocalDate.class);
            return value == null ? null : TimestampRule.instantOfWallClock(value.atStartOfDay());
        }
        LocalDateTime value = row.getObject(index, LocalDateTime.class);
        return value == null ? null : TimestampRule.instantOfWallClock(value);
    }

    /** The ordering value of the current row, a Long or a String; null when there is no ordering column. */
    Object order(ResultSet row, int index) throws SQLException {
        JdbcColumn column = columns.order();
        if (column == null) {
            return null;
        }
        if (columns.orderIsText()) {
            return row.getString(index);
        }
        Object value = row.getObject(index);
        if (value == null || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal decimal) {
            try {
                return decimal.longValueExact();
            } catch (ArithmeticException e) {
                // reported below
            }
        }
        throw new ConnectException("Column '" + column.name() + "' of " + table.qualifiedName() + " holds a value "
                + "that is not a whole number of at most 64 bits, so it cannot order an incremental read");
    }

    void bindTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        dialect.setTimestampParameter(statement, index, value, columns.timestamp());
    }

    void bindOrder(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Long number) {
            if (columns.orderIsText()) {
                statement.setString(index, number.toString());
            } else {
                statement.setLong(index, number);
            }
        } else {
            if (!columns.orderIsText()) {
                throw new ConnectException("The stored position of " + table.qualifiedName() + " holds text, but "
                        + "column '" + columns.order().name() + "' holds whole numbers: reset the table's offset");
            }
            statement.setString(index, (String) value);
        }
    }

    private Instant sqliteTimestamp(Object value, JdbcColumn column) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text && SQLITE_TEXT.matcher(text).matches()) {
            try {
                return TimestampRule.instantOfWallClock(LocalDateTime.parse(text, SQLITE_FORMAT));
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new ConnectException("Timestamp column '" + column.name() + "' of " + table.qualifiedName()
                + " holds a value that is not UTC text of the form 'yyyy-MM-dd HH:mm:ss.SSS'. SQLite compares "
                + "incremental bounds as text, so only that exact form orders correctly: store timestamps with "
                + "strftime('%Y-%m-%d %H:%M:%f', ...), or convert the column in a custom query");
    }

    /** The same test as the dialects' {@code setTimestampParameter}, so that a bound and a value agree. */
    private static boolean isZoned(JdbcColumn column) {
        return column.jdbcType() == Types.TIMESTAMP_WITH_TIMEZONE || "timestamptz".equals(column.typeName());
    }
}
