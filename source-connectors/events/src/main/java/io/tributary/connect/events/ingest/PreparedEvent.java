package io.tributary.connect.events.ingest;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Headers;

/**
 * One record a request will write once its turn comes: an event of the stream, or an invalid event for the
 * dead-letter topic. Becomes an {@link EventRecord} in {@code poll()}, where it gets its sequence number.
 *
 * @param headers null when the record has none
 */
public record PreparedEvent(String topic, String key, Schema valueSchema, Object value, long timestamp,
        Headers headers) {
}
