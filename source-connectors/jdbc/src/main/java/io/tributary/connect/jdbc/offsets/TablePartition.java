package io.tributary.connect.jdbc.offsets;

import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The Connect source partition of one table, {@code {"table": "<schema.table>"}}, or of one custom query,
 * {@code {"query": "<name>"}}: the key under which Connect stores the table's {@link StoredOffset}.
 *
 * @param name the table as {@code schema.table} (or the bare table name where the database has no schemas),
 *             or the query's name
 */
public record TablePartition(Kind kind, String name) {

    public static final String TABLE_KEY = "table";
    public static final String QUERY_KEY = "query";

    /** What a partition names. */
    public enum Kind { TABLE, QUERY }

    public TablePartition {
        if (kind == null || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a source partition needs a kind and a name");
        }
    }

    public static TablePartition table(String qualifiedName) {
        return new TablePartition(Kind.TABLE, qualifiedName);
    }

    public static TablePartition query(String name) {
        return new TablePartition(Kind.QUERY, name);
    }

    public Map<String, String> toMap() {
        return Map.of(kind == Kind.TABLE ? TABLE_KEY : QUERY_KEY, name);
    }

    /**
     * Reads a source partition strictly: exactly one key, {@value #TABLE_KEY} or {@value #QUERY_KEY}, with a
     * non-empty text value.
     */
    public static TablePartition fromMap(Map<String, ?> partition) {
        if (partition != null && partition.size() == 1) {
            Map.Entry<String, ?> entry = partition.entrySet().iterator().next();
            if (entry.getValue() instanceof String name && !name.isBlank()) {
                if (TABLE_KEY.equals(entry.getKey())) {
                    return table(name);
                }
                if (QUERY_KEY.equals(entry.getKey())) {
                    return query(name);
                }
            }
        }
        throw new ConnectException("Source partition " + partition + " is not one of this connector's: "
                + "expected {\"" + TABLE_KEY + "\": \"<schema.table>\"} or {\"" + QUERY_KEY + "\": \"<query name>\"}");
    }

    /** The partition as JSON, as an operator writes it in a REST request. */
    public String toJson() {
        String escaped = name.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"" + (kind == Kind.TABLE ? TABLE_KEY : QUERY_KEY) + "\": \"" + escaped + "\"}";
    }

    /** "table public.orders" or "query daily_totals", for messages. */
    @Override
    public String toString() {
        return (kind == Kind.TABLE ? "table " : "query ") + name;
    }
}
