package io.tributary.connect.smt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Top-level fields a transform adds to record values, the same way for a Struct (whose schema gains them, built
 * once per source schema) and a schemaless Map. A field of the same name already there is replaced when its
 * type is the same, and is an error otherwise: a transform never changes a field's type behind a reader's back.
 * Added fields go after the existing ones, in the order given.
 */
final class AddedFields {

    private final String transform;
    private final List<String> names;
    private final List<Schema> schemas;
    private final Cache<Schema, Schema> derived = new SynchronizedCache<>(new LRUCache<>(16));

    /** @param fields names and schemas of the fields to add, in order; @param transform names it in errors */
    AddedFields(String transform, Map<String, Schema> fields) {
        this.transform = transform;
        this.names = List.copyOf(fields.keySet());
        this.schemas = List.copyOf(fields.values());
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** The schema of {@code source} with the added fields. */
    Schema schema(Schema source) {
        Schema schema = derived.get(source);
        if (schema == null) {
            schema = derive(source);
            derived.put(source, schema);
        }
        return schema;
    }

    /**
     * {@code container} with the added fields holding {@code values} (in the order the fields were given).
     *
     * @param record  the record {@code container} belongs to, named in errors
     * @param target  for a Struct, {@link #schema} of its schema
     */
    Object add(ConnectRecord<?> record, Object container, Schema target, Object... values) {
        if (container instanceof Struct struct) {
            Struct out = new Struct(target);
            for (Field field : struct.schema().fields()) {
                out.put(field.name(), struct.get(field));
            }
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), values[i]);
            }
            return out;
        }
        if (container instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>(map);
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), values[i]);
            }
            return out;
        }
        throw new DataException(transform + " adds fields to a Struct or a Map, not "
                + container.getClass().getSimpleName() + ", in record " + RecordDescription.of(record));
    }

    private Schema derive(Schema source) {
        SchemaBuilder builder = SchemaBuilder.struct().name(source.name()).version(source.version())
                .doc(source.doc());
        if (source.parameters() != null) {
            builder.parameters(source.parameters());
        }
        if (source.isOptional()) {
            builder.optional();
        }
        for (Field field : source.fields()) {
            int added = names.indexOf(field.name());
            if (added < 0) {
                builder.field(field.name(), field.schema());
            } else if (field.schema().type() != schemas.get(added).type()) {
                throw new DataException(transform + ": the record already has a field '" + field.name()
                        + "' of type " + field.schema().type() + "; the added field is " + schemas.get(added).type());
            }
        }
        for (int i = 0; i < names.size(); i++) {
            builder.field(names.get(i), schemas.get(i));
        }
        return builder.build();
    }
}
