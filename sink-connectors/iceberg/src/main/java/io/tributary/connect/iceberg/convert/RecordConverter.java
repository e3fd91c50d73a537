package io.tributary.connect.iceberg.convert;

import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converts Kafka record values into Iceberg {@link GenericRecord}s of one table schema, ready for Iceberg's
 * generic file writers.
 *
 * <p>The table decides: columns are matched to the value's fields by name (nested too), value fields the
 * table lacks are ignored, and a column the value lacks is null. Schema evolution is planned beforehand
 * ({@link SchemaEvolution}), so by the time a record is converted the table can hold it. Values are
 * converted to the column's type only where nothing is lost: whole numbers widen, decimals rescale without
 * rounding, {@code java.util.Date}, epoch milliseconds and ISO-8601 text become dates and times in UTC.
 * Inside lists and maps a {@code string} column takes any value, as its JSON text, which is what the
 * schemaless rule of {@link IcebergSchemas#inferFromMap} promises for nested values without a common type.
 *
 * <p>Build one per table schema and reuse it: all per-column work is done in the constructor. When the
 * table's schema changes, build a new one. Instances are safe for concurrent use.
 */
public final class RecordConverter {

    private final Schema tableSchema;
    private final StructConverter root;

    public RecordConverter(Schema tableSchema) {
        this.tableSchema = Objects.requireNonNull(tableSchema, "tableSchema");
        this.root = new StructConverter(tableSchema.asStruct(), null);
    }

    /** The per-column converters of the table's top level, which {@link JsonRowReader} reuses. */
    StructConverter root() {
        return root;
    }

    /** The table schema that converted records have. */
    public Schema tableSchema() {
        return tableSchema;
    }

    /**
     * The record of the table schema holding {@code value}.
     *
     * @param value a Connect {@link Struct}, or a {@link Map} with text keys for schemaless values
     * @throws DataException when a value does not fit its column or a required column has no value; the
     *     message names the field path, the column's Iceberg type and the Java type received, never the
     *     value
     */
    public GenericRecord convert(Object value) {
        if (value instanceof Struct struct) {
            return root.fromStruct(struct);
        }
        if (value instanceof Map<?, ?> map) {
            return root.fromMap(map);
        }
        throw new DataException("Cannot write a record value of type " + ConversionErrors.javaType(value)
                + " to an Iceberg table: it must be a Struct or a Map");
    }
}
