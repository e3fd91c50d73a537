package io.tributary.connect.jdbc.incremental;

import io.tributary.connect.jdbc.dialect.Dialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the SQL of an incremental read and binds its parameters. Identifiers go through the dialect's
 * quoting; every value (positions, the upper bound) is a parameter.
 *
 * <pre>
 * incrementing:            inc IS NOT NULL [AND inc &gt; ?]                              ORDER BY inc
 * timestamp+incrementing,  ts IS NOT NULL AND inc IS NOT NULL AND ts &lt;= ?upper
 * timestamp with a key:      [AND (ts &gt; ? OR (ts = ? AND inc &gt; ?))]                  ORDER BY ts, inc
 * timestamp in windows:    ts IS NOT NULL AND ts &lt;= ?upper [AND ts &gt; ?]             ORDER BY ts
 * </pre>
 * An inclusive position uses {@code >=} in place of the last {@code >}. A position without its ordering value
 * (as {@code current()} returns) means its whole timestamp was read: {@code ts > ?}. In windows the reader
 * passes a position that carries one (written while the table had a key) as inclusive: {@code ts >= ?}.
 */
final class IncrementalQuery {

    private final String ts;
    private final String order;
    private final IncrementalColumns columns;
    private final PositionValues values;
    private final Source source;

    IncrementalQuery(Dialect dialect, IncrementalColumns columns, PositionValues values, Source source) {
        this.ts = columns.timestamp() == null ? null : dialect.quoteIdentifier(columns.timestamp().name());
        this.order = columns.order() == null ? null : dialect.quoteIdentifier(columns.order().name());
        this.columns = columns;
        this.values = values;
        this.source = source;
    }

    /** The statement with its parameters, ready to bind. */
    Bound after(IncrementalPosition from, Instant upper) {
        List<String> conditions = new ArrayList<>();
        List<Binder> binders = new ArrayList<>();
        if (ts != null) {
            conditions.add(ts + " IS NOT NULL");
            conditions.add(ts + " <= ?");
            binders.add((statement, index) -> values.bindTimestamp(statement, index, upper));
        }
        if (order != null) {
            conditions.add(order + " IS NOT NULL");
        }
        if (from != null) {
            addLowerBound(from, conditions, binders);
        }
        String orderBy = ts == null ? order : order == null ? ts : ts + ", " + order;
        return new Bound(source.select(String.join(" AND ", conditions), orderBy), binders);
    }

    /** {@code SELECT MAX(inc)} of the rows: the position "now" of {@code incrementing} mode. */
    String maxOrder() {
        return source.max(order);
    }

    private void addLowerBound(IncrementalPosition from, List<String> conditions, List<Binder> binders) {
        String after = from.inclusive() ? " >= ?" : " > ?";
        Object last = from.incrementing();
        Instant lastTime = from.timestamp();
        if (ts == null) {
            if (last != null) {
                conditions.add(order + after);
                binders.add((statement, index) -> values.bindOrder(statement, index, last));
            }
            return;
        }
        if (lastTime == null) {
            // A position of another mode's shape; the reader refuses it before building the query.
            throw new IllegalArgumentException("A position in a timestamp mode needs a timestamp");
        }
        if (last == null || columns.windowed()) {
            conditions.add(ts + after);
            binders.add((statement, index) -> values.bindTimestamp(statement, index, lastTime));
            return;
        }
        conditions.add("(" + ts + " > ? OR (" + ts + " = ? AND " + order + after + "))");
        binders.add((statement, index) -> values.bindTimestamp(statement, index, lastTime));
        binders.add((statement, index) -> values.bindTimestamp(statement, index, lastTime));
        binders.add((statement, index) -> values.bindOrder(statement, index, last));
    }

    /** Where rows come from: a table, or a custom query wrapped as a subquery. */
    interface Source {

        /** The rows' SELECT with a condition and an order (identifiers already quoted). */
        String select(String where, String orderBy);

        /** A SELECT of the maximum of a (quoted) column over all rows. */
        String max(String column);
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    /** SQL and the binders of its parameters, in order. */
    record Bound(String sql, List<Binder> binders) {

        void bind(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < binders.size(); i++) {
                binders.get(i).bind(statement, i + 1);
            }
        }
    }
}
