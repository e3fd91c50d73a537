package io.tributary.connect.iceberg.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Derives the Iceberg schema a table needs from what a Kafka record carries: a Connect value schema, or,
 * for schemaless (JSON) values, the value itself.
 *
 * <p>Field ids in the returned schemas are fresh and mean nothing beyond uniqueness: Iceberg assigns its own
 * when a table is created or a column added, and {@link SchemaEvolution} matches fields by name.
 */
public final class IcebergSchemas {

    /** Debezium's semantic type for a UUID carried as a string. */
    static final String DEBEZIUM_UUID = "io.debezium.data.Uuid";
    /** The parameter of Connect's {@code Decimal} that some producers (Debezium, JDBC sources) set. */
    static final String DECIMAL_PRECISION = "connect.decimal.precision";
    /** Iceberg's largest decimal precision, used when a Connect decimal does not say its own. */
    static final int MAX_DECIMAL_PRECISION = 38;

    private IcebergSchemas() {
    }

    /**
     * The Iceberg schema of a Connect value schema.
     *
     * <p>INT8, INT16 and INT32 become {@code int}; INT64 {@code long}; FLOAT32 {@code float}; FLOAT64
     * {@code double}; BOOLEAN, STRING and BYTES {@code boolean}, {@code string} and {@code binary}. Connect's
     * logical types become their Iceberg counterparts: {@code Decimal} a {@code decimal} of the schema's
     * {@code scale} and its {@code connect.decimal.precision} (38 when absent), {@code Date} {@code date},
     * {@code Time} {@code time}, {@code Timestamp} per {@code mode}. A STRING named
     * {@code io.debezium.data.Uuid} becomes {@code uuid}. Structs, arrays and maps nest as Iceberg structs,
     * lists and maps; map keys must be primitive. Optional Connect schemas give optional Iceberg fields.
     *
     * @throws IllegalArgumentException when the schema is not a struct or holds something Iceberg cannot
     *     store (a map keyed by a struct, a decimal wider than 38 digits), naming the field
     */
    public static Schema fromConnect(org.apache.kafka.connect.data.Schema valueSchema, TimestampMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (valueSchema == null || valueSchema.type() != org.apache.kafka.connect.data.Schema.Type.STRUCT) {
            throw new IllegalArgumentException("An Iceberg table needs a Connect STRUCT value schema, but the value "
                    + "schema is " + (valueSchema == null ? "absent (use inferFromMap for schemaless values)"
                    : valueSchema.type()));
        }
        return new Schema(new FromConnect(mode).fields(valueSchema, null));
    }

    /**
     * The Iceberg schema inferred from one schemaless value (a map, as Connect's JSON converter produces
     * with {@code schemas.enable=false}).
     *
     * <p><b>How schemaless values become columns.</b> Each top-level key of the value becomes an optional
     * column of that name; keys must be strings. A key whose value is null adds no column: its type is
     * unknown until a record carries a value for it. The Java type of the value gives the column type:
     * whole numbers (Integer, Long, Short, Byte) become {@code long}, never a narrower type, because JSON
     * integers are read as Long; Float and Double become {@code double}; BigDecimal becomes
     * {@code decimal(38, s)} with the value's own scale {@code s}; Boolean {@code boolean}; String
     * {@code string}; byte[] and ByteBuffer {@code binary}; java.util.Date {@code timestamptz}
     * ({@code timestamp} when the sink writes timestamps without zone); java.util.UUID {@code uuid}.
     * A nested object never becomes a struct, because nested objects often carry arbitrary keys (ids, tags,
     * headers) and a struct would grow a column per key: it becomes {@code map<string, V>}, and a nested
     * array becomes {@code list<V>}. {@code V} is the type shared by the non-null values inside: all whole
     * numbers give {@code long}; whole and decimal-point numbers mixed give {@code double}; BigDecimals of
     * different scales give {@code decimal(38, largest scale)}; values all of one other type give that type.
     * In every other case, when the values are of different types, are themselves objects or arrays, or
     * when there are no non-null values at all, {@code V} is {@code string}: strings are kept as they are
     * and every other value is written as its JSON text (for example {@code 42}, {@code true} or
     * {@code {"a":1}}). Values of any other Java type are rejected.
     *
     * <p>Later records may add keys, which become new columns (see {@link SchemaEvolution}). The first
     * non-null value of a column fixes its type: a {@code double} column takes later whole numbers, but a
     * {@code long} column cannot later take text or a number with a decimal point, since Iceberg cannot
     * turn {@code long} into {@code double}. Producers of a fractional field should therefore write
     * {@code 1.0} rather than {@code 1}.
     *
     * @throws org.apache.kafka.connect.errors.DataException when a key is not a string or a value's Java
     *     type has no column type, naming the key path and the Java type (never the value)
     */
    public static Schema inferFromMap(Map<?, ?> value, TimestampMode mode) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(mode, "mode");
        return new SchemalessInference(mode).infer(value);
    }

    static String childPath(String parent, String name) {
        return parent == null ? name : parent + "." + name;
    }

    /** One conversion of a Connect schema; holds the id counter so that ids are unique across the tree. */
    private static final class FromConnect {
        private final TimestampMode mode;
        private int lastId;

        FromConnect(TimestampMode mode) {
            this.mode = mode;
        }

        List<Types.NestedField> fields(org.apache.kafka.connect.data.Schema struct, String parentPath) {
            List<Types.NestedField> fields = new ArrayList<>(struct.fields().size());
            for (Field field : struct.fields()) {
                fields.add(field(field.name(), field.schema(), childPath(parentPath, field.name())));
            }
            return fields;
        }

        private Types.NestedField field(String name, org.apache.kafka.connect.data.Schema schema, String path) {
            int id = ++lastId;
            return Types.NestedField.builder().withId(id).withName(name).isOptional(schema.isOptional())
                    .ofType(type(schema, path)).withDoc(schema.doc()).build();
        }

        private Type type(org.apache.kafka.connect.data.Schema schema, String path) {
            Type logical = logicalType(schema, path);
            if (logical != null) {
                return logical;
            }
            return switch (schema.type()) {
                case INT8, INT16, INT32 -> Types.IntegerType.get();
                case INT64 -> Types.LongType.get();
                case FLOAT32 -> Types.FloatType.get();
                case FLOAT64 -> Types.DoubleType.get();
                case BOOLEAN -> Types.BooleanType.get();
                case STRING -> Types.StringType.get();
                case BYTES -> Types.BinaryType.get();
                case STRUCT -> Types.StructType.of(fields(schema, path));
                case ARRAY -> list(schema, path);
                case MAP -> map(schema, path);
            };
        }

        /** The Iceberg type of a Connect logical type, or null when the schema's physical type decides. */
        private Type logicalType(org.apache.kafka.connect.data.Schema schema, String path) {
            String name = schema.name();
            if (name == null) {
                return null;
            }
            return switch (schema.type()) {
                case BYTES -> Decimal.LOGICAL_NAME.equals(name) ? decimal(schema, path) : null;
                case INT32 -> Date.LOGICAL_NAME.equals(name) ? Types.DateType.get()
                        : Time.LOGICAL_NAME.equals(name) ? Types.TimeType.get() : null;
                case INT64 -> Timestamp.LOGICAL_NAME.equals(name) ? timestamp(mode) : null;
                case STRING -> DEBEZIUM_UUID.equals(name) ? Types.UUIDType.get() : null;
                default -> null;
            };
        }

        private Type list(org.apache.kafka.connect.data.Schema schema, String path) {
            int elementId = ++lastId;
            org.apache.kafka.connect.data.Schema element = schema.valueSchema();
            Type elementType = type(element, path + ".element");
            return element.isOptional() ? Types.ListType.ofOptional(elementId, elementType)
                    : Types.ListType.ofRequired(elementId, elementType);
        }

        private Type map(org.apache.kafka.connect.data.Schema schema, String path) {
            int keyId = ++lastId;
            int valueId = ++lastId;
            Type keyType = type(schema.keySchema(), path + ".key");
            if (!keyType.isPrimitiveType()) {
                throw new IllegalArgumentException("Iceberg map keys must be primitive, but the keys of field '"
                        + path + "' are " + schema.keySchema().type());
            }
            org.apache.kafka.connect.data.Schema value = schema.valueSchema();
            Type valueType = type(value, path + ".value");
            return value.isOptional() ? Types.MapType.ofOptional(keyId, valueId, keyType, valueType)
                    : Types.MapType.ofRequired(keyId, valueId, keyType, valueType);
        }
    }

    private static Type decimal(org.apache.kafka.connect.data.Schema schema, String path) {
        Map<String, String> parameters = schema.parameters();
        int scale = Integer.parseInt(parameters.get(Decimal.SCALE_FIELD));
        String declared = parameters.get(DECIMAL_PRECISION);
        int precision = declared == null ? MAX_DECIMAL_PRECISION : Integer.parseInt(declared);
        if (precision > MAX_DECIMAL_PRECISION || scale < 0) {
            throw new IllegalArgumentException("Field '" + path + "' is a decimal(" + precision + ", " + scale
                    + "), but Iceberg decimals have at most 38 digits and a scale of at least 0");
        }
        return Types.DecimalType.of(precision, scale);
    }

    static Type timestamp(TimestampMode mode) {
        return mode == TimestampMode.TIMESTAMPTZ ? Types.TimestampType.withZone() : Types.TimestampType.withoutZone();
    }
}
