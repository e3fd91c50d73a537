package io.tributary.connect.smt;

import io.tributary.connect.smt.mask.MaskPlan;
import io.tributary.connect.smt.mask.MaskRules;
import io.tributary.connect.smt.mask.MaskedField;
import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Masks personal data in chosen fields, nested ones included, so the same masking applies to a batch row and
 * a live event: keyed pseudonyms (HMAC-SHA256, so joins on the field still work), partial masks that keep the
 * last characters, redaction, and IP truncation. {@link Value} masks fields of the record value, {@link Key}
 * of the key. See {@link MaskRules} for the settings and docs/transforms.md for the rules' exact output.
 *
 * <p>A schema changes only where a rule must change it (a hashed INT64 becomes a STRING, a redacted required
 * number becomes optional); the masked schema is derived once per input schema and cached.
 */
public abstract class Mask<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final ConfigDef CONFIG_DEF = MaskRules.configDef();

    /** Distinct value schemas a task sees at once; more only costs re-deriving a schema. */
    private static final int SCHEMA_CACHE_SIZE = 16;

    private MaskPlan plan;
    private Cache<Schema, Schema> maskedSchemas;
    // The last schema seen, compared by identity: records of a stream almost always share one schema object,
    // which saves hashing the whole schema for the cache lookup on every record.
    private Schema lastSchema;
    private Schema lastMaskedSchema;

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        List<MaskedField> fields;
        try {
            fields = MaskedField.parseAll(config.getList(MaskRules.FIELDS_CONFIG));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(MaskRules.FIELDS_CONFIG, config.getList(MaskRules.FIELDS_CONFIG),
                    e.getMessage());
        }
        plan = new MaskPlan(fields, MaskRules.forFields(fields, config));
        maskedSchemas = new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));
        lastSchema = null;
        lastMaskedSchema = null;
    }

    @Override
    public R apply(R record) {
        Object value = operatingValue(record);
        if (value == null) {
            return record;  // a tombstone or an absent part holds nothing to mask
        }
        Schema schema = operatingSchema(record);
        try {
            if (schema == null) {
                if (!(value instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException("a schemaless " + part() + " must be a map, not a "
                            + value.getClass().getSimpleName());
                }
                return newRecord(record, null, plan.mask(map));
            }
            if (!(value instanceof Struct struct)) {
                throw new IllegalArgumentException("the " + part() + " has a " + schema.type()
                        + " schema; only struct " + part() + "s have fields to mask");
            }
            Schema maskedSchema = maskedSchema(schema);
            return newRecord(record, maskedSchema, plan.mask(struct, maskedSchema));
        } catch (IllegalArgumentException | DataException e) {
            throw new DataException("Mask: " + e.getMessage() + " in record " + RecordDescription.of(record), e);
        }
    }

    private Schema maskedSchema(Schema schema) {
        if (schema == lastSchema) {
            return lastMaskedSchema;
        }
        Schema masked = maskedSchemas.get(schema);
        if (masked == null) {
            masked = plan.maskedSchema(schema);
            maskedSchemas.put(schema, masked);
        }
        lastSchema = schema;
        lastMaskedSchema = masked;
        return masked;
    }

    protected abstract Object operatingValue(R record);

    protected abstract Schema operatingSchema(R record);

    protected abstract R newRecord(R record, Schema schema, Object value);

    protected abstract String part();

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }

    @Override
    public void close() {
        maskedSchemas = null;
    }

    /** Masks fields of the record key. */
    public static final class Key<R extends ConnectRecord<R>> extends Mask<R> {
        @Override
        protected Object operatingValue(R record) {
            return record.key();
        }

        @Override
        protected Schema operatingSchema(R record) {
            return record.keySchema();
        }

        @Override
        protected R newRecord(R record, Schema schema, Object value) {
            return record.newRecord(record.topic(), record.kafkaPartition(), schema, value,
                    record.valueSchema(), record.value(), record.timestamp(), record.headers());
        }

        @Override
        protected String part() {
            return "key";
        }
    }

    /** Masks fields of the record value. */
    public static final class Value<R extends ConnectRecord<R>> extends Mask<R> {
        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected Schema operatingSchema(R record) {
            return record.valueSchema();
        }

        @Override
        protected R newRecord(R record, Schema schema, Object value) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    schema, value, record.timestamp(), record.headers());
        }

        @Override
        protected String part() {
            return "value";
        }
    }
}
