package io.tributary.connect.jdbc.snapshot;

import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.offsets.KeyValue;
import io.tributary.connect.jdbc.schema.RowConverter;
import io.tributary.connect.jdbc.schema.TypeMappingOptions;
import io.tributary.connect.jdbc.task.ReadTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of one snapshot, streamed in key order from a server-side cursor inside one consistent read.
 * Owns its connection: it stays open across polls, and closing the cursor ends the read.
 */
public final class SnapshotCursor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCursor.class);

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowConverter converter;
    private final KeyColumns keys;

    private SnapshotCursor(Connection connection, PreparedStatement statement, ResultSet rows,
            RowConverter converter, KeyColumns keys) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.converter = converter;
        this.keys = keys;
    }

    /**
     * Opens the read on a fresh connection, which the cursor then owns (and closes, also when opening fails).
     *
     * @param after the key to resume after, or empty to read from the first row
     */
    public static SnapshotCursor open(Connection connection, Dialect dialect, ReadTarget target, List<KeyValue> after,
            int fetchSize, TypeMappingOptions options) throws SQLException {
        List<String> keyColumns = target.keyColumns();
        String orderBy = keyColumns.isEmpty() ? null : KeyColumns.orderBy(dialect, keyColumns);
        String where = after.isEmpty() ? null : KeyColumns.after(dialect, keyColumns);
        PreparedStatement statement = null;
        try {
            dialect.beginConsistentRead(connection);
            statement = dialect.prepareStreamingQuery(connection, target.select(dialect, where, orderBy), fetchSize);
            if (!after.isEmpty()) {
                KeyColumns.bind(dialect, statement, after);
            }
            ResultSet rows = statement.executeQuery();
            RowConverter converter = RowConverter.forResultSet(rows.getMetaData(), target.table(), keyColumns,
                    dialect.typeMapper(), options);
            KeyColumns keys = KeyColumns.locate(target.name(), rows.getMetaData(), keyColumns);
            return new SnapshotCursor(connection, statement, rows, converter, keys);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(statement, connection);
            throw e;
        }
    }

    /** Moves to the next row; false at the end. */
    public boolean next() throws SQLException {
        return rows.next();
    }

    public Struct value() throws SQLException {
        return converter.value(rows);
    }

    /** The record key of a value this cursor made; null without key columns. */
    public Struct key(Struct value) {
        return converter.key(value);
    }

    /** The current row's key in the offset's form. */
    public List<KeyValue> keyValues() throws SQLException {
        return keys.read(rows);
    }

    public org.apache.kafka.connect.data.Schema keySchema() {
        return converter.keySchema();
    }

    public org.apache.kafka.connect.data.Schema valueSchema() {
        return converter.valueSchema();
    }

    /** Ends the read: a read-only transaction has nothing to keep, so it is rolled back. */
    @Override
    public void close() {
        try {
            rows.close();
        } catch (SQLException e) {
            LOG.debug("Closing a snapshot's result failed", e);
        }
        closeQuietly(statement, connection);
    }

    private static void closeQuietly(PreparedStatement statement, Connection connection) {
        try {
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException e) {
            LOG.debug("Closing a snapshot's statement failed", e);
        }
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("Ending a snapshot's read failed", e);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing a snapshot's connection failed", e);
        }
    }
}
