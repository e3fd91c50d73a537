package io.tributary.connect.jdbc.schema;

/** How one database's column types become Connect schemas and values. */
public interface TypeMapper {

    /** The column's Connect schema and reader, or null when its type has no mapping. */
    ColumnMapping map(JdbcColumn column, TypeMappingOptions options);
}
