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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of one snapshot, streamed in key order from a server-side cursor inside one consistent read.
 * Owns its connection: it stays open across polls, and closing the cursor ends the read.
 *
 * <p>A reader thread of its own fetches and converts the rows ahead of the task into a short queue, so the
 * database's round trips and the driver's parsing overlap with the worker converting and sending the rows before
 * them. Memory stays bounded: at most {@value #QUEUED_ROWS} rows wait beside the driver's fetch. Each row is
 * handed over as soon as it is read (a row read before a fetch that blocks reaches the task without waiting for
 * that fetch), and a failure in the reader reaches the task after the rows read before it, as if the task had
 * read them itself.
 */
public final class SnapshotCursor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCursor.class);
    static final int QUEUED_ROWS = 1_024;
    private static final int TAKEN_AT_ONCE = 256;
    private static final Duration READER_STOP = Duration.ofSeconds(5);
    /** The end of the rows (identity-compared): after it, {@link #failure} says whether they ended by an error. */
    private static final Row END = new Row(null, List.of());

    /** One row: its value, and its key in the offset's form (empty without key columns). */
    public record Row(Struct value, List<KeyValue> keyValues) {
    }

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowConverter converter;
    private final KeyColumns keys;
    private final BlockingQueue<Row> queue = new ArrayBlockingQueue<>(QUEUED_ROWS);
    private final Thread reader;
    private volatile boolean stopping;
    private volatile Throwable failure;
    /** Rows taken from the queue and not yet returned. */
    private final ArrayDeque<Row> taken = new ArrayDeque<>(TAKEN_AT_ONCE);
    private boolean ended;

    private SnapshotCursor(Connection connection, PreparedStatement statement, ResultSet rows,
            RowConverter converter, KeyColumns keys, String table) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.converter = converter;
        this.keys = keys;
        this.reader = new Thread(this::readAhead, "tributary-snapshot-reader-" + table);
        reader.setDaemon(true);
        reader.start();
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
            return new SnapshotCursor(connection, statement, rows, converter, keys, target.name());
        } catch (SQLException | RuntimeException e) {
            closeQuietly(statement, connection);
            throw e;
        }
    }

    /**
     * The next row, or null at the end.
     *
     * @throws SQLException      when reading failed (the rows before the failure were returned first)
     * @throws RuntimeException  when a row could not be converted, as the converter threw it
     */
    public Row next() throws SQLException {
        if (taken.isEmpty()) {
            if (ended) {
                return null;
            }
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting for the snapshot's next rows", e);
            }
            queue.drainTo(taken, TAKEN_AT_ONCE - 1);
        }
        Row row = taken.poll();
        if (row == END) {
            ended = true;
            taken.clear();
            rethrowFailure();
            return null;
        }
        return row;
    }

    private void rethrowFailure() throws SQLException {
        Throwable failed = failure;
        if (failed instanceof SQLException e) {
            throw e;
        }
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
    }

    /** The reader thread: each row into the queue as it is read, then the end (after a failure, too). */
    private void readAhead() {
        boolean keyless = converter.keySchema() == null;
        try {
            while (!stopping && rows.next()) {
                Struct value = converter.value(rows);
                hand(new Row(value, keyless ? List.of() : keys.read(rows)));
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            hand(END);
        }
    }

    /** Waits for room in the queue, unless the cursor is being closed (then nobody takes it). */
    private void hand(Row row) {
        try {
            while (!stopping) {
                if (queue.offer(row, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Nobody interrupts this thread, but if something did: the rows must never seem to end early (the
            // snapshot would be completed without them), so the task hears of a failure instead, and the rows
            // not yet taken are dropped with it (they are read again when the snapshot resumes after the last
            // key the task sent).
            if (failure == null) {
                failure = new SQLException("The reader of the snapshot was interrupted", e);
            }
            stopping = true;
            queue.clear();
            queue.offer(END);
        }
    }

    /** The record key of a value this cursor made; null without key columns. */
    public Struct key(Struct value) {
        return converter.key(value);
    }

    public org.apache.kafka.connect.data.Schema keySchema() {
        return converter.keySchema();
    }

    public org.apache.kafka.connect.data.Schema valueSchema() {
        return converter.valueSchema();
    }

    /**
     * Ends the read: stops the reader (cancelling a fetch it waits on), then rolls back the read-only
     * transaction, which has nothing to keep.
     */
    @Override
    public void close() {
        stopping = true;
        queue.clear();
        try {
            reader.join(READER_STOP.toMillis());
            if (reader.isAlive()) {
                statement.cancel();  // the one JDBC call made for another thread: ends a fetch in progress
                reader.join(READER_STOP.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.debug("Cancelling a snapshot's fetch failed", e);
        }
        if (reader.isAlive()) {
            LOG.warn("The reader of a snapshot did not stop within {} s; closing its connection under it",
                    READER_STOP.toSeconds() * 2);
        }
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
