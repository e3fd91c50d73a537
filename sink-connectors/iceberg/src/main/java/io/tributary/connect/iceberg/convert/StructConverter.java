package io.tributary.connect.iceberg.convert;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Fills a {@link GenericRecord} of one Iceberg struct type from a Connect {@link Struct} or a {@link Map},
 * matching fields by name.
 *
 * <p>Everything that depends only on the table is built once: the converter, path and nullability of every
 * column, and an empty record that each conversion copies (cheaper than {@code GenericRecord.create}, which
 * looks its name index up in a cache). For structs, the Connect fields that feed the columns are resolved
 * once per Connect schema and reused while records keep arriving with that schema, which converters such as
 * Avro's and JSON's hand out as one instance per schema version.
 *
 * <p>Safe for concurrent use: the remembered layout is immutable and replaced whole.
 */
final class StructConverter {

    private final Types.StructType type;
    private final String path;
    private final GenericRecord empty;
    private final String[] names;
    private final String[] paths;
    private final boolean[] required;
    private final ValueConverter[] converters;
    private final Map<String, Integer> positions;
    private ConnectLayout lastLayout;

    /**
     * @param path the struct's own path, or null for a table's top level
     */
    StructConverter(Types.StructType type, String path) {
        this.type = type;
        this.path = path;
        this.empty = GenericRecord.create(type);
        List<Types.NestedField> fields = type.fields();
        int size = fields.size();
        names = new String[size];
        paths = new String[size];
        required = new boolean[size];
        converters = new ValueConverter[size];
        positions = new HashMap<>();
        for (int i = 0; i < size; i++) {
            Types.NestedField field = fields.get(i);
            names[i] = field.name();
            paths[i] = IcebergSchemas.childPath(path, field.name());
            required[i] = field.isRequired();
            converters[i] = ValueConverters.forType(field.type(), paths[i], false);
            positions.put(names[i], i);
        }
    }

    GenericRecord convert(Object value) {
        if (value instanceof Struct struct) {
            return fromStruct(struct);
        }
        if (value instanceof Map<?, ?> map) {
            return fromMap(map);
        }
        throw ConversionErrors.wrongType(path, type, value);
    }

    GenericRecord fromStruct(Struct struct) {
        Field[] sources = layout(struct.schema()).sources;
        GenericRecord record = empty.copy();
        for (int i = 0; i < sources.length; i++) {
            Object value = sources[i] == null ? null : struct.get(sources[i]);
            record.set(i, ValueConverters.convertNullable(value, converters[i], required[i], paths[i]));
        }
        return record;
    }

    GenericRecord fromMap(Map<?, ?> map) {
        GenericRecord record = empty.copy();
        for (int i = 0; i < names.length; i++) {
            record.set(i, ValueConverters.convertNullable(map.get(names[i]), converters[i], required[i], paths[i]));
        }
        return record;
    }

    /** The position of the field named {@code name}, or -1 when the struct has none. */
    int position(String name) {
        Integer position = positions.get(name);
        return position == null ? -1 : position;
    }

    /** A record with every field null, to be filled by {@link #set} field by field. */
    GenericRecord newRecord() {
        return empty.copy();
    }

    /** Converts {@code value} for the field at {@code position} and sets it. */
    void set(GenericRecord record, int position, Object value) {
        record.set(position, ValueConverters.convertNullable(value, converters[position], required[position],
                paths[position]));
    }

    /** After filling a record by {@link #set}: a required field never set is an error, as a missing key is. */
    void checkRequired(GenericRecord record) {
        for (int i = 0; i < required.length; i++) {
            if (required[i] && record.get(i) == null) {
                throw ConversionErrors.missingRequired(paths[i]);
            }
        }
    }

    private ConnectLayout layout(Schema schema) {
        ConnectLayout layout = lastLayout;
        if (layout == null || layout.schema != schema) {
            layout = new ConnectLayout(schema, names);
            lastLayout = layout;
        }
        return layout;
    }

    /** Which Connect field, if any, feeds each column, for one Connect schema. */
    private static final class ConnectLayout {
        final Schema schema;
        final Field[] sources;

        ConnectLayout(Schema schema, String[] columns) {
            this.schema = schema;
            this.sources = new Field[columns.length];
            for (int i = 0; i < columns.length; i++) {
                sources[i] = schema.field(columns[i]);
            }
        }
    }
}
