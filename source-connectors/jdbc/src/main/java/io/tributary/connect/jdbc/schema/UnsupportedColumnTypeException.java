package io.tributary.connect.jdbc.schema;

import io.tributary.connect.jdbc.catalog.TableId;
import org.apache.kafka.connect.errors.ConnectException;

/** A column's type has no Connect mapping, and the column may not be skipped. */
public class UnsupportedColumnTypeException extends ConnectException {

    private final TableId table;
    private final String column;
    private final String type;

    public UnsupportedColumnTypeException(TableId table, String column, String type, String advice) {
        super("Column '" + column + "' of " + table.qualifiedName() + " has type " + type
                + ", which the connector cannot map to a Connect type; " + advice);
        this.table = table;
        this.column = column;
        this.type = type;
    }

    public TableId table() {
        return table;
    }

    public String column() {
        return column;
    }

    public String type() {
        return type;
    }
}
