package io.tributary.connect.events;

import io.tributary.connect.events.config.EventsSourceConfig;
import io.tributary.connect.events.http.EventsServer;
import io.tributary.connect.events.ingest.EventRecord;
import io.tributary.connect.events.ingest.IngestQueue;
import io.tributary.connect.events.ingest.SequenceOffsets;
import io.tributary.connect.events.metrics.EventsMetrics;
import io.tributary.connect.smt.plugin.TaskRef;
import io.tributary.connect.smt.plugin.TaskReports;
import io.tributary.connect.smt.plugin.TributaryVersion;
import io.tributary.connect.smt.plugin.WorkerMetrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the events endpoint on this worker. HTTP threads read and validate requests into the queue;
 * {@link #poll} hands their records to the worker; {@link #commitRecord} — called once Kafka acknowledged a
 * record, or once the transaction holding it committed — settles them, and the last record of a request
 * answers it.
 */
public class EventsSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(EventsSourceTask.class);
    /** How long an idle poll waits for events: short, so the worker's stop is never held up for long. */
    static final long POLL_WAIT_MS = 100L;

    private IngestQueue queue;
    private EventsServer server;
    private EventsMetrics metrics;
    private int pollMaxRecords;

    @Override
    public void start(Map<String, String> props) {
        EventsSourceConfig config = new EventsSourceConfig(props);
        int taskIndex = config.taskIndex();
        Map<String, String> partition = SequenceOffsets.partition(taskIndex);
        long firstSequence = SequenceOffsets.next(context.offsetStorageReader().offset(partition));
        pollMaxRecords = config.limits().pollMaxRecords();
        queue = new IngestQueue(config.limits().queueMaxEvents(), partition, firstSequence);
        metrics = new EventsMetrics(TaskReports.open(TaskRef.of(props), "events-source", WorkerMetrics.of(context)),
                queue::held, queue::openRequests);
        server = EventsServer.start(config, queue, metrics, props.getOrDefault("name", "events") + "-" + taskIndex);
        LOG.info("Events task {} started at sequence {}", taskIndex, firstSequence);
    }

    /** The port this task listens on. */
    public int port() {
        return server.port();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> records = queue.take(pollMaxRecords, POLL_WAIT_MS);
        return records.isEmpty() ? null : records;
    }

    /**
     * The worker settled {@code record}: with {@code metadata} it is in Kafka; without, a transform dropped it
     * or {@code errors.tolerance=all} skipped it after a failure.
     */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (record instanceof EventRecord event) {
            queue.settle(event, metadata != null);
        }
    }

    /**
     * Called once the worker has written or given up on everything polled. Every request not answered yet
     * gets 503: its events are not all in Kafka, and the client retries, against another worker if need be.
     */
    @Override
    public void stop() {
        if (queue != null) {
            int open = queue.openRequests();
            queue.close();
            if (open > 0) {
                LOG.info("Events task stopping: {} unanswered request(s) got 503", open);
            }
        }
        if (server != null) {
            server.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }
}
