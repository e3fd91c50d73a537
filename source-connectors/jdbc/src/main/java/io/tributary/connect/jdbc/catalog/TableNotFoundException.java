package io.tributary.connect.jdbc.catalog;

import org.apache.kafka.connect.errors.ConnectException;

/** A table the configuration names does not exist, or the connector's user cannot see it. */
public class TableNotFoundException extends ConnectException {

    private final TableId table;

    public TableNotFoundException(TableId table, String message) {
        super(message);
        this.table = table;
    }

    public TableId table() {
        return table;
    }
}
