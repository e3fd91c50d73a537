package io.tributary.connect.iceberg.convert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.iceberg.types.Type.PrimitiveType;
import org.apache.iceberg.types.Types;

/**
 * Converters for Iceberg's non-temporal primitive types.
 *
 * <p>Numbers are only ever widened, never rounded: a whole number goes into a {@code float} or {@code double}
 * column only when that type holds it exactly, and a decimal is rescaled only when no digit is lost, because
 * a silently changed amount is worse than a failed record.
 */
final class PrimitiveConverters {

    private PrimitiveConverters() {
    }

    static ValueConverter forType(PrimitiveType type, String path, boolean textFallback) {
        return switch (type.typeId()) {
            case BOOLEAN -> value -> {
                if (value instanceof Boolean) {
                    return value;
                }
                throw ConversionErrors.wrongType(path, type, value);
            };
            case INTEGER -> value -> toInt(value, type, path);
            case LONG -> value -> toLong(value, type, path);
            case FLOAT -> value -> toFloat(value, type, path);
            case DOUBLE -> value -> toDouble(value, type, path);
            case STRING -> textFallback ? PrimitiveConverters::toJsonText : value -> toText(value, type, path);
            case UUID -> value -> toUuid(value, type, path);
            case BINARY -> value -> toByteBuffer(value, type, path);
            case FIXED -> value -> toFixed(value, (Types.FixedType) type, path);
            case DECIMAL -> value -> toDecimal(value, (Types.DecimalType) type, path);
            default -> throw new IllegalArgumentException("Not a non-temporal primitive type: " + type);
        };
    }

    private static Object toInt(Object value, PrimitiveType type, String path) {
        if (value instanceof Integer) {
            return value;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        throw ConversionErrors.wrongType(path, type, value);
    }

    private static Object toLong(Object value, PrimitiveType type, String path) {
        if (value instanceof Long) {
            return value;
        }
        if (isWholeNumber(value)) {
            return ((Number) value).longValue();
        }
        throw ConversionErrors.wrongType(path, type, value);
    }

    private static Object toFloat(Object value, PrimitiveType type, String path) {
        if (value instanceof Float) {
            return value;
        }
        if (isWholeNumber(value)) {
            long whole = ((Number) value).longValue();
            float converted = whole;
            // The cast back saturates at Long.MAX_VALUE, so that one value would look exact when it is not.
            if ((long) converted == whole && whole != Long.MAX_VALUE) {
                return converted;
            }
            throw ConversionErrors.badValue(path, type, value, "has more digits than a float holds exactly");
        }
        throw ConversionErrors.wrongType(path, type, value);
    }

    private static Object toDouble(Object value, PrimitiveType type, String path) {
        if (value instanceof Double) {
            return value;
        }
        if (value instanceof Float number) {
            return number.doubleValue();
        }
        if (isWholeNumber(value)) {
            long whole = ((Number) value).longValue();
            double converted = whole;
            if ((long) converted == whole && whole != Long.MAX_VALUE) {
                return converted;
            }
            throw ConversionErrors.badValue(path, type, value, "has more digits than a double holds exactly");
        }
        throw ConversionErrors.wrongType(path, type, value);
    }

    private static Object toText(Object value, PrimitiveType type, String path) {
        if (value instanceof String) {
            return value;
        }
        if (value instanceof CharSequence || value instanceof UUID) {
            return value.toString();
        }
        throw ConversionErrors.wrongType(path, type, value);
    }

    private static Object toJsonText(Object value) {
        return value instanceof String ? value : JsonText.render(value);
    }

    private static Object toUuid(Object value, PrimitiveType type, String path) {
        if (value instanceof UUID) {
            return value;
        }
        if (value instanceof String text) {
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw ConversionErrors.badValue(path, type, value, "is not a UUID");
            }
        }
        throw ConversionErrors.wrongType(path, type, value);
    }

    private static Object toByteBuffer(Object value, PrimitiveType type, String path) {
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            // A duplicate, so that a writer moving the position cannot change the caller's buffer.
            return buffer.duplicate();
        }
        throw ConversionErrors.wrongType(path, type, value);
    }

    private static Object toFixed(Object value, Types.FixedType type, String path) {
        byte[] bytes;
        if (value instanceof byte[] array) {
            bytes = array;
        } else if (value instanceof ByteBuffer buffer) {
            bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
        } else {
            throw ConversionErrors.wrongType(path, type, value);
        }
        if (bytes.length != type.length()) {
            throw ConversionErrors.badValue(path, type, value, "has " + bytes.length + " bytes");
        }
        return bytes;
    }

    private static Object toDecimal(Object value, Types.DecimalType type, String path) {
        BigDecimal decimal;
        if (value instanceof BigDecimal exact) {
            decimal = exact;
        } else if (value instanceof BigInteger whole) {
            decimal = new BigDecimal(whole);
        } else if (isWholeNumber(value)) {
            decimal = BigDecimal.valueOf(((Number) value).longValue());
        } else {
            throw ConversionErrors.wrongType(path, type, value);
        }
        return rescale(decimal, value, type, path);
    }

    private static BigDecimal rescale(BigDecimal decimal, Object value, Types.DecimalType type, String path) {
        BigDecimal scaled;
        try {
            scaled = decimal.setScale(type.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw ConversionErrors.badValue(path, type, value, "has more than " + type.scale()
                    + " decimal places and would need rounding");
        }
        if (scaled.precision() > type.precision()) {
            throw ConversionErrors.badValue(path, type, value, "has more than " + type.precision() + " digits");
        }
        return scaled;
    }

    private static boolean isWholeNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
    }
}
