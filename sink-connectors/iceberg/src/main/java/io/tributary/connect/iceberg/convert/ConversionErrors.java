package io.tributary.connect.iceberg.convert;

import java.util.Locale;
import org.apache.iceberg.types.Type;
import org.apache.kafka.connect.errors.DataException;

/**
 * The messages of conversion failures, in one place so that every one names the field path, the Iceberg
 * type and the Java type received, and none ever names the value: record values may be personal data, and
 * these messages end up in worker logs and dead-letter headers.
 *
 * <p>For the same reason no parser exception is attached as a cause: {@code DateTimeParseException} and
 * {@code NumberFormatException} quote the text they failed on.
 */
final class ConversionErrors {

    private ConversionErrors() {
    }

    static DataException wrongType(String path, Type expected, Object value) {
        return new DataException("Cannot write field '" + path + "': expected Iceberg type " + describe(expected)
                + " but received " + javaType(value));
    }

    static DataException badValue(String path, Type expected, Object value, String problem) {
        return new DataException("Cannot write field '" + path + "' of Iceberg type " + describe(expected)
                + ": the " + javaType(value) + " received " + problem);
    }

    static DataException missingRequired(String path) {
        return new DataException("Field '" + path + "' is required by the table, but the record has no value "
                + "for it");
    }

    static DataException unsupported(String path, Type type) {
        return new DataException("Cannot write field '" + path + "': the sink does not write Iceberg type "
                + describe(type));
    }

    static String javaType(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /** A short name for a type: primitives in full, nested types by kind, since a struct's text lists all. */
    static String describe(Type type) {
        if (type.isPrimitiveType()) {
            return type.toString();
        }
        return type.typeId().name().toLowerCase(Locale.ROOT);
    }
}
