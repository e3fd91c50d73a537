package io.tributary.connect.iceberg.convert;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Renders a value as JSON text, for the {@code string} values of nested maps and lists whose contents had no
 * common type (see {@link IcebergSchemas#inferFromMap}).
 *
 * <p>Written here rather than with a JSON library because the values are the few types Connect produces and
 * the output only has to be valid, stable JSON: bytes are Base64 text as in Connect's JSON converter, dates
 * are ISO-8601 instants, non-finite numbers and any other object are their text.
 */
final class JsonText {

    private JsonText() {
    }

    static String render(Object value) {
        StringBuilder json = new StringBuilder();
        append(json, value);
        return json.toString();
    }

    private static void append(StringBuilder json, Object value) {
        if (value == null || value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof Number number) {
            appendNumber(json, number);
        } else if (value instanceof Map<?, ?> map) {
            appendObject(json, map);
        } else if (value instanceof Collection<?> items) {
            appendArray(json, items);
        } else if (value instanceof Struct struct) {
            appendStruct(json, struct);
        } else if (value instanceof byte[] bytes) {
            appendString(json, Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof ByteBuffer buffer) {
            appendString(json, Base64.getEncoder().encodeToString(bytes(buffer)));
        } else if (value instanceof Date date) {
            appendString(json, date.toInstant().toString());
        } else {
            appendString(json, value.toString());
        }
    }

    private static void appendNumber(StringBuilder json, Number number) {
        boolean nonFinite = (number instanceof Double d && !Double.isFinite(d))
                || (number instanceof Float f && !Float.isFinite(f));
        if (nonFinite) {
            appendString(json, number.toString());
        } else {
            json.append(number);
        }
    }

    private static void appendObject(StringBuilder json, Map<?, ?> map) {
        json.append('{');
        String separator = "";
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            json.append(separator);
            appendString(json, String.valueOf(entry.getKey()));
            json.append(':');
            append(json, entry.getValue());
            separator = ",";
        }
        json.append('}');
    }

    private static void appendArray(StringBuilder json, Collection<?> items) {
        json.append('[');
        String separator = "";
        for (Object item : items) {
            json.append(separator);
            append(json, item);
            separator = ",";
        }
        json.append(']');
    }

    private static void appendStruct(StringBuilder json, Struct struct) {
        json.append('{');
        String separator = "";
        for (Field field : struct.schema().fields()) {
            json.append(separator);
            appendString(json, field.name());
            json.append(':');
            append(json, struct.get(field));
            separator = ",";
        }
        json.append('}');
    }

    private static void appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
