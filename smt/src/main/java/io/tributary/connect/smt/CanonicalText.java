package io.tributary.connect.smt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;

/**
 * One text form per scalar value, by value rather than by Java type, so that a JDBC batch row and a JSON live
 * event give the same text for the same value: {@code 42}, {@code 42L}, {@code 42.0} and
 * {@code BigDecimal("42.00")} are all {@code "42"}.
 * <ul>
 *   <li>strings as they are;</li>
 *   <li>numbers as their plain decimal value with no exponent and no trailing zeros ({@code 12.50} and
 *       {@code 12.5d} are {@code "12.5"}, {@code 1e20} is {@code "100000000000000000000"}, {@code -0.0} is
 *       {@code "0"}); a float or double by its shortest decimal form ({@code 0.1f} is {@code "0.1"});
 *       {@code NaN}, {@code Infinity} and {@code -Infinity} as those words;</li>
 *   <li>booleans as {@code true} / {@code false};</li>
 *   <li>Connect Date, Time and Timestamp values ({@code java.util.Date}) as their epoch milliseconds, the same
 *       text as a long epoch-millis field.</li>
 * </ul>
 * Bytes, Structs, Maps and Lists have no text form here: callers decide what they mean for them.
 */
public final class CanonicalText {

    private CanonicalText() {
    }

    /** The canonical text of a scalar; {@link IllegalArgumentException} for null and non-scalars. */
    public static String of(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Long.toString(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return big.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return plain(decimal);
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : plain(BigDecimal.valueOf(d));
        }
        if (value instanceof Float f) {
            // Float.toString is the float's shortest form; widening to double first would give 0.100000001490116.
            return f.isNaN() || f.isInfinite() ? f.toString() : plain(new BigDecimal(f.toString()));
        }
        if (value instanceof Boolean bool) {
            return bool.toString();
        }
        if (value instanceof Date date) {
            return Long.toString(date.getTime());
        }
        throw new IllegalArgumentException(value == null ? "the value is null"
                : "a " + value.getClass().getSimpleName() + " has no canonical text form (only scalars do)");
    }

    /** Whether {@link #of} gives a text for this value. */
    public static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Long || value instanceof Integer
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger
                || value instanceof BigDecimal || value instanceof Double || value instanceof Float
                || value instanceof Boolean || value instanceof Date;
    }

    private static String plain(BigDecimal decimal) {
        if (decimal.signum() == 0) {
            return "0";
        }
        return decimal.stripTrailingZeros().toPlainString();
    }
}
