package io.tributary.connect.events.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Avro field defaults as Connect values. Defaults are written by Avro's rules, not by the JSON rules of events:
 * bytes as ISO-8859-1 strings, decimals as their unscaled bytes, times as the numbers Avro stores. Avro's parser
 * has already checked each default against its type; this only changes its representation.
 */
final class AvroDefaults {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private AvroDefaults() {
    }

    /**
     * What an absent field takes, or null when it takes null (no default, or a null one).
     *
     * <p>Immutable values are shared by every event; dates, bytes, lists, maps and structs are made anew for each
     * event, so that a transform that changes one value in place cannot change the next event's default.
     *
     * @param connect the Connect schema of the field's values
     */
    static Supplier<Object> of(org.apache.avro.Schema.Field field, Schema connect) {
        if (!field.hasDefaultValue()) {
            return null;
        }
        Object avroDefault = field.defaultVal();
        Object value = convert(field.schema(), connect, avroDefault);
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return () -> value;
        }
        return () -> convert(field.schema(), connect, avroDefault);
    }

    /** @throws RuntimeException when the default does not have the shape of its type */
    static Object convert(org.apache.avro.Schema avro, Schema connect, Object value) {
        if (value == null || value == JsonProperties.NULL_VALUE) {
            return null;
        }
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            return convert(ReaderCompiler.nonNullBranch(avro), connect, value);
        }
        LogicalType logical = avro.getLogicalType();
        if (logical != null) {
            return logical(logical, value);
        }
        return switch (avro.getType()) {
            case BOOLEAN -> (Boolean) value;
            case INT -> ((Number) value).intValue();
            case LONG -> ((Number) value).longValue();
            case FLOAT -> ((Number) value).floatValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case STRING, ENUM -> value.toString();
            case BYTES, FIXED -> bytes(value);
            case ARRAY -> list(avro, connect, (List<?>) value);
            case MAP -> map(avro, connect, (Map<?, ?>) value);
            case RECORD -> struct(avro, connect, (Map<?, ?>) value);
            default -> throw new IllegalArgumentException("a default of type " + avro.getType());
        };
    }

    /** The logical types {@link ReaderCompiler} serves; it has refused the others already. */
    private static Object logical(LogicalType logical, Object value) {
        return switch (logical.getName()) {
            case "decimal" -> decimal((LogicalTypes.Decimal) logical, bytes(value));
            case "date" -> new Date(((Number) value).longValue() * MILLIS_PER_DAY);
            case "time-millis" -> new Date(((Number) value).longValue());
            case "time-micros" -> ((Number) value).longValue();
            case "timestamp-millis", "local-timestamp-millis" -> new Date(((Number) value).longValue());
            case "timestamp-micros", "local-timestamp-micros" ->
                new Date(Math.floorDiv(((Number) value).longValue(), 1000L));
            case "timestamp-nanos", "local-timestamp-nanos" ->
                new Date(Math.floorDiv(((Number) value).longValue(), 1_000_000L));
            default -> value.toString();
        };
    }

    private static BigDecimal decimal(LogicalTypes.Decimal decimal, byte[] unscaled) {
        BigDecimal value = new BigDecimal(new BigInteger(unscaled), decimal.getScale());
        if (value.precision() > decimal.getPrecision()) {
            throw new IllegalArgumentException("the default has more digits than the decimal's precision");
        }
        return value;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return ((byte[]) value).clone();
    }

    private static List<Object> list(org.apache.avro.Schema avro, Schema connect, List<?> values) {
        List<Object> list = new ArrayList<>(values.size());
        for (Object value : values) {
            list.add(convert(avro.getElementType(), connect.valueSchema(), value));
        }
        return list;
    }

    private static Map<String, Object> map(org.apache.avro.Schema avro, Schema connect, Map<?, ?> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            map.put(entry.getKey().toString(), convert(avro.getValueType(), connect.valueSchema(), entry.getValue()));
        }
        return map;
    }

    /** A record default names its fields; those it leaves out take their own defaults. */
    private static Struct struct(org.apache.avro.Schema avro, Schema connect, Map<?, ?> values) {
        Struct struct = new Struct(connect);
        for (org.apache.avro.Schema.Field avroField : avro.getFields()) {
            Field field = connect.field(avroField.name());
            Object value = values.containsKey(avroField.name()) ? values.get(avroField.name())
                    : avroField.hasDefaultValue() ? avroField.defaultVal() : null;
            struct.put(field, convert(avroField.schema(), field.schema(), value));
        }
        struct.validate();
        return struct;
    }
}
