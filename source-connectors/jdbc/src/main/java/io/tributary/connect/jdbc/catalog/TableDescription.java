package io.tributary.connect.jdbc.catalog;

import io.tributary.connect.jdbc.schema.JdbcColumn;
import java.util.List;
import java.util.Optional;

/**
 * A table's columns, in table order, and its primary key.
 *
 * @param id the table, with the schema resolved when the name given had none
 * @param primaryKey the key's column names in key order; empty when the table has no primary key
 */
public record TableDescription(TableId id, List<JdbcColumn> columns, List<String> primaryKey) {

    public TableDescription {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** The column of exactly this name (case-sensitive). */
    public Optional<JdbcColumn> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }
}
