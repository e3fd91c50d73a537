package io.tributary.connect.smt.enrich;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The dimension table over one kept JDBC connection: describes its columns, finds one row by key with a prepared
 * statement, and reads all rows in batches. Any failure drops the connection, so the next call opens a new one —
 * that is how Enrich gets its database back after an outage. Not thread-safe: a transform runs in one task
 * thread.
 */
final class DimensionTable implements AutoCloseable {

    private static final Set<Integer> KEY_TYPES = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
            Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR);

    /** A row's key and values (in the order of {@link #columns}). */
    interface RowSink {
        void row(Object key, Object[] values);
    }

    private final String url;
    private final Properties properties = new Properties();
    private final String table;
    private final String keyColumn;
    private final List<String> columns;
    private final boolean decimals;
    private final int batchSize;
    private final int queryTimeoutSeconds;

    private Connection connection;
    private PreparedStatement find;
    private ColumnType keyType;
    private List<ColumnType> types;
    private String select;

    DimensionTable(EnrichConfig config, List<String> columns) {
        this.url = config.url();
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        this.table = config.getString(EnrichConfig.TABLE_CONFIG);
        this.keyColumn = config.getString(EnrichConfig.KEY_COLUMN_CONFIG);
        this.columns = List.copyOf(columns);
        this.decimals = config.decimals();
        this.batchSize = config.getInt(EnrichConfig.BATCH_SIZE_CONFIG);
        // A lookup must not hang past the retry budget when the database host vanishes mid-query.
        this.queryTimeoutSeconds = (int) Math.max(1, config.getLong(EnrichConfig.RETRY_TIMEOUT_CONFIG) / 1000);
        if (url.startsWith("jdbc:sqlite:")) {
            // Read-only, so a mistyped path fails instead of creating an empty database file. SQLITE_OPEN_READONLY.
            properties.setProperty("open_mode", "1");
        }
        if (url.startsWith("jdbc:postgresql:")) {
            // A statement timeout is cancelled over a new connection, which a vanished host never accepts; the
            // socket timeout is what ends the wait. Settings in the URL take precedence over these.
            properties.setProperty("connectTimeout", Integer.toString(Math.min(queryTimeoutSeconds, 10)));
            properties.setProperty("socketTimeout", Integer.toString(queryTimeoutSeconds + 5));
        }
    }

    /** The table as written in configuration, for messages. */
    String name() {
        return table;
    }

    /** Opens the connection if there is none. */
    void connect() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(url, properties);
            if (!url.startsWith("jdbc:sqlite:")) {
                connection.setReadOnly(true);  // lookups only: the database refuses anything else in this session
            }
            connection.setAutoCommit(true);
        }
    }

    boolean described() {
        return types != null;
    }

    /**
     * Reads the key's and the columns' types from the table's metadata (a query that returns no row), so a
     * missing table or column fails here. Quoted names make every configured name a single identifier.
     */
    void describe() throws SQLException {
        String from = " FROM " + SqlIdentifiers.quoteTable(table);
        StringBuilder list = new StringBuilder(SqlIdentifiers.quote(keyColumn));
        for (String column : columns) {
            list.append(", ").append(SqlIdentifiers.quote(column));
        }
        String selectAll = "SELECT " + list + from;
        List<ColumnType> described = new ArrayList<>();
        ColumnType key;
        try {
            connect();
            try (Statement statement = connection.createStatement();
                 ResultSet empty = statement.executeQuery(selectAll + " WHERE 1 = 0")) {
                ResultSetMetaData metadata = empty.getMetaData();
                if (!KEY_TYPES.contains(metadata.getColumnType(1))) {
                    throw new IllegalArgumentException("key column " + keyColumn + " is of type "
                            + metadata.getColumnTypeName(1) + "; a key must be a whole number or text");
                }
                requireColumns(connection.getMetaData());
                key = ColumnType.of(keyColumn, metadata.getColumnType(1), 0, false);
                for (int i = 0; i < columns.size(); i++) {
                    described.add(ColumnType.of(columns.get(i), metadata.getColumnType(i + 2),
                            metadata.getScale(i + 2), decimals));
                }
            }
        } catch (SQLException e) {
            disconnect();
            throw e;
        }
        keyType = key;
        types = List.copyOf(described);
        select = selectAll;
    }

    /**
     * Fails unless the table has every configured column. The query above is not proof: SQLite reads a
     * double-quoted name that matches no column as a text literal. Only reached once the table exists, and the
     * names are compared here, not passed to the driver as patterns.
     */
    private void requireColumns(DatabaseMetaData metadata) throws SQLException {
        List<String> parts = SqlIdentifiers.splitTable(table);
        String schema = parts.size() == 2 ? parts.get(0) : null;
        String tableName = parts.get(parts.size() - 1);
        Set<String> present = new HashSet<>();
        try (ResultSet found = metadata.getColumns(null, schema, tableName, null)) {
            while (found.next()) {
                if (tableName.equals(found.getString("TABLE_NAME"))) {
                    present.add(found.getString("COLUMN_NAME"));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String column : concat(keyColumn, columns)) {
            if (!present.contains(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("table " + table + " has no column(s) " + missing);
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    ColumnType keyType() {
        return keyType;
    }

    /** The fetched columns' types, in configured order. */
    List<ColumnType> types() {
        return types;
    }

    /** The values of the row with this key, or null when there is none. The first row wins if several match. */
    Object[] find(Object key) throws SQLException {
        try {
            connect();
            if (find == null) {
                find = connection.prepareStatement(select + " WHERE " + SqlIdentifiers.quote(keyColumn) + " = ?");
                find.setQueryTimeout(queryTimeoutSeconds);
            }
            find.setObject(1, key);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? values(row) : null;
            }
        } catch (SQLException e) {
            disconnect();
            throw e;
        }
    }

    /** The number of rows in the table. */
    long count() throws SQLException {
        try {
            connect();
            try (Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + SqlIdentifiers.quoteTable(table))) {
                count.next();
                return count.getLong(1);
            }
        } catch (SQLException e) {
            disconnect();
            throw e;
        }
    }

    /**
     * Reads every row, {@code lookup.batch.size} rows per round trip. PostgreSQL only streams with a fetch size
     * inside a transaction, so the scan runs in one (read-only) and the connection returns to autocommit.
     */
    void scan(RowSink sink) throws SQLException {
        try {
            connect();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(batchSize);
                try (ResultSet rows = statement.executeQuery(select)) {
                    while (rows.next()) {
                        Object key = keyType.readKey(rows, 1);
                        if (key != null) {
                            sink.row(key, values(rows));
                        }
                    }
                }
            } finally {
                connection.commit();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            disconnect();
            throw e;
        }
    }

    private Object[] values(ResultSet row) throws SQLException {
        Object[] values = new Object[types.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = types.get(i).read(row, i + 2);
        }
        return values;
    }

    /** Drops the connection (quietly: it is usually already broken). */
    void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                // a broken connection may fail to close; it is dropped either way
            }
        }
        connection = null;
        find = null;
    }

    @Override
    public void close() {
        disconnect();
    }
}
