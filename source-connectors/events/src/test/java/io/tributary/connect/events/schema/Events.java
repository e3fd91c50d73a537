package io.tributary.connect.events.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.connect.data.Struct;

/** Reads events from JSON text in tests, checking each time that the reader consumed the whole event. */
final class Events {

    private static final JsonFactory JSON = new JsonFactory();

    private Events() {
    }

    /** A reader of a record named {@code test.Event} with these fields (JSON objects, comma-separated). */
    static AvroEventReader reader(String fields) {
        return reader(fields, false);
    }

    static AvroEventReader reader(String fields, boolean rejectUnknownFields) {
        return AvroEventReader.parse("{\"type\": \"record\", \"name\": \"Event\", \"namespace\": \"test\", "
                + "\"fields\": [" + fields + "]}", rejectUnknownFields);
    }

    /** A reader of a record with one field {@code f} of this Avro type (JSON). */
    static AvroEventReader field(String type) {
        return reader("{\"name\": \"f\", \"type\": " + type + "}");
    }

    /** The value of field {@code f} of the event {@code {"f": json}}. */
    static Object valueOf(AvroEventReader reader, String json) {
        return ((Struct) read(reader, "{\"f\": " + json + "}")).get("f");
    }

    /** The reason the event {@code {"f": json}} is invalid. */
    static String reasonFor(AvroEventReader reader, String json) {
        return reason(reader, "{\"f\": " + json + "}");
    }

    static Object read(EventReader reader, String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            Object value = reader.read(parser);
            assertThat(parser.nextToken()).as("the token after the event").isNull();
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidEventException e) {
            throw new AssertionError("invalid: " + e.getMessage(), e);
        }
    }

    /** The reason a (syntactically valid) event is invalid; it must still have been consumed to its end. */
    static String reason(EventReader reader, String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            InvalidEventException invalid = catchThrowableOfType(InvalidEventException.class,
                    () -> reader.read(parser));
            assertThat(invalid).as("the event is invalid").isNotNull();
            JsonToken last = parser.currentToken();
            assertThat(last == JsonToken.END_OBJECT || last == JsonToken.END_ARRAY || last.isScalarValue())
                    .as("standing on the event's last token, not " + last).isTrue();
            assertThat(parser.nextToken()).as("the token after the event").isNull();
            return invalid.getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonParser parser(String json) throws IOException {
        return JSON.createParser(json);
    }
}
