package io.tributary.connect.iceberg.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;

/**
 * Streams JSON text into the Java values Kafka's {@code JsonConverter} produces for schemaless JSON: objects
 * become maps with text keys, arrays lists, whole numbers {@code Long}, other numbers {@code Double} (the
 * same double, to the sign of zero), and
 * {@code true}/{@code false}, text and null themselves. Reading tokens, rather than building a tree first, is
 * what makes the sink's JSON path cheaper than the converter.
 *
 * <p>Stricter than the converter in two ways, both so that bad data fails instead of changing silently: a
 * whole number outside the range of a long is an error (the converter wraps it around), and so is anything
 * after the top-level object (the converter ignores it).
 *
 * <p>Error messages give the position, never the text: record values may be personal data, and Jackson's
 * own messages quote the offending token.
 */
final class JsonParsing {

    /** Thread-safe; canonical field names make the per-key column lookup an identity hit in most cases. */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonParsing() {
    }

    static JsonParser parser(byte[] json) throws IOException {
        return FACTORY.createParser(json);
    }

    /** Parses text that must hold exactly one JSON object. */
    static Map<String, Object> readObject(byte[] json) {
        try (JsonParser parser = parser(json)) {
            expectObject(parser);
            Map<String, Object> object = readFields(parser);
            expectEnd(parser);
            return object;
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** Moves to the first token, which must start an object. */
    static void expectObject(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new DataException("The record value is " + (first == null ? "empty" : "a JSON " + kind(first))
                    + ", not a JSON object, so it cannot be a table row");
        }
    }

    /** After the top-level object: nothing but whitespace may follow. */
    static void expectEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new DataException("The record value has more after its JSON object "
                    + at(parser.currentTokenLocation()));
        }
    }

    /** The value at the parser's current token, consuming it whole. */
    static Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new DataException("The record value has a whole number outside the range of a long "
                            + at(parser.currentTokenLocation()));
                }
                yield parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                double number = parser.getDoubleValue();
                // The converter goes through BigDecimal, which has no -0.0 but keeps the sign of an underflow.
                yield number == 0.0 ? parser.getDecimalValue().doubleValue() : number;
            }
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_OBJECT -> readFields(parser);
            case START_ARRAY -> readElements(parser);
            default -> throw new DataException("Unexpected JSON " + kind(token) + " in the record value "
                    + at(parser.currentTokenLocation()));
        };
    }

    private static Map<String, Object> readFields(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            parser.nextToken();
            object.put(name, readValue(parser));
        }
        return object;
    }

    private static List<Object> readElements(JsonParser parser) throws IOException {
        List<Object> elements = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            elements.add(readValue(parser));
        }
        return elements;
    }

    static DataException invalid(IOException e) {
        JsonLocation location = e instanceof JsonProcessingException parse ? parse.getLocation() : null;
        return new DataException("The record value is not valid JSON" + (location == null ? "" : " " + at(location)));
    }

    private static String at(JsonLocation location) {
        return "(line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> "token";
        };
    }
}
