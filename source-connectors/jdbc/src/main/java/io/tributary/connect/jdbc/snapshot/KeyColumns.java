package io.tributary.connect.jdbc.snapshot;

import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.offsets.KeyValue;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The key columns of a snapshot's result: the order it is read in, and the last key an interrupted snapshot
 * resumes after.
 *
 * <p>The last key is kept in the database's own terms, not as the record's Connect values: integers as
 * numbers, everything else as the driver's text of the value ({@code getString}), which the database parses
 * back to the column's type exactly (numeric, uuid, timestamps with their fractions, bytea in hex). Connect
 * values would not round-trip: a timestamp loses its microseconds, a date its zone rule.
 */
final class KeyColumns {

    private final String table;
    private final List<String> names;
    private final int[] indexes;
    private final boolean[] whole;

    private KeyColumns(String table, List<String> names, int[] indexes, boolean[] whole) {
        this.table = table;
        this.names = names;
        this.indexes = indexes;
        this.whole = whole;
    }

    static KeyColumns locate(String table, ResultSetMetaData metadata, List<String> names) throws SQLException {
        int[] indexes = new int[names.size()];
        boolean[] whole = new boolean[names.size()];
        for (int k = 0; k < names.size(); k++) {
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                if (metadata.getColumnLabel(i).equals(names.get(k))) {
                    indexes[k] = i;
                    int type = metadata.getColumnType(i);
                    whole[k] = type == Types.TINYINT || type == Types.SMALLINT || type == Types.INTEGER
                            || type == Types.BIGINT;
                }
            }
            if (indexes[k] == 0) {
                throw new ConnectException("Key column '" + names.get(k) + "' of " + table + " is not in its result");
            }
        }
        return new KeyColumns(table, List.copyOf(names), indexes, whole);
    }

    /** The current row's key, for the offset. */
    List<KeyValue> read(ResultSet row) throws SQLException {
        List<KeyValue> key = new ArrayList<>(indexes.length);
        for (int k = 0; k < indexes.length; k++) {
            Object value = whole[k] ? (Object) row.getLong(indexes[k]) : row.getString(indexes[k]);
            if (row.wasNull()) {
                throw new ConnectException("Key column '" + names.get(k) + "' of " + table + " holds NULL: key "
                        + "columns must never be NULL, or a snapshot cannot be ordered and resumed");
            }
            key.add(new KeyValue(names.get(k), value));
        }
        return key;
    }

    /** {@code "a", "b"}: the snapshot's ORDER BY. */
    static String orderBy(Dialect dialect, List<String> names) {
        return names.stream().map(dialect::quoteIdentifier).collect(Collectors.joining(", "));
    }

    /** {@code ("a", "b") > (?, ?)}: the rows after a key, in the same order as {@link #orderBy}. */
    static String after(Dialect dialect, List<String> names) {
        if (names.size() == 1) {
            return dialect.quoteIdentifier(names.get(0)) + " > ?";
        }
        return "(" + orderBy(dialect, names) + ") > (" + names.stream().map(name -> "?")
                .collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Binds a stored key to the parameters of {@link #after}. Text goes to PostgreSQL untyped, so the server
     * reads it as the column's type (a typed VARCHAR would not compare with a uuid or numeric column).
     */
    static void bind(Dialect dialect, PreparedStatement statement, List<KeyValue> key) throws SQLException {
        boolean postgres = "postgresql".equals(dialect.name());
        for (int k = 0; k < key.size(); k++) {
            Object value = key.get(k).value();
            if (value instanceof Long number) {
                statement.setLong(k + 1, number);
            } else if (postgres) {
                statement.setObject(k + 1, value, Types.OTHER);
            } else {
                statement.setString(k + 1, (String) value);
            }
        }
    }
}
