package io.tributary.connect.iceberg.write;

import io.tributary.connect.iceberg.convert.IcebergSchemas;
import io.tributary.connect.iceberg.convert.SchemaEvolution;
import io.tributary.connect.iceberg.convert.TimestampMode;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a table's schema able to take the records routed to it: checks each record's schema against the
 * table's, and evolves the table — add columns, widen, make optional — when the record needs it and
 * evolution is enabled. Several tasks may evolve one table at once; a lost race is resolved by re-reading
 * the table and planning again.
 *
 * <p>Checks are cheap on the hot path: a Connect schema seen before is known to fit (identity lookup), and a
 * schemaless map fits when its keys are all columns already.
 */
public final class SchemaGuard {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaGuard.class);
    private static final int MAX_CACHED_SCHEMAS = 256;
    private static final int MAX_EVOLVE_ATTEMPTS = 10;

    private final Table table;
    private final boolean evolve;
    private final TimestampMode timestampMode;
    /** Connect schemas known to fit {@link #schema}; used by one task thread only. */
    private final Map<org.apache.kafka.connect.data.Schema, Boolean> fitting = new IdentityHashMap<>();
    private Schema schema;
    private Set<String> topLevelColumns;

    public SchemaGuard(Table table, boolean evolve, TimestampMode timestampMode) {
        this.table = table;
        this.evolve = evolve;
        this.timestampMode = timestampMode;
        useSchema(table.schema());
    }

    /** The schema records are written with: the table's as of the last check, which writers must use. */
    public Schema schema() {
        return schema;
    }

    /**
     * Makes sure the table can take {@code value}.
     *
     * @return true when the table's schema changed, so writers must be rebuilt
     * @throws DataException naming the table and the field when the value cannot fit
     */
    public boolean admit(Object value) {
        if (value instanceof Struct struct) {
            if (fitting.containsKey(struct.schema())) {
                return false;
            }
            boolean changed = reconcile(IcebergSchemas.fromConnect(struct.schema(), timestampMode));
            if (fitting.size() >= MAX_CACHED_SCHEMAS) {
                fitting.clear();
            }
            fitting.put(struct.schema(), Boolean.TRUE);
            return changed;
        }
        if (value instanceof Map<?, ?> map) {
            if (topLevelColumns.containsAll(map.keySet())) {
                return false;
            }
            return reconcile(IcebergSchemas.inferFromMap(map, timestampMode));
        }
        throw new DataException("Table " + table.name() + " takes Struct or Map values (use a converter with "
                + "schemas, or JSON), not " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private boolean reconcile(Schema incoming) {
        if (SchemaEvolution.plan(schema, incoming).isEmpty()) {
            return false;
        }
        // Another task may have evolved the table already: look at its current schema before changing it.
        table.refresh();
        for (int attempt = 1; attempt <= MAX_EVOLVE_ATTEMPTS; attempt++) {
            SchemaEvolution.Plan planned = SchemaEvolution.plan(table.schema(), incoming);
            if (planned.isEmpty()) {
                useSchema(table.schema());
                return true;
            }
            if (!planned.isCompatible()) {
                throw new DataException("Table " + table.name() + " cannot take this record: "
                        + String.join("; ", planned.problems()));
            }
            if (!evolve) {
                throw new DataException("Table " + table.name() + " needs a schema change to take this record ("
                        + planned + ") and iceberg.tables.evolve-schema is false");
            }
            try {
                UpdateSchema update = table.updateSchema();
                planned.apply(update);
                update.commit();
                LOG.info("Evolved the schema of {}: {}", table.name(), planned);
                table.refresh();
                useSchema(table.schema());
                return true;
            } catch (CommitFailedException | IllegalArgumentException e) {
                // Another task changed the table first (a conflicting commit, or a column that now exists);
                // its change may already be what this record needs.
                table.refresh();
            }
        }
        throw new DataException("Could not evolve the schema of " + table.name() + ": other writers kept "
                + "changing it");
    }

    private void useSchema(Schema current) {
        schema = current;
        fitting.clear();
        topLevelColumns = columnNames(current);
    }

    private static Set<String> columnNames(Schema schema) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (Types.NestedField field : schema.columns()) {
            names.put(field.name(), Boolean.TRUE);
        }
        return names.keySet();
    }
}
