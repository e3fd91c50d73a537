package io.tributary.connect.iceberg.write;

import io.tributary.connect.iceberg.config.WriteSettings;
import io.tributary.connect.iceberg.convert.JsonValue;
import io.tributary.connect.iceberg.convert.RecordConverter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;

/**
 * The columns that identify a row of one table in upsert mode — its id — and the key records that equality
 * deletes are written with.
 *
 * <p>Which columns: those configured in {@link WriteSettings#ID_COLUMNS}; else the table's identifier fields;
 * else the fields of the record key (a Struct or Map key, as the JDBC source writes a primary key). They must be
 * top-level primitive columns other than float and double (whose equality is not exact), and every partition
 * column must be one of them: an equality delete applies only within its partition, so an update that moved a
 * row to another partition would leave the old row behind.
 */
public final class RowKeys {

    private final String table;
    private final Schema keySchema;
    private final RecordConverter keyConverter;
    private final int[] rowPositions;

    private RowKeys(String table, Schema tableSchema, Set<Integer> ids) {
        this.table = table;
        this.keySchema = TypeUtil.select(tableSchema, ids);
        this.keyConverter = new RecordConverter(keySchema);
        List<Types.NestedField> columns = tableSchema.columns();
        this.rowPositions = new int[keySchema.columns().size()];
        for (int i = 0; i < rowPositions.length; i++) {
            int id = keySchema.columns().get(i).fieldId();
            for (int position = 0; position < columns.size(); position++) {
                if (columns.get(position).fieldId() == id) {
                    rowPositions[i] = position;
                }
            }
        }
    }

    /**
     * The id of a table.
     *
     * @param configured  the configured id columns, possibly empty
     * @param recordKey   the key of a record routed to the table, used when nothing else names the columns
     * @throws ConnectException when no id can be found or it does not fit the rules above: a configuration
     *                          problem no other record cures
     */
    public static RowKeys of(String table, Schema schema, PartitionSpec spec, List<String> configured,
            Object recordKey) {
        return of(table, schema, spec, configured, recordKey, true);
    }

    /**
     * @param partitionColumnsInId whether partition columns must be id columns; not for tables that only upsert
     *                             late events, whose partition (their event time) is the same as the row's they
     *                             replace
     */
    public static RowKeys of(String table, Schema schema, PartitionSpec spec, List<String> configured,
            Object recordKey, boolean partitionColumnsInId) {
        List<String> names = !configured.isEmpty() ? configured
                : !schema.identifierFieldNames().isEmpty() ? List.copyOf(schema.identifierFieldNames())
                : namesFromKey(table, recordKey);
        Set<Integer> ids = new LinkedHashSet<>();
        for (String name : names) {
            Types.NestedField column = schema.caseInsensitiveFindField(name);
            if (column == null || schema.asStruct().field(column.fieldId()) == null) {
                throw new ConnectException("Id column '" + name + "' is not a top-level column of table " + table);
            }
            Type type = column.type();
            if (!type.isPrimitiveType() || type.typeId() == Type.TypeID.FLOAT
                    || type.typeId() == Type.TypeID.DOUBLE) {
                throw new ConnectException("Id column '" + name + "' of table " + table + " is " + type
                        + "; an id column must be a primitive type other than float and double");
            }
            ids.add(column.fieldId());
        }
        List<String> outside = new ArrayList<>();
        for (PartitionField field : partitionColumnsInId ? spec.fields() : List.<PartitionField>of()) {
            if (!ids.contains(field.sourceId())) {
                outside.add(schema.findColumnName(field.sourceId()));
            }
        }
        if (!outside.isEmpty()) {
            throw new ConnectException("Table " + table + " is partitioned by " + String.join(", ", outside)
                    + ", which must be id columns in upsert mode (" + WriteSettings.ID_COLUMNS + "): an update "
                    + "that changed them would leave the old row in its old partition");
        }
        return new RowKeys(table, schema, ids);
    }

    /**
     * A schema for creating a table in upsert mode: the id columns required and marked as identifier fields.
     *
     * @throws ConnectException when an id column is not a top-level field of the schema
     */
    public static Schema identified(String table, Schema schema, List<String> configured, Object recordKey) {
        List<String> names = configured.isEmpty() ? namesFromKey(table, recordKey) : configured;
        Set<Integer> ids = new LinkedHashSet<>();
        for (String name : names) {
            Types.NestedField column = schema.caseInsensitiveFindField(name);
            if (column == null || schema.asStruct().field(column.fieldId()) == null) {
                throw new ConnectException("Cannot create table " + table + ": id column '" + name
                        + "' is not a top-level field of the first record");
            }
            ids.add(column.fieldId());
        }
        List<Types.NestedField> columns = schema.columns().stream()
                .map(column -> ids.contains(column.fieldId()) ? column.asRequired() : column).toList();
        return new Schema(columns, ids);
    }

    private static List<String> namesFromKey(String table, Object key) {
        if (key instanceof Struct struct) {
            return struct.schema().fields().stream().map(Field::name).toList();
        }
        if (key instanceof Map<?, ?> map && !map.isEmpty()) {
            return map.keySet().stream().map(String::valueOf).toList();
        }
        throw new ConnectException("Table " + table + " has no identifier fields and the record key is "
                + (key == null ? "null" : "a " + key.getClass().getSimpleName())
                + ", not a Struct or Map naming its columns: set " + WriteSettings.ID_COLUMNS);
    }

    /** The schema of key records: the id columns, in the table's order. */
    public Schema keySchema() {
        return keySchema;
    }

    /** The id of a converted row. */
    public Record fromRow(Record row) {
        GenericRecord key = GenericRecord.create(keySchema);
        for (int i = 0; i < rowPositions.length; i++) {
            key.set(i, row.get(rowPositions[i]));
        }
        return checked(key);
    }

    /**
     * The id named by a Kafka record key or value: a Struct or Map holding the id columns (other fields are
     * ignored), or, for a one-column id, the bare value.
     */
    public Record from(Object keyOrValue) {
        Object source = keyOrValue instanceof JsonValue json ? json.asMap() : keyOrValue;
        if (!(source instanceof Struct) && !(source instanceof Map<?, ?>)) {
            if (source == null || keySchema.columns().size() != 1) {
                throw new DataException("Cannot delete from " + table + ": the record key must be a Struct or "
                        + "Map holding id column(s) " + keySchema.columns().stream().map(Types.NestedField::name)
                        .toList() + ", not " + (source == null ? "null" : source.getClass().getSimpleName()));
            }
            source = Map.of(keySchema.columns().get(0).name(), source);
        }
        return checked(keyConverter.convert(source));
    }

    private Record checked(Record key) {
        for (int i = 0; i < key.size(); i++) {
            if (key.get(i) == null) {
                throw new DataException("Id column '" + keySchema.columns().get(i).name() + "' of table " + table
                        + " is null: a row without an id cannot be upserted or deleted");
            }
        }
        return key;
    }
}
