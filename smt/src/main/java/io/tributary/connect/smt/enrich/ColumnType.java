package io.tributary.connect.smt.enrich;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The one rule that turns a dimension column into an added field, chosen from the column's JDBC type once, when
 * the table is first described. The field's value is the same Java object whether the record is a Struct or a
 * Map, so a batch row and a live event are enriched identically:
 *
 * <ul>
 *   <li>every whole-number type → INT64 (SQLite's INTEGER is 64-bit whatever it is declared as);</li>
 *   <li>REAL, FLOAT, DOUBLE → FLOAT64; NUMERIC, DECIMAL → FLOAT64, or Decimal at the column's scale by option;</li>
 *   <li>BOOLEAN, BIT → BOOLEAN; binary types → BYTES;</li>
 *   <li>TIMESTAMP (with or without time zone) → INT64 epoch milliseconds, a zone-less timestamp read as UTC —
 *       a plain number, which a schemaless Map and JSON carry as well as a Struct;</li>
 *   <li>DATE → STRING, ISO {@code yyyy-MM-dd} as the database renders it;</li>
 *   <li>everything else (text, uuid, enums, json...) → STRING, the database's text of the value.</li>
 * </ul>
 * All added fields are optional: a miss, or a NULL in the table, is null.
 */
final class ColumnType {

    enum Kind { BOOLEAN, INT64, FLOAT64, DECIMAL, STRING, DATE_TEXT, EPOCH_MILLIS, BYTES }

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final String column;
    private final Kind kind;
    private final int scale;
    private final Schema schema;

    private ColumnType(String column, Kind kind, int scale) {
        this.column = column;
        this.kind = kind;
        this.scale = scale;
        this.schema = switch (kind) {
            case BOOLEAN -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
            case INT64, EPOCH_MILLIS -> Schema.OPTIONAL_INT64_SCHEMA;
            case FLOAT64 -> Schema.OPTIONAL_FLOAT64_SCHEMA;
            case DECIMAL -> Decimal.builder(scale).optional().build();
            case STRING, DATE_TEXT -> Schema.OPTIONAL_STRING_SCHEMA;
            case BYTES -> SchemaBuilder.bytes().optional().build();
        };
    }

    /** @param decimals whether NUMERIC and DECIMAL columns become Connect Decimals rather than doubles */
    static ColumnType of(String column, int jdbcType, int scale, boolean decimals) {
        Kind kind = switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.INT64;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.FLOAT64;
            case Types.NUMERIC, Types.DECIMAL -> decimals ? Kind.DECIMAL : Kind.FLOAT64;
            case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BYTES;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Kind.EPOCH_MILLIS;
            case Types.DATE -> Kind.DATE_TEXT;
            default -> Kind.STRING;
        };
        return new ColumnType(column, kind, Math.max(scale, 0));
    }

    String column() {
        return column;
    }

    Kind kind() {
        return kind;
    }

    Schema schema() {
        return schema;
    }

    /** The field value of column {@code index} of the current row. */
    Object read(ResultSet row, int index) throws SQLException {
        Object value = switch (kind) {
            case BOOLEAN -> row.getBoolean(index);
            case INT64 -> row.getLong(index);
            case FLOAT64 -> row.getDouble(index);
            case DECIMAL -> row.getBigDecimal(index);
            case STRING, DATE_TEXT -> row.getString(index);
            case BYTES -> row.getBytes(index);
            case EPOCH_MILLIS -> {
                java.sql.Timestamp timestamp = row.getTimestamp(index, Calendar.getInstance(UTC, Locale.ROOT));
                yield timestamp == null ? null : timestamp.getTime();
            }
        };
        if (row.wasNull()) {
            return null;
        }
        return kind == Kind.DECIMAL ? atScale((BigDecimal) value) : value;
    }

    /** A configured default, written as text, as a value of this column's field. */
    Object parse(String text) {
        try {
            return switch (kind) {
                case BOOLEAN -> parseBoolean(text);
                case INT64, EPOCH_MILLIS -> Long.parseLong(text.trim());
                case FLOAT64 -> Double.parseDouble(text.trim());
                case DECIMAL -> atScale(new BigDecimal(text.trim()));
                case STRING, DATE_TEXT -> text;
                case BYTES -> throw new IllegalArgumentException("binary columns take no default");
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a value of column " + column + " (" + kind
                    + ")");
        }
    }

    /**
     * A record's key as a key of this (key) column: whole numbers for integer columns, text for text columns —
     * so a user id that one source writes as 42 and another as "42" finds the same row and cache entry.
     */
    Object key(Object value) {
        if (kind == Kind.INT64) {
            if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
                return ((Number) value).longValue();
            }
            if (value instanceof String text) {
                try {
                    return Long.parseLong(text.trim());
                } catch (NumberFormatException e) {
                    // Never the text itself: a key is often personal data, and this ends up in logs and DLQ headers.
                    throw new IllegalArgumentException("a text key that is not a whole number cannot be a key of "
                            + "column " + column);
                }
            }
        } else if (kind == Kind.STRING) {
            if (value instanceof String text) {
                return text;
            }
            if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
                return value.toString();
            }
        }
        throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " cannot be a key of column "
                + column);
    }

    /** Whether records can be looked up by this column: whole numbers and text are supported keys. */
    boolean canBeKey() {
        return kind == Kind.INT64 || kind == Kind.STRING;
    }

    /** Reads this key column of the current row, as {@link #key} normalises record keys. */
    Object readKey(ResultSet row, int index) throws SQLException {
        Object value = kind == Kind.INT64 ? (Object) row.getLong(index) : row.getString(index);
        return row.wasNull() ? null : value;
    }

    private BigDecimal atScale(BigDecimal value) {
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("a value of column " + column + " has more decimals than its scale "
                    + scale + "; declare the column NUMERIC(p, s) or use lookup.numeric.mapping=double");
        }
    }

    private static Boolean parseBoolean(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (!trimmed.equals("true") && !trimmed.equals("false")) {
            throw new IllegalArgumentException("'" + text + "' is not true or false");
        }
        return Boolean.valueOf(trimmed);
    }
}
