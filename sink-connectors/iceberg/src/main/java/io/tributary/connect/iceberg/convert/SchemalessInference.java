package io.tributary.connect.iceberg.convert;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Type.PrimitiveType;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.errors.DataException;

/**
 * The rule of {@link IcebergSchemas#inferFromMap}, which documents it: top-level keys become optional
 * columns, nested objects become {@code map<string, V>} and arrays {@code list<V>}, with {@code V} the
 * common type of their values or {@code string} (JSON text) when there is none.
 *
 * <p>One instance infers one value: it holds the counter that keeps field ids unique.
 */
final class SchemalessInference {

    private static final PrimitiveType TEXT = Types.StringType.get();

    private final TimestampMode mode;
    private int lastId;

    SchemalessInference(TimestampMode mode) {
        this.mode = mode;
    }

    Schema infer(Map<?, ?> value) {
        List<Types.NestedField> columns = new ArrayList<>(value.size());
        for (Map.Entry<?, ?> entry : value.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw new DataException("A schemaless value needs text keys to name its columns, but it has a key of "
                        + "type " + ConversionErrors.javaType(entry.getKey()));
            }
            if (entry.getValue() != null) {
                int id = ++lastId;
                columns.add(Types.NestedField.optional(id, name, columnType(entry.getValue(), name)));
            }
        }
        return new Schema(columns);
    }

    private Type columnType(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            int keyId = ++lastId;
            int valueId = ++lastId;
            return Types.MapType.ofOptional(keyId, valueId, TEXT, commonType(map.values(), path + ".value"));
        }
        if (value instanceof Collection<?> list) {
            int elementId = ++lastId;
            return Types.ListType.ofOptional(elementId, commonType(list, path + ".element"));
        }
        return primitiveType(value, path);
    }

    /** The type shared by the non-null values of a nested object or array; {@code string} when none is. */
    private PrimitiveType commonType(Collection<?> values, String path) {
        PrimitiveType common = null;
        for (Object value : values) {
            if (value == null) {
                continue;
            }
            if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
                return TEXT;
            }
            common = common == null ? primitiveType(value, path) : merge(common, primitiveType(value, path));
        }
        return common == null ? TEXT : common;
    }

    private static PrimitiveType merge(PrimitiveType left, PrimitiveType right) {
        if (left.equals(right)) {
            return left;
        }
        if (isNumber(left) && isNumber(right)) {
            return Types.DoubleType.get();
        }
        if (left instanceof Types.DecimalType a && right instanceof Types.DecimalType b) {
            return Types.DecimalType.of(IcebergSchemas.MAX_DECIMAL_PRECISION, Math.max(a.scale(), b.scale()));
        }
        return TEXT;
    }

    private static boolean isNumber(PrimitiveType type) {
        return type.typeId() == Type.TypeID.LONG || type.typeId() == Type.TypeID.DOUBLE;
    }

    private PrimitiveType primitiveType(Object value, String path) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Types.LongType.get();
        }
        if (value instanceof Double || value instanceof Float) {
            return Types.DoubleType.get();
        }
        if (value instanceof BigDecimal decimal) {
            return decimalType(decimal, path);
        }
        if (value instanceof Boolean) {
            return Types.BooleanType.get();
        }
        if (value instanceof String) {
            return TEXT;
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return Types.BinaryType.get();
        }
        if (value instanceof Date) {
            return (PrimitiveType) IcebergSchemas.timestamp(mode);
        }
        if (value instanceof UUID) {
            return Types.UUIDType.get();
        }
        throw new DataException("Cannot infer a column type for field '" + path + "' of a schemaless value from "
                + "Java type " + ConversionErrors.javaType(value));
    }

    private static PrimitiveType decimalType(BigDecimal decimal, String path) {
        int scale = Math.max(decimal.scale(), 0);
        if (scale > IcebergSchemas.MAX_DECIMAL_PRECISION) {
            throw new DataException("Cannot infer a column type for field '" + path + "': a BigDecimal with scale "
                    + scale + " does not fit an Iceberg decimal, whose precision is at most 38");
        }
        return Types.DecimalType.of(IcebergSchemas.MAX_DECIMAL_PRECISION, scale);
    }
}
