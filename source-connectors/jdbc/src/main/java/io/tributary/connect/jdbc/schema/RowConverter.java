package io.tributary.connect.jdbc.schema;

import io.tributary.connect.jdbc.catalog.TableId;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the rows of one result into Connect structs. Built once per result from its metadata, it holds a
 * reader per column, so the per-row work is one driver call per column and no metadata lookups.
 *
 * <p>The value struct has a field per column, named by the column's label, in result order; the key struct
 * (when the table has a primary key) has the key's columns, in key order, with the same schemas.
 */
public final class RowConverter {

    private static final Logger LOG = LoggerFactory.getLogger(RowConverter.class);

    private final TableId table;
    private final Schema valueSchema;
    private final Schema keySchema;
    private final ColumnReader[] readers;
    private final int[] indexes;
    private final Field[] fields;
    private final String[] types;
    private final Field[] keyFieldsInValue;
    private final Field[] keyFields;
    private final List<String> skippedColumns;

    private RowConverter(TableId table, Schema valueSchema, Schema keySchema, List<ColumnReader> readers,
            List<Integer> indexes, List<String> types, List<String> keyColumns, List<String> skippedColumns) {
        this.table = table;
        this.valueSchema = valueSchema;
        this.keySchema = keySchema;
        this.readers = readers.toArray(ColumnReader[]::new);
        this.indexes = indexes.stream().mapToInt(Integer::intValue).toArray();
        this.fields = valueSchema.fields().toArray(Field[]::new);
        this.types = types.toArray(String[]::new);
        this.keyFieldsInValue = keyColumns.stream().map(valueSchema::field).toArray(Field[]::new);
        this.keyFields = keySchema == null ? new Field[0] : keySchema.fields().toArray(Field[]::new);
        this.skippedColumns = List.copyOf(skippedColumns);
    }

    /**
     * @param table names the schemas and appears in errors; for a custom query, a name of the query's own
     * @param keyColumns the primary key's columns in key order; empty for records without a key
     * @throws UnsupportedColumnTypeException for a column without a mapping, unless skipping is allowed (a key
     *     column is never skipped)
     * @throws ConnectException when a key column is not in the result, or two columns share a label
     */
    public static RowConverter forResultSet(ResultSetMetaData metadata, TableId table, List<String> keyColumns,
            TypeMapper mapper, TypeMappingOptions options) throws SQLException {
        return forColumns(JdbcColumn.of(metadata), table, keyColumns, mapper, options);
    }

    /** As {@link #forResultSet}, for the columns of a result in result order (column i is at index i + 1). */
    public static RowConverter forColumns(List<JdbcColumn> columns, TableId table, List<String> keyColumns,
            TypeMapper mapper, TypeMappingOptions options) {
        SchemaBuilder value = SchemaBuilder.struct().name(SchemaNames.valueSchemaName(table));
        List<ColumnReader> readers = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            JdbcColumn column = columns.get(i);
            if (!names.add(column.name())) {
                throw new ConnectException("The result read from " + table.qualifiedName() + " has two columns named '"
                        + column.name() + "'; give one of them an alias");
            }
            ColumnMapping mapping = mapper.map(column, options);
            if (mapping == null) {
                unsupported(table, column, keyColumns.contains(column.name()), options);
                skipped.add(column.name());
                continue;
            }
            value.field(column.name(), mapping.schema());
            readers.add(mapping.reader());
            indexes.add(i + 1);
            types.add(column.typeDescription());
        }
        Schema valueSchema = value.build();
        Schema keySchema = keySchema(valueSchema, table, keyColumns, columns);
        if (!skipped.isEmpty()) {
            LOG.warn("Leaving out column(s) {} of {}: their types have no Connect mapping and unsupported types "
                    + "are set to be skipped", skipped, table.qualifiedName());
        }
        return new RowConverter(table, valueSchema, keySchema, readers, indexes, types, keyColumns, skipped);
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    /** The key's schema; null when the records have no key. */
    public Schema keySchema() {
        return keySchema;
    }

    /** Columns left out because their types have no mapping. */
    public List<String> skippedColumns() {
        return skippedColumns;
    }

    /**
     * The current row of {@code row} as a value struct.
     *
     * @throws DataException naming the table, column and type (never the value) when a value has no Connect
     *     form; a failing connection stays an SQLException
     */
    public Struct value(ResultSet row) throws SQLException {
        Struct value = new Struct(valueSchema);
        for (int i = 0; i < readers.length; i++) {
            value.put(fields[i], read(row, i));
        }
        return value;
    }

    /** The key of a value struct this converter made; null when the records have no key. */
    public Struct key(Struct value) {
        if (keySchema == null) {
            return null;
        }
        Struct key = new Struct(keySchema);
        for (int i = 0; i < keyFields.length; i++) {
            key.put(keyFields[i], value.get(keyFieldsInValue[i]));
        }
        return key;
    }

    private Object read(ResultSet row, int i) throws SQLException {
        try {
            return readers[i].read(row, indexes[i]);
        } catch (SQLException e) {
            // SQLState class 22 is "data exception": the value, not the connection, is the problem.
            if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
                // No cause: drivers quote the value ("Bad value for type long : ..."), and rows hold personal data.
                throw valueError(i, "holds a value the driver cannot convert (SQLState " + e.getSQLState() + ")",
                        null);
            }
            throw e;
        } catch (DataException e) {
            throw valueError(i, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw valueError(i, "holds a value that cannot be read (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private DataException valueError(int i, String problem, Exception cause) {
        return new DataException("Column '" + fields[i].name() + "' (" + types[i] + ") of " + table.qualifiedName()
                + " " + problem, cause);
    }

    private static void unsupported(TableId table, JdbcColumn column, boolean inKey, TypeMappingOptions options) {
        if (inKey) {
            throw new UnsupportedColumnTypeException(table, column.name(), column.typeDescription(),
                    "it is part of the primary key, so it cannot be skipped; cast it to a supported type in a "
                            + "custom query");
        }
        if (options.unsupportedTypes() == UnsupportedTypes.FAIL) {
            throw new UnsupportedColumnTypeException(table, column.name(), column.typeDescription(),
                    "set unsupported.types=skip to leave such columns out, or cast the column to a supported "
                            + "type in a custom query");
        }
    }

    private static Schema keySchema(Schema valueSchema, TableId table, List<String> keyColumns,
            List<JdbcColumn> columns) {
        if (keyColumns.isEmpty()) {
            return null;
        }
        SchemaBuilder key = SchemaBuilder.struct().name(SchemaNames.keySchemaName(table));
        for (String column : keyColumns) {
            Field field = valueSchema.field(column);
            if (field == null) {
                throw new ConnectException("Key column '" + column + "' of " + table.qualifiedName()
                        + " is not in the result, whose columns are "
                        + columns.stream().map(JdbcColumn::name).toList());
            }
            key.field(column, field.schema());
        }
        return key.build();
    }
}
