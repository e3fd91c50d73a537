package io.tributary.connect.jdbc.incremental;

import io.tributary.connect.jdbc.catalog.TableId;
import java.time.Instant;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Checks that the rows a database returned really come after the position they were asked for, in order,
 * and not after the upper bound. The database does the comparing; should it compare differently from the
 * connector (SQLite comparing timestamps as text of another shape, a value the driver rounds), a read would
 * silently repeat the same rows forever or skip some. This turns that into an error instead.
 *
 * <p>Text values are only checked for not repeating the position: their order is the database's collation,
 * which Java does not know.
 */
final class PositionCheck {

    private final TableId table;
    private final IncrementalPosition from;
    private final Instant upper;
    private Instant previous;

    PositionCheck(TableId table, IncrementalPosition from, Instant upper) {
        this.table = table;
        this.from = from;
        this.upper = upper;
    }

    void check(Instant timestamp, Object order) {
        if (timestamp != null) {
            if (upper != null && timestamp.isAfter(upper)) {
                throw disagreement("a row newer than the upper bound of the read");
            }
            if (previous != null && timestamp.isBefore(previous)) {
                throw disagreement("rows out of timestamp order");
            }
            previous = timestamp;
        }
        if (from == null || from.inclusive()) {
            return;
        }
        if (timestamp != null && from.timestamp() != null) {
            int byTime = timestamp.compareTo(from.timestamp());
            if (byTime < 0 || byTime == 0 && (from.incrementing() == null || order == null)) {
                throw disagreement("a row at or before the timestamp it was asked to read after");
            }
            if (byTime > 0) {
                return;
            }
        }
        if (order != null && from.incrementing() != null && notAfter(order, from.incrementing())) {
            throw disagreement("a row at or before the incrementing value it was asked to read after");
        }
    }

    private static boolean notAfter(Object order, Object last) {
        if (order instanceof Long number && last instanceof Long lastNumber) {
            return number <= lastNumber;
        }
        return order.equals(last);
    }

    private ConnectException disagreement(String what) {
        return new ConnectException("The database returned " + what + " from " + table.qualifiedName()
                + ": it compares the position columns differently from the connector, which would lose or "
                + "repeat rows. See 'Incremental mode' in docs/jdbc-source-incremental.md for the column values "
                + "each database needs.");
    }
}
