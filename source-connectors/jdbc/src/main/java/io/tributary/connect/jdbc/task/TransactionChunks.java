package io.tributary.connect.jdbc.task;

import io.tributary.connect.smt.boundary.SnapshotBoundary;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.TransactionContext;

/**
 * Where a snapshot's Kafka transactions end when the connector defines the boundaries (exactly-once source
 * support with {@code transaction.boundary=connector}): after every {@code snapshot.transaction.rows} rows, and
 * after a snapshot's last marker, so that the markers commit with the last rows. Without a transaction context
 * (at-least-once, or boundaries per poll) it does nothing.
 */
public final class TransactionChunks {

    private final TransactionContext context;
    private final int rowsPerTransaction;
    private long rowsInTransaction;

    public TransactionChunks(TransactionContext context, int rowsPerTransaction) {
        this.context = context;
        this.rowsPerTransaction = rowsPerTransaction;
    }

    /** Requests the commits a batch needs; {@code snapshotEnded} when the batch ends with a snapshot's markers. */
    public void afterBatch(List<SourceRecord> batch, boolean snapshotEnded) {
        if (context == null || batch.isEmpty()) {
            return;
        }
        for (SourceRecord record : batch) {
            if (SnapshotBoundary.isMarker(record.headers())) {
                continue;
            }
            if (++rowsInTransaction >= rowsPerTransaction) {
                context.commitTransaction(record);
                rowsInTransaction = 0;
            }
        }
        if (snapshotEnded) {
            context.commitTransaction(batch.get(batch.size() - 1));
            rowsInTransaction = 0;
        }
    }

    /** Incremental reads commit at the end of each window (or batch): every row read so far. */
    public void commitAfter(SourceRecord record) {
        if (context != null) {
            context.commitTransaction(record);
            rowsInTransaction = 0;
        }
    }
}
