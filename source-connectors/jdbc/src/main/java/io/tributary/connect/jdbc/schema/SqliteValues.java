package io.tributary.connect.jdbc.schema;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads SQLite values from their storage class ({@code getObject} gives Integer or Long, Double, String or
 * byte[]), checking each against the declared type instead of letting the driver coerce it.
 *
 * <p>Dates and times follow SQLite's own conventions (https://www.sqlite.org/lang_datefunc.html): TEXT in
 * ISO-8601 form ({@code YYYY-MM-DD}, {@code YYYY-MM-DD HH:MM[:SS[.fff]]}, {@code T} allowed for the space,
 * an optional {@code Z} or {@code ±HH:MM}); INTEGER as Unix time in seconds; REAL as a Julian day number.
 * Text without an offset is a UTC wall-clock time, as everywhere in the connector ({@link TimestampRule}).
 * A DATE column holding a date and time keeps the date. Note that sqlite-jdbc's own {@code setTimestamp}
 * stores milliseconds by default (its {@code date_precision} setting): such columns read as far-future dates.
 */
final class SqliteValues {

    private static final double UNIX_EPOCH_JULIAN_DAY = 2440587.5;
    private static final double MILLIS_PER_DAY = 86_400_000d;

    private static final DateTimeFormatter TIME_OF_DAY = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(TIME_OF_DAY)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    static final ColumnReader TEXT = ResultSet::getString;

    static final ColumnReader BYTES = ResultSet::getBytes;

    static final ColumnReader INT64 = (row, i) -> {
        Object value = row.getObject(i);
        if (value == null || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer integer) {
            return integer.longValue();
        }
        if (value instanceof Double real && real == Math.rint(real) && Math.abs(real) < 0x1p63) {
            return real.longValue();
        }
        throw new DataException("holds a " + storageClass(value) + " value that is not an integer");
    };

    static final ColumnReader FLOAT64 = (row, i) -> {
        Object value = row.getObject(i);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new DataException("holds a " + storageClass(value) + " value that is not a number");
    };

    static final ColumnReader BOOLEAN = (row, i) -> {
        Object value = row.getObject(i);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue() != 0;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw new DataException("holds a " + storageClass(value) + " value that is not a boolean (0, 1, true, false)");
    };

    static final NumericColumns.DecimalReader BIG_DECIMAL = (row, i) -> {
        Object value = row.getObject(i);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double real) {
            // The shortest text that reads back as this double: 19.99, not 19.989999999999998436805981327779591083526611328125.
            return BigDecimal.valueOf(real);
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                throw new DataException("holds a TEXT value that is not a number", e);
            }
        }
        throw new DataException("holds a " + storageClass(value) + " value that is not a number");
    };

    /** A NUMERIC column without precision, as text: numbers in plain notation, text as stored. */
    static final ColumnReader NUMBER_TEXT = (row, i) -> {
        Object value = row.getObject(i);
        if (value == null || value instanceof String) {
            return value;
        }
        if (value instanceof Double real) {
            return BigDecimal.valueOf(real).toPlainString();
        }
        if (value instanceof Number number) {
            return Long.toString(number.longValue());
        }
        throw new DataException("holds a " + storageClass(value) + " value that is not a number");
    };

    static final ColumnReader TIMESTAMP = (row, i) -> {
        Object value = row.getObject(i);
        return value == null ? null : TimestampRule.timestamp(instant(value));
    };

    static final ColumnReader DATE = (row, i) -> {
        Object value = row.getObject(i);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            TemporalAccessor parsed = parse(text, DATE_TIME);
            return TimestampRule.date(parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? OffsetDateTime.from(parsed).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()
                    : LocalDate.from(parsed));
        }
        return TimestampRule.date(LocalDate.ofInstant(instant(value), ZoneOffset.UTC));
    };

    static final ColumnReader TIME = (row, i) -> {
        Object value = row.getObject(i);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return TimestampRule.time(LocalTime.from(parse(text, TIME_OF_DAY)));
        }
        throw new DataException("holds a " + storageClass(value) + " value; a TIME column must hold text HH:MM[:SS]");
    };

    private SqliteValues() {
    }

    private static Instant instant(Object value) {
        if (value instanceof String text) {
            TemporalAccessor parsed = parse(text, DATE_TIME);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(parsed).toInstant();
            }
            if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
                return TimestampRule.instantOfWallClock(LocalDateTime.from(parsed));
            }
            return TimestampRule.instantOfWallClock(LocalDate.from(parsed).atStartOfDay());
        }
        if (value instanceof Integer || value instanceof Long) {
            return Instant.ofEpochSecond(((Number) value).longValue());
        }
        if (value instanceof Double julianDay) {
            return Instant.ofEpochMilli(Math.round((julianDay - UNIX_EPOCH_JULIAN_DAY) * MILLIS_PER_DAY));
        }
        throw new DataException("holds a " + storageClass(value) + " value, which is not a date or time");
    }

    private static TemporalAccessor parse(String text, DateTimeFormatter format) {
        try {
            return format.parse(text.strip());
        } catch (DateTimeException e) {
            // The message of a parse error quotes the text; it stays in the cause only.
            throw new DataException("holds TEXT that is not an ISO-8601 date or time", e);
        }
    }

    private static String storageClass(Object value) {
        if (value instanceof String) {
            return "TEXT";
        }
        if (value instanceof byte[]) {
            return "BLOB";
        }
        if (value instanceof Double) {
            return "REAL";
        }
        return value instanceof Number ? "INTEGER" : value.getClass().getSimpleName();
    }
}
