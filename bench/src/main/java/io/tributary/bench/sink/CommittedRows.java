package io.tributary.bench.sink;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * How many rows a table's current snapshot holds, as a reader of the catalog sees it: the snapshot summary's
 * {@code total-records}. Cheap enough to poll every few milliseconds — a catalog query, and a metadata file
 * read only when a commit landed.
 */
final class CommittedRows {

    /** Fine enough for freshness measured in hundreds of milliseconds, light on the two cores. */
    static final Duration POLL = Duration.ofMillis(10);

    private final Catalog catalog;
    private final TableIdentifier id;
    private Table table;

    CommittedRows(Catalog catalog, TableIdentifier id) {
        this.catalog = catalog;
        this.id = id;
    }

    /** The table as last read; null until it exists. */
    Table table() {
        return table;
    }

    /** The committed row count; 0 while the table does not exist or has no snapshot. */
    long count() {
        if (table == null) {
            if (!catalog.tableExists(id)) {
                return 0;
            }
            table = catalog.loadTable(id);
        } else {
            table.refresh();
        }
        Snapshot snapshot = table.currentSnapshot();
        if (snapshot == null) {
            return 0;
        }
        return Long.parseLong(snapshot.summary().getOrDefault(SnapshotSummary.TOTAL_RECORDS_PROP, "0"));
    }

    /**
     * Polls until at least {@code rows} rows are committed.
     *
     * @param state describes the writer, for the timeout message (its connector status, say)
     * @return {@link System#nanoTime()} when the count was first seen at or above {@code rows}
     * @throws IllegalStateException on timeout
     */
    long awaitAtLeast(long rows, Duration timeout, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        while (true) {
            seen = count();
            long now = System.nanoTime();
            if (seen >= rows) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + rows
                        + " committed rows in " + id + "; last seen " + seen + "; " + state.get());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for rows in " + id, e);
            }
        }
    }
}
