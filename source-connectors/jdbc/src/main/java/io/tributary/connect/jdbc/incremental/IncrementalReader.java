package io.tributary.connect.jdbc.incremental;

import io.tributary.connect.jdbc.catalog.TableDescription;
import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.dialect.CustomQuery;
import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.schema.JdbcColumn;
import io.tributary.connect.jdbc.schema.RowConverter;
import io.tributary.connect.jdbc.schema.TypeMappingOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the rows of one table or custom query that come after a position, in position order
 * (docs/jdbc-source-incremental.md). Holds no connection and no position of its own: the task passes both
 * in, so that a restart is just a new reader and the stored position.
 *
 * <p>Each call is one short transaction of its own on the connection passed in: auto-commit is turned off
 * for the call (PostgreSQL streams through a cursor only then) and restored after, and the transaction is
 * committed at the end, so that the next call sees rows committed meanwhile. Pass a connection used for
 * nothing else.
 */
public final class IncrementalReader {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalReader.class);
    private static final int MAX_FETCH_SIZE = 1_000;

    private final Dialect dialect;
    private final TableId table;
    private final IncrementalSpec spec;
    private final IncrementalColumns columns;
    private final PositionValues values;
    private final IncrementalQuery query;
    private final RowConverter converter;
    private final int timestampIndex;
    private final int orderIndex;

    /**
     * A reader of a table.
     *
     * @throws ConnectException naming table and column when a column is missing, ambiguous or of an unusable
     *     type, or a column type has no Connect mapping
     */
    public IncrementalReader(Dialect dialect, TableDescription table, IncrementalSpec spec,
            TypeMappingOptions options) {
        this(dialect, table.id(), table.columns(), table.primaryKey(), spec, options, new IncrementalQuery.Source() {
            private final String from = " FROM " + table.id().quoted(dialect);
            private final String selectList = table.columns().stream()
                    .map(column -> dialect.quoteIdentifier(column.name())).collect(Collectors.joining(", "));

            @Override
            public String select(String where, String orderBy) {
                return "SELECT " + selectList + from + " WHERE " + where + " ORDER BY " + orderBy;
            }

            @Override
            public String max(String column) {
                return "SELECT MAX(" + column + ")" + from;
            }
        });
    }

    /**
     * A reader of a custom query, wrapped as {@code SELECT * FROM (query) AS tributary_q WHERE ... ORDER BY ...}.
     * Its records have no key.
     *
     * @param name names the records' schemas and appears in errors and logs
     * @param forMetadata a connection to learn the query's columns on (the query is run with no rows)
     * @throws SQLException as the database reported it, so that the caller can tell a connection that failed
     *                      (retry after a backoff) from a query that did
     */
    public static IncrementalReader forQuery(Dialect dialect, String name, CustomQuery query, IncrementalSpec spec,
            TypeMappingOptions options, Connection forMetadata) throws SQLException {
        TableId id = TableId.of(null, name);
        List<JdbcColumn> columns;
        try (Statement statement = forMetadata.createStatement();
             ResultSet empty = statement.executeQuery(query.wrap(dialect, "1 = 0", null))) {
            columns = JdbcColumn.of(empty.getMetaData());
        }
        return new IncrementalReader(dialect, id, columns, List.of(), spec, options, new IncrementalQuery.Source() {
            @Override
            public String select(String where, String orderBy) {
                return query.wrap(dialect, where, orderBy);
            }

            @Override
            public String max(String column) {
                return "SELECT MAX(" + column + ") FROM (\n" + query.wrap(dialect, null, null) + "\n) AS "
                        + dialect.quoteIdentifier("tributary_max");
            }
        });
    }

    private IncrementalReader(Dialect dialect, TableId table, List<JdbcColumn> resultColumns,
            List<String> keyColumns, IncrementalSpec spec, TypeMappingOptions options, IncrementalQuery.Source source) {
        this.dialect = dialect;
        this.table = table;
        this.spec = spec;
        this.columns = IncrementalColumns.resolve(dialect, table, resultColumns, keyColumns, spec);
        this.values = new PositionValues(dialect, table, columns);
        this.query = new IncrementalQuery(dialect, columns, values, source);
        this.converter = RowConverter.forColumns(resultColumns, table, keyColumns, dialect.typeMapper(), options);
        this.timestampIndex = indexOf(resultColumns, columns.timestamp());
        this.orderIndex = indexOf(resultColumns, columns.order());
    }

    /**
     * The rows after {@code from}, in position order: at most {@code maxRows}, except that a table read in
     * whole windows returns every row of the last timestamp it reaches (see {@link IncrementalRow}); never a
     * row newer than the database's current time minus the safety delay. Rows are streamed with the
     * dialect's cursor; only the rows returned are held in memory.
     *
     * @param from null to read from the beginning
     */
    public List<IncrementalRow> next(Connection connection, IncrementalPosition from, int maxRows)
            throws SQLException {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be positive, was " + maxRows);
        }
        requireShape(from);
        // In windows a tiebreaker value (stored while the table had a usable key) cannot be resumed from: its
        // whole timestamp is read again, at least once rather than perhaps never.
        IncrementalPosition lower = columns.windowed() && from != null && from.incrementing() != null
                ? new IncrementalPosition(from.timestamp(), null, true) : from;
        return inReadTransaction(connection, () -> {
            Instant upper = spec.mode().usesTimestamp()
                    ? dialect.currentTime(connection).minus(spec.safetyDelay()) : null;
            IncrementalQuery.Bound bound = query.after(lower, upper);
            try (PreparedStatement statement = dialect.prepareStreamingQuery(connection, bound.sql(),
                    Math.min(maxRows, MAX_FETCH_SIZE))) {
                if (!columns.windowed()) {
                    statement.setMaxRows(maxRows);
                }
                bound.bind(statement);
                try (ResultSet result = statement.executeQuery()) {
                    PositionCheck check = new PositionCheck(table, lower, upper);
                    List<IncrementalRow> rows = columns.windowed() ? readWindows(result, from, maxRows, check)
                            : readRows(result, check);
                    LOG.debug("Read {} row(s) of {} in mode {} (upper bound {})", rows.size(), table, spec.mode(),
                            upper);
                    return rows;
                }
            }
        });
    }

    /**
     * The position "now", for a table whose reading starts from the latest rows: in {@code incrementing}
     * mode the column's current maximum (null for an empty table); in the timestamp modes the database's
     * current time minus the safety delay, so that rows of transactions still open are not skipped.
     */
    public IncrementalPosition current(Connection connection) throws SQLException {
        return inReadTransaction(connection, () -> {
            if (spec.mode().usesTimestamp()) {
                return new IncrementalPosition(dialect.currentTime(connection).minus(spec.safetyDelay()), null);
            }
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(query.maxOrder())) {
                Object max = result.next() ? values.order(result, 1) : null;
                return max == null ? null : new IncrementalPosition(null, max);
            }
        });
    }

    /** The key's schema; null for a table without a primary key and for custom queries. */
    public Schema keySchema() {
        return converter.keySchema();
    }

    public Schema valueSchema() {
        return converter.valueSchema();
    }

    /** Every row carries its own position. */
    private List<IncrementalRow> readRows(ResultSet result, PositionCheck check) throws SQLException {
        List<IncrementalRow> rows = new ArrayList<>();
        while (result.next()) {
            Instant timestamp = timestampIndex > 0 ? values.timestamp(result, timestampIndex) : null;
            Object order = values.order(result, orderIndex);
            check.check(timestamp, order);
            Struct value = converter.value(result);
            rows.add(new IncrementalRow(converter.key(value), value, new IncrementalPosition(timestamp, order), true));
        }
        return rows;
    }

    /**
     * Rows of one timestamp have no order, so a position inside them could not be resumed from: they are
     * read as a whole, and only the last row of each timestamp carries it as its position.
     */
    private List<IncrementalRow> readWindows(ResultSet result, IncrementalPosition from, int maxRows,
            PositionCheck check) throws SQLException {
        List<Struct> read = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        while (result.next()) {
            Instant timestamp = values.timestamp(result, timestampIndex);
            if (read.size() >= maxRows && !timestamp.equals(times.get(times.size() - 1))) {
                break;
            }
            check.check(timestamp, null);
            read.add(converter.value(result));
            times.add(timestamp);
        }
        List<IncrementalRow> rows = new ArrayList<>(read.size());
        IncrementalPosition safe = from;
        for (int i = 0; i < read.size(); i++) {
            boolean endsWindow = i == read.size() - 1 || !times.get(i + 1).equals(times.get(i));
            if (endsWindow) {
                safe = new IncrementalPosition(times.get(i), null);
            }
            rows.add(new IncrementalRow(converter.key(read.get(i)), read.get(i), safe, endsWindow));
        }
        return rows;
    }

    /** The 1-based index of {@code column} in the result; 0 for none. */
    private static int indexOf(List<JdbcColumn> resultColumns, JdbcColumn column) {
        return column == null ? 0 : resultColumns.indexOf(column) + 1;
    }

    private void requireShape(IncrementalPosition from) {
        if (from == null) {
            return;
        }
        boolean fits = spec.mode().usesTimestamp() ? from.timestamp() != null : from.incrementing() != null;
        if (!fits) {
            throw new ConnectException("The position of " + table + " has no " + (spec.mode().usesTimestamp()
                    ? "timestamp" : "incrementing value") + ", which mode '" + spec.mode() + "' needs: reset the "
                    + "table's offset");
        }
    }

    private <T> T inReadTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            if (autoCommit && !connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }
}
