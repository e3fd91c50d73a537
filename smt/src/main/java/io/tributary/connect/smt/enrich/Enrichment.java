package io.tributary.connect.smt.enrich;

import com.github.benmanes.caffeine.cache.Ticker;
import io.tributary.connect.smt.FieldPath;
import io.tributary.connect.smt.RecordDescription;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link io.tributary.connect.smt.Enrich} adds to a record: the fields (named and typed from the table once
 * it is described) and their values for a key, from the cache or the table, or per the miss policy.
 *
 * <p>The table is described at configure time when the database is reachable, so a wrong table or column is a
 * configuration error. When it is not reachable the transform still starts, and the first record describes the
 * table (retrying like any lookup) — a worker restarting during a database outage does not fail its tasks.
 */
public final class Enrichment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Enrichment.class);

    private final List<LookupColumn> columns;
    private final MissPolicy missPolicy;
    private final Map<String, String> defaultTexts;
    private final Redaction redaction;
    private final DimensionTable table;
    private final OutageRetry retry;
    private final CachedLookup lookup;
    private Object[] missValues;
    private Map<String, Schema> fields;

    public Enrichment(EnrichConfig config, Ticker ticker) {
        columns = config.columns();
        missPolicy = config.missPolicy();
        defaultTexts = config.missDefaults();
        List<String> names = columns.stream().map(LookupColumn::column).toList();
        for (String column : defaultTexts.keySet()) {
            if (!names.contains(column)) {
                throw new ConfigException(EnrichConfig.MISS_DEFAULTS_CONFIG, column, "is not one of lookup.columns");
            }
        }
        redaction = new Redaction(config.url(), config.password());
        table = new DimensionTable(config, names);
        retry = new OutageRetry(table, redaction, config.getLong(EnrichConfig.RETRY_TIMEOUT_CONFIG),
                config.getLong(EnrichConfig.RETRY_BACKOFF_CONFIG));
        lookup = new CachedLookup(table, retry, config, ticker);
        describeIfReachable();
    }

    private void describeIfReachable() {
        try {
            table.connect();
        } catch (SQLException e) {
            LOG.warn("Enrich: database {} is not reachable; table {} will be described with the first record: {}",
                    redaction.url(), table.name(), redaction.scrub(e.getMessage()));
            return;
        }
        try {
            table.describe();
        } catch (SQLException | IllegalArgumentException e) {
            table.close();
            throw new ConfigException("Enrich: cannot read columns " + columns + " keyed by "
                    + table.name() + " at " + redaction.url() + ": " + redaction.scrub(e.getMessage()));
        }
        onDescribed();
    }

    /** Describes the table if that is still to do, and refreshes the cache if due; call before each record. */
    public void beforeRecord() {
        if (!table.described()) {
            retry.call("describe", () -> {
                table.describe();
                return null;
            });
            onDescribed();
        }
        lookup.refreshIfDue();
    }

    private void onDescribed() {
        Map<String, Schema> described = new LinkedHashMap<>();
        missValues = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            ColumnType type = table.types().get(i);
            described.put(columns.get(i).field(), type.schema());
            String text = defaultTexts.get(type.column());
            if (missPolicy == MissPolicy.DEFAULT && text != null) {
                try {
                    missValues[i] = type.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(EnrichConfig.MISS_DEFAULTS_CONFIG, text, e.getMessage());
                }
            }
        }
        fields = described;
        lookup.preload();
    }

    /** The added fields' names and schemas, in configured order; after {@link #beforeRecord}. */
    public Map<String, Schema> fields() {
        return fields;
    }

    /** A record's key as the table's key column holds it; IllegalArgumentException when it cannot be one. */
    public Object lookupKey(Object recordKey) {
        return table.keyType().key(recordKey);
    }

    /** The values to add for {@code key}: its row's, or the miss policy's. */
    public Object[] find(Object key, FieldPath keyField, ConnectRecord<?> record) {
        Object[] row;
        try {
            row = lookup.find(key);
        } catch (ArithmeticException e) {
            throw new DataException("Enrich: the row of record " + RecordDescription.of(record) + " in table "
                    + table.name() + ": " + e.getMessage());
        }
        return row != null ? row : onMiss(keyField, record, "not in table " + table.name());
    }

    /** The values to add for a record whose key has no row, or fails with a DataException under policy fail. */
    public Object[] onMiss(FieldPath keyField, ConnectRecord<?> record, String why) {
        if (missPolicy == MissPolicy.FAIL) {
            throw new DataException("Enrich: key field '" + keyField + "' of record " + RecordDescription.of(record)
                    + " is " + why + " (miss.policy=fail)");
        }
        return missValues;
    }

    @Override
    public void close() {
        lookup.close();
    }
}
