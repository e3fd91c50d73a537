package io.tributary.connect.jdbc.schema;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/**
 * PostgreSQL's types. pgjdbc reports several distinct types under one JDBC type ({@code timestamp} and
 * {@code timestamptz} are both TIMESTAMP, {@code bool} and {@code bit(n)} both BIT, {@code uuid} and
 * {@code point} both OTHER), so the type name decides first and {@link StandardTypeMapper} covers the rest.
 */
public final class PostgresTypeMapper implements TypeMapper {

    /** Types whose text form is their natural value. */
    private static final Set<String> TEXT_TYPES = Set.of("varbit", "inet", "cidr", "macaddr", "macaddr8", "citext");

    /**
     * The JDBC type of each array element type the connector reads. Arrays report their element type only
     * by name ({@code _int4}); unknown element types leave the array unsupported.
     */
    private static final Map<String, Integer> ELEMENT_TYPES = Map.ofEntries(
            Map.entry("bool", Types.BIT), Map.entry("int2", Types.SMALLINT), Map.entry("int4", Types.INTEGER),
            Map.entry("int8", Types.BIGINT), Map.entry("float4", Types.REAL), Map.entry("float8", Types.DOUBLE),
            Map.entry("numeric", Types.NUMERIC), Map.entry("text", Types.VARCHAR), Map.entry("varchar", Types.VARCHAR),
            Map.entry("bpchar", Types.CHAR), Map.entry("name", Types.VARCHAR), Map.entry("bytea", Types.BINARY),
            Map.entry("date", Types.DATE), Map.entry("time", Types.TIME), Map.entry("timetz", Types.TIME),
            Map.entry("timestamp", Types.TIMESTAMP), Map.entry("timestamptz", Types.TIMESTAMP),
            Map.entry("uuid", Types.OTHER), Map.entry("json", Types.OTHER), Map.entry("jsonb", Types.OTHER));

    private final StandardTypeMapper standard = new StandardTypeMapper();

    @Override
    public ColumnMapping map(JdbcColumn column, TypeMappingOptions options) {
        String type = column.typeName();
        switch (type) {
            case "bool":
                return ColumnMapping.of(SchemaBuilder.bool(), column, ValueReaders.BOOLEAN);
            case "bit":
                // bit(1) is a flag; bit(n) keeps its digits as text, e.g. '0101'.
                return column.precision() == 1 ? ColumnMapping.of(SchemaBuilder.bool(), column, ValueReaders.BOOLEAN)
                        : ColumnMapping.of(SchemaBuilder.string(), column, ValueReaders.STRING);
            case "uuid":
                return ColumnMapping.of(SemanticTypes.uuid(), column, ValueReaders.STRING);
            case "json", "jsonb":
                return ColumnMapping.of(SemanticTypes.json(), column, ValueReaders.STRING);
            case "timestamptz":
                return ColumnMapping.of(Timestamp.builder(), column, ValueReaders.TIMESTAMP_WITH_ZONE);
            case "timetz":
                return ColumnMapping.of(org.apache.kafka.connect.data.Time.builder(), column,
                        ValueReaders.TIME_WITH_ZONE);
            case "numeric":
                // getString keeps NaN and Infinity, which no BigDecimal holds, for unconstrained columns.
                return NumericColumns.map(column, options, ValueReaders.BIG_DECIMAL, ValueReaders.STRING);
            case "money":
                // Its text depends on the server's lc_monetary; there is no reading that is right everywhere.
                return null;
            default:
                break;
        }
        if (TEXT_TYPES.contains(type)) {
            return ColumnMapping.of(SchemaBuilder.string(), column, ValueReaders.STRING);
        }
        if (column.jdbcType() == Types.ARRAY) {
            return array(column, options);
        }
        return standard.map(column, options);
    }

    /**
     * A one-dimensional array becomes a Connect ARRAY of the element's mapping, with optional elements (a
     * PostgreSQL array may hold NULLs). The element type modifier ({@code numeric(5,1)[]}) carries over.
     */
    private ColumnMapping array(JdbcColumn column, TypeMappingOptions options) {
        String type = column.typeName();
        Integer elementJdbcType = type.startsWith("_") ? ELEMENT_TYPES.get(type.substring(1)) : null;
        if (elementJdbcType == null) {
            return null;
        }
        JdbcColumn element = new JdbcColumn(column.name(), elementJdbcType, type.substring(1), column.precision(),
                column.scale(), true);
        ColumnMapping elementMapping = map(element, options);
        if (elementMapping == null) {
            return null;
        }
        ColumnReader elementReader = elementMapping.reader();
        return ColumnMapping.of(SchemaBuilder.array(elementMapping.schema()), column, (row, index) -> {
            Array array = row.getArray(index);
            if (array == null) {
                return null;
            }
            // The array's own result set (index, value) lets the element reader apply unchanged.
            try (ResultSet elements = array.getResultSet()) {
                List<Object> values = new ArrayList<>();
                while (elements.next()) {
                    values.add(elementReader.read(elements, 2));
                }
                return values;
            } finally {
                array.free();
            }
        });
    }
}
