package io.tributary.connect.events.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Date;
import org.apache.kafka.connect.data.Schema;

/**
 * Readers of Avro's date and time logical types. Each takes ISO-8601 text (what people and browsers send) or
 * the number Avro itself stores (what programs that know the schema send).
 */
final class TimeReaders {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long MICROS_PER_DAY = MILLIS_PER_DAY * 1000;

    private TimeReaders() {
    }

    /** Avro date to Connect {@code Date}: {@code yyyy-MM-dd} or days since 1970-01-01. */
    static ValueReader date(Schema schema) {
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                long day;
                if (token == JsonToken.VALUE_STRING) {
                    day = IsoTimes.epochDay(parser.getText());
                    if (day == IsoTimes.INVALID) {
                        throw Mismatch.of("expected a date as yyyy-MM-dd");
                    }
                } else if (isNumber(token)) {
                    ScalarReaders.requireInteger(token);
                    if (parser.getNumberType() != JsonParser.NumberType.INT) {
                        throw Mismatch.of("integer out of the 32-bit range");
                    }
                    day = parser.getIntValue();
                } else {
                    throw Mismatch.expected("a date as yyyy-MM-dd or days since 1970-01-01", token);
                }
                return new Date(day * MILLIS_PER_DAY);
            }
        };
    }

    /** Avro time-millis to Connect {@code Time}: {@code HH:mm[:ss[.SSS]]} or milliseconds since midnight. */
    static ValueReader timeMillis(Schema schema) {
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                if (token == JsonToken.VALUE_STRING) {
                    return new Date(nanoOfDay(parser) / 1_000_000);
                }
                if (isNumber(token)) {
                    return new Date(ofDay(parser, token, MILLIS_PER_DAY, "milliseconds"));
                }
                throw Mismatch.expected("a time as HH:mm:ss.SSS or milliseconds since midnight", token);
            }
        };
    }

    /** Avro time-micros to INT64 microseconds since midnight (Connect has no such type); text is also taken. */
    static ValueReader timeMicros(Schema schema) {
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                if (token == JsonToken.VALUE_STRING) {
                    return nanoOfDay(parser) / 1000;
                }
                if (isNumber(token)) {
                    return ofDay(parser, token, MICROS_PER_DAY, "microseconds");
                }
                throw Mismatch.expected("a time as HH:mm:ss.SSSSSS or microseconds since midnight", token);
            }
        };
    }

    /**
     * Avro timestamps to Connect {@code Timestamp}, which holds milliseconds: finer digits and units are
     * truncated (towards the past, so that an event never moves into the next millisecond).
     *
     * @param unitsPerMilli 1 for millis, 1000 for micros, 1000000 for nanos: the unit of epoch numbers
     * @param local whether the schema's timestamp is local: its text carries no offset and is read as UTC
     */
    static ValueReader timestamp(Schema schema, long unitsPerMilli, boolean local) {
        String unit = unitsPerMilli == 1 ? "milliseconds" : unitsPerMilli == 1000 ? "microseconds" : "nanoseconds";
        String text = local ? "an ISO-8601 local timestamp without an offset, like 2026-12-02T10:15:30.123"
                : "an ISO-8601 timestamp with an offset, like 2026-12-02T10:15:30.123Z";
        String either = (local ? "a local timestamp" : "a timestamp") + " string or " + unit + " since the epoch";
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                if (token == JsonToken.VALUE_STRING) {
                    long millis = IsoTimes.epochMillis(parser.getText(), !local);
                    if (millis == IsoTimes.INVALID) {
                        throw Mismatch.of("expected " + text);
                    }
                    return new Date(millis);
                }
                if (isNumber(token)) {
                    return new Date(Math.floorDiv(ScalarReaders.longValue(parser, token), unitsPerMilli));
                }
                throw Mismatch.expected(either, token);
            }
        };
    }

    /** A fraction or exponent is refused as such, by {@link ScalarReaders#requireInteger}: numbers are taken. */
    private static boolean isNumber(JsonToken token) {
        return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
    }

    private static long nanoOfDay(JsonParser parser) throws IOException, Mismatch {
        long nanos = IsoTimes.nanoOfDay(parser.getText());
        if (nanos == IsoTimes.INVALID) {
            throw Mismatch.of("expected a time of day as HH:mm[:ss[.fraction]]");
        }
        return nanos;
    }

    private static long ofDay(JsonParser parser, JsonToken token, long perDay, String unit)
            throws IOException, Mismatch {
        long value = ScalarReaders.longValue(parser, token);
        if (value < 0 || value >= perDay) {
            throw Mismatch.of("expected " + unit + " since midnight, 0 to " + (perDay - 1));
        }
        return value;
    }
}
