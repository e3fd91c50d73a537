package io.tributary.connect.jdbc.schema;

import java.sql.Types;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/** The mapping by {@link java.sql.Types} alone, for databases without a mapper of their own. */
public final class StandardTypeMapper implements TypeMapper {

    @Override
    public ColumnMapping map(JdbcColumn column, TypeMappingOptions options) {
        return switch (column.jdbcType()) {
            case Types.BOOLEAN -> ColumnMapping.of(SchemaBuilder.bool(), column, ValueReaders.BOOLEAN);
            // BIT(1) is a boolean; wider bit strings have no standard reading.
            case Types.BIT -> column.precision() <= 1
                    ? ColumnMapping.of(SchemaBuilder.bool(), column, ValueReaders.BOOLEAN) : null;
            case Types.TINYINT -> ColumnMapping.of(SchemaBuilder.int8(), column, ValueReaders.INT8);
            case Types.SMALLINT -> ColumnMapping.of(SchemaBuilder.int16(), column, ValueReaders.INT16);
            case Types.INTEGER -> ColumnMapping.of(SchemaBuilder.int32(), column, ValueReaders.INT32);
            case Types.BIGINT -> ColumnMapping.of(SchemaBuilder.int64(), column, ValueReaders.INT64);
            case Types.REAL -> ColumnMapping.of(SchemaBuilder.float32(), column, ValueReaders.FLOAT32);
            // JDBC's FLOAT is double precision.
            case Types.FLOAT, Types.DOUBLE -> ColumnMapping.of(SchemaBuilder.float64(), column, ValueReaders.FLOAT64);
            case Types.NUMERIC, Types.DECIMAL ->
                    NumericColumns.map(column, options, ValueReaders.BIG_DECIMAL, ValueReaders.DECIMAL_TEXT);
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB, Types.SQLXML ->
                    ColumnMapping.of(SchemaBuilder.string(), column, ValueReaders.STRING);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                    ColumnMapping.of(SchemaBuilder.bytes(), column, ValueReaders.BYTES);
            case Types.DATE -> ColumnMapping.of(Date.builder(), column, ValueReaders.DATE);
            case Types.TIME -> ColumnMapping.of(Time.builder(), column, ValueReaders.TIME);
            case Types.TIME_WITH_TIMEZONE -> ColumnMapping.of(Time.builder(), column, ValueReaders.TIME_WITH_ZONE);
            case Types.TIMESTAMP -> ColumnMapping.of(Timestamp.builder(), column, ValueReaders.TIMESTAMP);
            case Types.TIMESTAMP_WITH_TIMEZONE ->
                    ColumnMapping.of(Timestamp.builder(), column, ValueReaders.TIMESTAMP_WITH_ZONE);
            default -> null;
        };
    }
}
