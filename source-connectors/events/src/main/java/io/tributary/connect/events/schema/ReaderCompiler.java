package io.tributary.connect.events.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Compiles an Avro record schema, once per stream, into the tree of {@link ValueReader}s that reads its events,
 * deriving the Connect schema of each part on the way. Whatever it cannot serve is refused here, with the field
 * it concerns, so that a stream's configuration fails to validate rather than its events failing to read.
 */
final class ReaderCompiler {

    /** Connect's parameter for a decimal's precision, as Connect's own Avro and JDBC converters write it. */
    static final String PRECISION_PARAMETER = "connect.decimal.precision";

    private final boolean rejectUnknown;
    /** The records being compiled, outermost first: a record inside itself has no Connect schema. */
    private final Set<String> enclosing = new HashSet<>();

    private ReaderCompiler(boolean rejectUnknown) {
        this.rejectUnknown = rejectUnknown;
    }

    /**
     * @param rejectUnknownFields whether a JSON field the schema lacks makes an event invalid (else it is skipped)
     * @throws IllegalArgumentException saying what cannot be served, and where
     */
    static ValueReader compile(org.apache.avro.Schema avro, boolean rejectUnknownFields) {
        if (avro.getType() != org.apache.avro.Schema.Type.RECORD) {
            throw new IllegalArgumentException("the top-level schema must be a record, not "
                    + describe(avro.getType()));
        }
        return new ReaderCompiler(rejectUnknownFields).compile(avro, false, "");
    }

    /** The T of a union [null, T] or [T, null]. */
    static org.apache.avro.Schema nonNullBranch(org.apache.avro.Schema union) {
        List<org.apache.avro.Schema> types = union.getTypes();
        if (types.size() == 2 && types.get(0).getType() == org.apache.avro.Schema.Type.NULL) {
            return types.get(1);
        }
        if (types.size() == 2 && types.get(1).getType() == org.apache.avro.Schema.Type.NULL) {
            return types.get(0);
        }
        throw new IllegalArgumentException("unions other than [null, T] are not supported");
    }

    private ValueReader compile(org.apache.avro.Schema avro, boolean optional, String path) {
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            org.apache.avro.Schema branch;
            try {
                branch = nonNullBranch(avro);
            } catch (IllegalArgumentException e) {
                throw unsupported(path, e.getMessage());
            }
            return compile(branch, true, path);
        }
        LogicalType logical = avro.getLogicalType();
        if (logical != null) {
            return logical(avro, logical, optional, path);
        }
        return switch (avro.getType()) {
            case RECORD -> record(avro, optional, path);
            case ARRAY -> {
                ValueReader elements = compile(avro.getElementType(), false, path + "[]");
                yield CollectionReaders.array(build(SchemaBuilder.array(elements.schema()), optional), elements);
            }
            case MAP -> {
                ValueReader values = compile(avro.getValueType(), false, path + "{}");
                Schema schema = build(SchemaBuilder.map(Schema.STRING_SCHEMA, values.schema()), optional);
                yield CollectionReaders.map(schema, values);
            }
            case ENUM -> ScalarReaders.enumeration(build(withDoc(SchemaBuilder.string(), avro), optional),
                    avro.getEnumSymbols());
            case STRING -> ScalarReaders.string(build(SchemaBuilder.string(), optional));
            case BOOLEAN -> ScalarReaders.bool(build(SchemaBuilder.bool(), optional));
            case INT -> ScalarReaders.int32(build(SchemaBuilder.int32(), optional));
            case LONG -> ScalarReaders.int64(build(SchemaBuilder.int64(), optional));
            case FLOAT -> ScalarReaders.float32(build(SchemaBuilder.float32(), optional));
            case DOUBLE -> ScalarReaders.float64(build(SchemaBuilder.float64(), optional));
            case BYTES -> ScalarReaders.bytes(build(SchemaBuilder.bytes(), optional), -1);
            case FIXED -> ScalarReaders.bytes(build(withDoc(SchemaBuilder.bytes(), avro), optional),
                    avro.getFixedSize());
            case NULL -> throw unsupported(path, "the type null is only supported in a union [null, T]");
            case UNION -> throw new IllegalStateException("handled above");
        };
    }

    private ValueReader logical(org.apache.avro.Schema avro, LogicalType logical, boolean optional, String path) {
        return switch (logical.getName()) {
            case "decimal" -> {
                LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) logical;
                SchemaBuilder builder = Decimal.builder(decimal.getScale())
                        .parameter(PRECISION_PARAMETER, Integer.toString(decimal.getPrecision()));
                yield new DecimalReader(build(builder, optional), decimal.getPrecision(), decimal.getScale());
            }
            case "uuid" -> ScalarReaders.uuid(build(SchemaBuilder.string(), optional));
            case "date" -> TimeReaders.date(build(Date.builder(), optional));
            case "time-millis" -> TimeReaders.timeMillis(build(Time.builder(), optional));
            case "time-micros" -> TimeReaders.timeMicros(build(SchemaBuilder.int64(), optional));
            case "timestamp-millis" -> TimeReaders.timestamp(build(Timestamp.builder(), optional), 1L, false);
            case "timestamp-micros" -> TimeReaders.timestamp(build(Timestamp.builder(), optional), 1000L, false);
            case "timestamp-nanos" -> TimeReaders.timestamp(build(Timestamp.builder(), optional), 1_000_000L, false);
            case "local-timestamp-millis" -> TimeReaders.timestamp(build(Timestamp.builder(), optional), 1L, true);
            case "local-timestamp-micros" ->
                TimeReaders.timestamp(build(Timestamp.builder(), optional), 1000L, true);
            case "local-timestamp-nanos" ->
                TimeReaders.timestamp(build(Timestamp.builder(), optional), 1_000_000L, true);
            // Serving these as their plain type would hand downstream raw bytes it cannot know to decode.
            default -> throw unsupported(path, "the logical type " + logical.getName() + " on "
                    + describe(avro.getType()) + " is not supported");
        };
    }

    private ValueReader record(org.apache.avro.Schema avro, boolean optional, String path) {
        String name = avro.getFullName();
        if (!enclosing.add(name)) {
            throw unsupported(path, "the record " + name + " contains itself, which a Connect schema cannot");
        }
        try {
            SchemaBuilder builder = withDoc(SchemaBuilder.struct().name(name), avro);
            List<ValueReader> readers = new ArrayList<>();
            List<Supplier<Object>> defaults = new ArrayList<>();
            for (org.apache.avro.Schema.Field field : avro.getFields()) {
                String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
                ValueReader reader = compile(field.schema(), false, fieldPath);
                Supplier<Object> absent = absent(field, reader.schema(), fieldPath);
                builder.field(field.name(), fieldSchema(reader.schema(), field.doc(), absent, fieldPath));
                readers.add(reader);
                defaults.add(absent);
            }
            Schema schema = build(builder, optional);
            List<RecordReader.Slot> slots = new ArrayList<>();
            for (int i = 0; i < readers.size(); i++) {
                slots.add(new RecordReader.Slot(schema.fields().get(i), readers.get(i), defaults.get(i)));
            }
            return new RecordReader(schema, slots, rejectUnknown);
        } finally {
            enclosing.remove(name);
        }
    }

    private static Supplier<Object> absent(org.apache.avro.Schema.Field field, Schema schema, String path) {
        try {
            return AvroDefaults.of(field, schema);
        } catch (RuntimeException e) {
            throw unsupported(path, "the default does not fit the field's type (" + e.getMessage() + ")");
        }
    }

    /**
     * The schema of a field in its record: its reader's, with the field's doc and default where Connect can
     * carry them. Not for a struct: the reader's structs must have exactly their field's schema, and a default
     * struct would need that schema before it exists.
     */
    private static Schema fieldSchema(Schema schema, String doc, Supplier<Object> absent, String path) {
        Object defaultValue = absent == null ? null : absent.get();
        if (schema.type() == Schema.Type.STRUCT || doc == null && defaultValue == null) {
            return schema;
        }
        SchemaBuilder builder = switch (schema.type()) {
            case ARRAY -> SchemaBuilder.array(schema.valueSchema());
            case MAP -> SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
            default -> new SchemaBuilder(schema.type());
        };
        if (schema.name() != null) {
            builder.name(schema.name());
        }
        if (schema.version() != null) {
            builder.version(schema.version());
        }
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        String ownDoc = doc != null ? doc : schema.doc();
        if (ownDoc != null) {
            builder.doc(ownDoc);
        }
        if (defaultValue != null) {
            try {
                builder.defaultValue(defaultValue);
            } catch (RuntimeException e) {
                throw unsupported(path, "the default does not fit the field's type (" + e.getMessage() + ")");
            }
        }
        return build(builder, schema.isOptional());
    }

    private static SchemaBuilder withDoc(SchemaBuilder builder, org.apache.avro.Schema avro) {
        return avro.getDoc() == null ? builder : builder.doc(avro.getDoc());
    }

    private static Schema build(SchemaBuilder builder, boolean optional) {
        return optional ? builder.optional().build() : builder.build();
    }

    private static IllegalArgumentException unsupported(String path, String problem) {
        return new IllegalArgumentException("field '" + path + "': " + problem);
    }

    private static String describe(org.apache.avro.Schema.Type type) {
        String name = type.getName();
        return (name.startsWith("a") || name.startsWith("e") || name.startsWith("i") ? "an " : "a ") + name;
    }
}
