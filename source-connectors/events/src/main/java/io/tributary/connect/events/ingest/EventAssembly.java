package io.tributary.connect.events.ingest;

import io.tributary.connect.events.config.StreamRoute;
import io.tributary.connect.events.schema.InvalidEventException;
import io.tributary.connect.smt.ids.UuidV7;
import java.util.Arrays;
import java.util.Date;
import org.apache.kafka.connect.data.Schema;

/** Turns one valid event of a request into its record: the stream's topic, the event's key and time. */
final class EventAssembly {

    private static final Object ABSENT = new Object();

    private final StreamRoute route;
    private final String idempotencyKey;
    private final long receivedMillis;

    EventAssembly(StreamRoute route, String idempotencyKey, long receivedMillis) {
        this.route = route;
        this.idempotencyKey = idempotencyKey;
        this.receivedMillis = receivedMillis;
    }

    StreamRoute route() {
        return route;
    }

    /**
     * @param value what the stream's reader made of the event
     * @param body the request's body, which holds the event as sent: {@code length} bytes from {@code offset}
     * @param inBatch whether the request may hold several events, so that a header key needs the index
     */
    PreparedEvent prepare(Object value, byte[] body, int offset, int length, int index, boolean inBatch)
            throws InvalidEventException {
        String key = key(value, index, inBatch);
        long timestamp = timestamp(value);
        if (route.jsonValues()) {
            return new PreparedEvent(route.topic(), key, Schema.BYTES_SCHEMA,
                    Arrays.copyOfRange(body, offset, offset + length), timestamp, null);
        }
        return new PreparedEvent(route.topic(), key, route.reader().schema(), value, timestamp, null);
    }

    private long timestamp(Object value) throws InvalidEventException {
        if (route.timeField() == null) {
            return receivedMillis;
        }
        Object time = route.timeField().getOr(value, ABSENT);
        if (time == ABSENT || time == null) {
            throw new InvalidEventException("missing event time field '" + route.timeField() + "'");
        }
        if (time instanceof Date date) {
            return date.getTime();
        }
        try {
            return route.timeParser().toEpochMillis(time);
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new InvalidEventException("field '" + route.timeField() + "' is not an event time in "
                    + "the configured event.time.format");
        }
    }

    private String key(Object value, int index, boolean inBatch) throws InvalidEventException {
        if (route.idField() != null) {
            Object id = route.idField().getOr(value, ABSENT);
            if (id instanceof String || id instanceof Number) {
                String text = id.toString();
                if (!text.isEmpty()) {
                    return text;
                }
            } else if (id != ABSENT && id != null) {
                throw new InvalidEventException("field '" + route.idField() + "' must be a string or a number "
                        + "to be the event id");
            }
        }
        if (idempotencyKey != null) {
            return inBatch ? idempotencyKey + ":" + index : idempotencyKey;
        }
        return UuidV7.generate(receivedMillis);
    }
}
