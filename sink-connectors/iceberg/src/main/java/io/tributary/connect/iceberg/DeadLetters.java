package io.tributary.connect.iceberg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The error path for records that cannot be written: Connect's errant-record reporter (the dead-letter queue
 * with {@code errors.tolerance=all}), or failing the task when there is none. Reports are asynchronous, so a
 * table commit that moves past a reported record must first wait for its report to be durable.
 */
final class DeadLetters {

    private final ErrantRecordReporter reporter;
    private final SinkMetrics metrics;
    private final List<Future<Void>> inFlight = new ArrayList<>();

    DeadLetters(SinkTaskContext context, SinkMetrics metrics) {
        this.reporter = reporterOf(context);
        this.metrics = metrics;
    }

    /**
     * @throws DataException naming the record and table when there is no dead-letter queue
     */
    void report(SinkRecord record, TableIdentifier table, DataException cause) {
        metrics.failed(table == null ? null : table.toString());
        DataException error = new DataException("Record topic=" + record.topic() + " partition="
                + record.kafkaPartition() + " offset=" + record.kafkaOffset()
                + (table == null ? "" : " for table " + table) + ": " + cause.getMessage(), cause);
        if (reporter == null) {
            throw error;
        }
        inFlight.add(reporter.report(record, error));
    }

    /** @throws ConnectException when a report could not be written */
    void awaitAll() {
        try {
            for (Future<Void> report : inFlight) {
                report.get();
            }
            inFlight.clear();
        } catch (ExecutionException e) {
            throw new ConnectException("Could not write to the dead-letter queue", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for the dead-letter queue", e);
        }
    }

    private static ErrantRecordReporter reporterOf(SinkTaskContext context) {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;  // workers older than Kafka 2.6
        }
    }
}
