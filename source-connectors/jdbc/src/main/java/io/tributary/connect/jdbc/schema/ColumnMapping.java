package io.tributary.connect.jdbc.schema;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** A column's Connect schema and the reader that produces values of it. */
public record ColumnMapping(Schema schema, ColumnReader reader) {

    /** {@code builder}, made optional when the column is nullable. */
    public static ColumnMapping of(SchemaBuilder builder, JdbcColumn column, ColumnReader reader) {
        return new ColumnMapping(column.nullable() ? builder.optional().build() : builder.build(), reader);
    }
}
