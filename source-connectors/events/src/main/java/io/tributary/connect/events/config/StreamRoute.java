package io.tributary.connect.events.config;

import io.tributary.connect.events.schema.EventReader;
import io.tributary.connect.smt.EventTimeParser;
import io.tributary.connect.smt.FieldPath;

/**
 * How events of one stream become records: the topic, the reader that validates and converts them, and where
 * their time and id are.
 *
 * @param timeField null: the record's timestamp is the request's arrival
 * @param idField null: the key comes from the Idempotency-Key header, or is generated
 * @param jsonValues whether a record's value is the event's JSON as sent (bytes) instead of what the reader made
 */
public record StreamRoute(String stream, String topic, EventReader reader, FieldPath timeField,
        EventTimeParser timeParser, FieldPath idField, boolean jsonValues) {

    /** This route for another stream of the same settings (streams not listed one by one). */
    StreamRoute named(String otherStream, String otherTopic) {
        return new StreamRoute(otherStream, otherTopic, reader, timeField, timeParser, idField, jsonValues);
    }
}
