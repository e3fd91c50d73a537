package io.tributary.connect.iceberg.convert;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;

/**
 * A record value that is still JSON text, as the sink receives it with {@code iceberg.tables.value-format=json}
 * (the connector's value converter hands over the bytes untouched).
 *
 * <p>Rows are read straight from the text by {@link JsonRowReader}. What needs the value as a whole — routing
 * by a field, creating a table from it, evolving a table's schema for it — asks for {@link #asMap()}: the
 * same {@code Map} Kafka's {@code JsonConverter} produces without schemas, parsed once and kept.
 */
public final class JsonValue {

    private final byte[] bytes;
    private Map<String, Object> map;

    private JsonValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param value the record value: JSON as bytes (ByteArrayConverter) or as text (StringConverter)
     * @throws DataException for any other kind of value
     */
    public static JsonValue of(Object value) {
        if (value instanceof byte[] raw) {
            return new JsonValue(raw);
        }
        if (value instanceof String text) {
            return new JsonValue(text.getBytes(StandardCharsets.UTF_8));
        }
        throw new DataException("With iceberg.tables.value-format=json, record values must be JSON bytes or text "
                + "(value.converter=org.apache.kafka.connect.converters.ByteArrayConverter or "
                + "org.apache.kafka.connect.storage.StringConverter), not " + ConversionErrors.javaType(value));
    }

    public byte[] bytes() {
        return bytes;
    }

    /**
     * The value as the schemaless map Kafka's {@code JsonConverter} makes of it.
     *
     * @throws DataException when the text is not one JSON object
     */
    public Map<String, Object> asMap() {
        if (map == null) {
            map = JsonParsing.readObject(bytes);
        }
        return map;
    }
}
