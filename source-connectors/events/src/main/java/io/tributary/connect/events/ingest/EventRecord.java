package io.tributary.connect.events.ingest;

import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A record handed to the worker, which knows the request it belongs to: the worker passes this very object
 * back to {@code SourceTask.commitRecord} once Kafka has acknowledged it (or the transaction holding it has
 * committed), and that settles it in its request.
 */
public final class EventRecord extends SourceRecord {

    private final PendingRequest request;

    EventRecord(PendingRequest request, PreparedEvent event, Map<String, ?> sourcePartition,
            Map<String, ?> sourceOffset) {
        super(sourcePartition, sourceOffset, event.topic(), null,
                event.key() == null ? null : org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA, event.key(),
                event.valueSchema(), event.value(), event.timestamp(), event.headers());
        this.request = request;
    }

    PendingRequest request() {
        return request;
    }
}
