package io.tributary.connect.iceberg.convert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Builds the {@link ValueConverter} of a field from its Iceberg type, recursing into lists, maps and structs.
 *
 * <p>{@code textFallback} is set for list elements and map keys and values: there a {@code string} column
 * takes any value as its JSON text, because that is what {@link IcebergSchemas#inferFromMap} promises when a
 * nested object's values have no common type. A struct field of type {@code string} takes text only.
 */
final class ValueConverters {

    private ValueConverters() {
    }

    static ValueConverter forType(Type type, String path, boolean textFallback) {
        return switch (type.typeId()) {
            case BOOLEAN, INTEGER, LONG, FLOAT, DOUBLE, STRING, UUID, FIXED, BINARY, DECIMAL ->
                    PrimitiveConverters.forType(type.asPrimitiveType(), path, textFallback);
            case DATE, TIME, TIMESTAMP -> TemporalConverters.forType(type.asPrimitiveType(), path);
            case STRUCT -> new StructConverter(type.asStructType(), path)::convert;
            case LIST -> list(type.asListType(), path);
            case MAP -> map(type.asMapType(), path);
            default -> value -> {
                throw ConversionErrors.unsupported(path, type);
            };
        };
    }

    private static ValueConverter list(Types.ListType type, String path) {
        String elementPath = path + ".element";
        ValueConverter element = forType(type.elementType(), elementPath, true);
        boolean required = type.isElementRequired();
        return value -> {
            if (!(value instanceof Collection<?> values)) {
                throw ConversionErrors.wrongType(path, type, value);
            }
            List<Object> out = new ArrayList<>(values.size());
            for (Object item : values) {
                out.add(convertNullable(item, element, required, elementPath));
            }
            return out;
        };
    }

    private static ValueConverter map(Types.MapType type, String path) {
        String keyPath = path + ".key";
        String valuePath = path + ".value";
        ValueConverter key = forType(type.keyType(), keyPath, true);
        ValueConverter val = forType(type.valueType(), valuePath, true);
        boolean required = type.isValueRequired();
        return value -> {
            if (!(value instanceof Map<?, ?> entries)) {
                throw ConversionErrors.wrongType(path, type, value);
            }
            Map<Object, Object> out = new LinkedHashMap<>(capacity(entries.size()));
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                out.put(convertNullable(entry.getKey(), key, true, keyPath),
                        convertNullable(entry.getValue(), val, required, valuePath));
            }
            return out;
        };
    }

    static Object convertNullable(Object value, ValueConverter converter, boolean required, String path) {
        if (value == null) {
            if (required) {
                throw ConversionErrors.missingRequired(path);
            }
            return null;
        }
        return converter.convert(value);
    }

    private static int capacity(int size) {
        return (int) (size / 0.75f) + 1;
    }
}
