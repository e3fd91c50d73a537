package io.tributary.connect.smt;

import com.github.benmanes.caffeine.cache.Ticker;
import io.tributary.connect.smt.enrich.Enrichment;
import io.tributary.connect.smt.enrich.EnrichConfig;
import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Adds columns of a JDBC dimension table to each record value, looked up by a key read from the value — e.g. a
 * click's {@code user.id} gains the user's {@code segment} and {@code country}. Rows come from a bounded TTL
 * cache in front of the table ({@link Enrichment}); a key without a row is handled by the miss policy; an
 * unreachable database is retried, then the record fails with a RetriableException. See docs/enrich.md.
 *
 * <p>A Struct value gains optional fields (its schema derived once per source schema); a schemaless Map gains
 * the same keys with the same values, so a batch row and a live event are enriched identically.
 */
public final class Enrich<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final ConfigDef CONFIG_DEF = EnrichConfig.CONFIG_DEF;

    private FieldPath keyField;
    private Enrichment enrichment;
    private AddedFields added;
    private Ticker ticker = Ticker.systemTicker();

    @Override
    public void configure(Map<String, ?> props) {
        EnrichConfig config = new EnrichConfig(props);
        try {
            keyField = FieldPath.parse(config.getString(EnrichConfig.RECORD_KEY_FIELD_CONFIG));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(EnrichConfig.RECORD_KEY_FIELD_CONFIG,
                    config.getString(EnrichConfig.RECORD_KEY_FIELD_CONFIG), e.getMessage());
        }
        close();  // a second configure replaces the first's connection and cache
        enrichment = new Enrichment(config, () -> ticker.read());
        added = null;
    }

    /** For tests: the clock that ages cached rows. */
    void ticker(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public R apply(R record) {
        Object value = record.value();
        if (value == null) {
            return record;  // a tombstone has nothing to enrich; keep it for compaction and deletes
        }
        enrichment.beforeRecord();
        if (added == null) {
            added = new AddedFields("Enrich", enrichment.fields());  // once the table's types are known
        }
        Object key = keyField.get(value);
        Object[] values;
        if (key == null) {
            values = enrichment.onMiss(keyField, record, "missing or null");
        } else {
            Object lookupKey;
            try {
                lookupKey = enrichment.lookupKey(key);
            } catch (IllegalArgumentException e) {
                throw new DataException("Enrich: key field '" + keyField + "' of record " + RecordDescription.of(record)
                        + ": " + e.getMessage());
            }
            values = enrichment.find(lookupKey, keyField, record);
        }
        Schema schema = value instanceof Struct struct ? added.schema(struct.schema()) : record.valueSchema();
        Object out = added.add(record, value, schema, values);
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema,
                out, record.timestamp(), record.headers());
    }

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
        if (enrichment != null) {
            enrichment.close();
            enrichment = null;
        }
    }
}
