package io.tributary.connect.jdbc.schema;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import org.apache.kafka.connect.errors.DataException;

/** Readers for drivers that convert values faithfully (PostgreSQL, and JDBC 4.2 drivers in general). */
final class ValueReaders {

    static final ColumnReader BOOLEAN = (row, i) -> {
        boolean value = row.getBoolean(i);
        return row.wasNull() ? null : value;
    };
    /** Through int with a range check: some drivers report unsigned TINYINT (0-255), which getByte would wrap. */
    static final ColumnReader INT8 = (row, i) -> {
        int value = row.getInt(i);
        if (row.wasNull()) {
            return null;
        }
        if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
            throw new DataException("holds a value outside the range of INT8");
        }
        return (byte) value;
    };
    static final ColumnReader INT16 = (row, i) -> {
        short value = row.getShort(i);
        return row.wasNull() ? null : value;
    };
    static final ColumnReader INT32 = (row, i) -> {
        int value = row.getInt(i);
        return row.wasNull() ? null : value;
    };
    static final ColumnReader INT64 = (row, i) -> {
        long value = row.getLong(i);
        return row.wasNull() ? null : value;
    };
    static final ColumnReader FLOAT32 = (row, i) -> {
        float value = row.getFloat(i);
        return row.wasNull() ? null : value;
    };
    static final ColumnReader FLOAT64 = (row, i) -> {
        double value = row.getDouble(i);
        return row.wasNull() ? null : value;
    };
    static final ColumnReader STRING = ResultSet::getString;
    static final ColumnReader BYTES = ResultSet::getBytes;
    static final NumericColumns.DecimalReader BIG_DECIMAL = ResultSet::getBigDecimal;
    /** The plain (never exponent) text of a number, for NUMERIC columns without a precision. */
    static final ColumnReader DECIMAL_TEXT = (row, i) -> {
        BigDecimal value = row.getBigDecimal(i);
        return value == null ? null : value.toPlainString();
    };
    static final ColumnReader DATE = (row, i) -> {
        LocalDate value = row.getObject(i, LocalDate.class);
        return value == null ? null : TimestampRule.date(value);
    };
    static final ColumnReader TIME = (row, i) -> {
        LocalTime value = row.getObject(i, LocalTime.class);
        return value == null ? null : TimestampRule.time(value);
    };
    static final ColumnReader TIME_WITH_ZONE = (row, i) -> {
        OffsetTime value = row.getObject(i, OffsetTime.class);
        return value == null ? null : TimestampRule.time(value);
    };
    /** Without zone: the wall-clock time as UTC (see {@link TimestampRule}). */
    static final ColumnReader TIMESTAMP = (row, i) -> {
        LocalDateTime value = row.getObject(i, LocalDateTime.class);
        return value == null ? null : TimestampRule.timestamp(TimestampRule.instantOfWallClock(value));
    };
    static final ColumnReader TIMESTAMP_WITH_ZONE = (row, i) -> {
        OffsetDateTime value = row.getObject(i, OffsetDateTime.class);
        return value == null ? null : TimestampRule.timestamp(value.toInstant());
    };

    private ValueReaders() {
    }
}
