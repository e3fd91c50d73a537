package io.tributary.connect.jdbc.schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;

/**
 * The rule for NUMERIC and DECIMAL columns, shared by every database:
 * <ul>
 *   <li>With a declared precision: a Connect {@code Decimal} of the declared scale, with the precision in the
 *       {@code connect.decimal.precision} parameter; or, with {@link NumericMapping#BEST_FIT}, the primitive
 *       that holds every allowed value exactly.</li>
 *   <li>Without one (PostgreSQL's bare {@code numeric}, where each value has its own scale): STRING holding
 *       the number's exact text (including PostgreSQL's {@code NaN} and {@code Infinity}), or, when a scale
 *       is configured, a {@code Decimal} of that scale.</li>
 * </ul>
 * A value is never rounded: one with more fractional digits than its Connect scale is an error.
 */
final class NumericColumns {

    /** The Connect parameter carrying a decimal's precision, as Confluent's JDBC source and Debezium set it. */
    static final String PRECISION_PARAMETER = "connect.decimal.precision";

    private static final int MAX_INT64_DIGITS = 18;
    /** Every decimal of at most 15 significant digits survives a round trip through a double. */
    private static final int MAX_FLOAT64_DIGITS = 15;

    @FunctionalInterface
    interface DecimalReader {
        BigDecimal read(ResultSet row, int index) throws SQLException;
    }

    private NumericColumns() {
    }

    /**
     * @param decimals reads a value as a BigDecimal
     * @param text reads a value of an unconstrained column as its exact text
     */
    static ColumnMapping map(JdbcColumn column, TypeMappingOptions options, DecimalReader decimals,
            ColumnReader text) {
        int precision = column.precision();
        int scale = column.scale();
        if (precision <= 0) {
            Integer defaultScale = options.unconstrainedNumericScale();
            return defaultScale == null ? ColumnMapping.of(SchemaBuilder.string(), column, text)
                    : ColumnMapping.of(Decimal.builder(defaultScale), column, decimal(decimals, defaultScale));
        }
        if (options.numericMapping() == NumericMapping.BEST_FIT) {
            ColumnMapping primitive = bestFit(column, decimals);
            if (primitive != null) {
                return primitive;
            }
        }
        return ColumnMapping.of(Decimal.builder(scale).parameter(PRECISION_PARAMETER, Integer.toString(precision)),
                column, decimal(decimals, scale));
    }

    private static ColumnMapping bestFit(JdbcColumn column, DecimalReader decimals) {
        int scale = column.scale();
        if (scale <= 0) {
            // A negative scale (PostgreSQL 15+) rounds to tens, hundreds...: those are integer digits too.
            int digits = column.precision() - scale;
            if (digits <= 2) {
                return ColumnMapping.of(SchemaBuilder.int8(), column, integer(decimals, BigDecimal::byteValueExact));
            } else if (digits <= 4) {
                return ColumnMapping.of(SchemaBuilder.int16(), column,
                        integer(decimals, BigDecimal::shortValueExact));
            } else if (digits <= 9) {
                return ColumnMapping.of(SchemaBuilder.int32(), column, integer(decimals, BigDecimal::intValueExact));
            } else if (digits <= MAX_INT64_DIGITS) {
                return ColumnMapping.of(SchemaBuilder.int64(), column, integer(decimals, BigDecimal::longValueExact));
            }
            return null;
        }
        if (column.precision() <= MAX_FLOAT64_DIGITS) {
            return ColumnMapping.of(SchemaBuilder.float64(), column, (row, i) -> {
                BigDecimal value = decimals.read(row, i);
                return value == null ? null : value.doubleValue();
            });
        }
        return null;
    }

    private static ColumnReader decimal(DecimalReader decimals, int scale) {
        return (row, i) -> {
            BigDecimal value = decimals.read(row, i);
            if (value == null) {
                return null;
            }
            try {
                return value.setScale(scale, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new DataException("holds a value with more than " + scale + " fractional digits, the scale "
                        + "of its Connect Decimal; it is not rounded", e);
            }
        };
    }

    private interface Exact {
        Number of(BigDecimal value);
    }

    private static ColumnReader integer(DecimalReader decimals, Exact exact) {
        return (row, i) -> {
            BigDecimal value = decimals.read(row, i);
            if (value == null) {
                return null;
            }
            try {
                return exact.of(value);
            } catch (ArithmeticException e) {
                throw new DataException("holds a value that does not fit the column's declared precision", e);
            }
        };
    }
}
