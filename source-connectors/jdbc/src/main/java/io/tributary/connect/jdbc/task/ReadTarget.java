package io.tributary.connect.jdbc.task;

import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.dialect.CustomQuery;
import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.offsets.TablePartition;
import java.util.List;

/**
 * One thing a task reads: a table (its name resolved against the database) or the custom query, with the
 * names it goes by in offsets, headers and topics, and the columns that order and identify its rows.
 *
 * @param table the table; for a query, its name as a table without schema (it names the Connect schemas)
 * @param query null for a table
 * @param keyColumns the record key and snapshot order; empty for a table without a primary key (or a query
 *     without {@code key.columns})
 * @param discovered whether include/exclude patterns found it: a dropped discovered table is let go, a
 *     dropped named one is an error
 */
public record ReadTarget(TablePartition partition, TableId table, CustomQuery query, String topic,
        List<String> keyColumns, boolean discovered) {

    public ReadTarget {
        keyColumns = List.copyOf(keyColumns);
    }

    /** The name in offsets and snapshot headers: {@code schema.table}, or the query's name. */
    public String name() {
        return partition.name();
    }

    public boolean isQuery() {
        return query != null;
    }

    /** {@code SELECT *} from the table or the wrapped query, with the connector's condition and order. */
    public String select(Dialect dialect, String where, String orderBy) {
        if (query != null) {
            return query.wrap(dialect, where, orderBy);
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(table.quoted(dialect));
        if (where != null) {
            sql.append(" WHERE ").append(where);
        }
        if (orderBy != null) {
            sql.append(" ORDER BY ").append(orderBy);
        }
        return sql.toString();
    }

    @Override
    public String toString() {
        return partition.toString();
    }
}
