package io.tributary.connect.events.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * Events of a stream without a schema: a JSON object becomes a map, as {@code JsonConverter} with
 * {@code schemas.enable=false} reads the same text — integers as longs, other numbers as doubles, objects as
 * maps, arrays as lists — so downstream sees the same values whichever way the JSON arrived.
 *
 * <p>Two things {@code JsonConverter} lets through are invalid here, because they would reach the table as
 * wrong numbers: an integer beyond the 64-bit range (it would keep the low 64 bits) and a number beyond the
 * double range (it would be infinite).
 */
public final class SchemalessEventReader implements EventReader {

    @Override
    public Schema schema() {
        return null;
    }

    @Override
    public Object read(JsonParser parser) throws IOException, InvalidEventException {
        JsonTokens.requireObject(parser);
        JsonStreamContext outside = parser.getParsingContext().getParent();
        try {
            return object(parser);
        } catch (Mismatch mismatch) {
            JsonTokens.finishEvent(parser, outside);
            throw new InvalidEventException(mismatch.reason());
        }
    }

    /** Reads the value the parser stands on, to its last token. */
    private static Object value(JsonParser parser) throws IOException, Mismatch {
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> integer(parser);
            case VALUE_NUMBER_FLOAT -> decimal(parser);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException, Mismatch {
        Map<String, Object> map = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            parser.nextToken();
            try {
                map.put(name, value(parser));
            } catch (Mismatch mismatch) {
                throw mismatch.in(name);
            }
        }
        return map;
    }

    private static List<Object> array(JsonParser parser) throws IOException, Mismatch {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            try {
                list.add(value(parser));
            } catch (Mismatch mismatch) {
                throw mismatch.at(list.size());
            }
        }
        return list;
    }

    private static Long integer(JsonParser parser) throws IOException, Mismatch {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw Mismatch.of("integer out of the 64-bit range");
        }
        return parser.getLongValue();
    }

    private static Double decimal(JsonParser parser) throws IOException, Mismatch {
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw Mismatch.of("number out of the 64-bit floating-point range");
        }
        // JsonConverter reads decimals through BigDecimal, which has no negative zero: -0.0 arrives as 0.0.
        return value == 0.0 ? 0.0 : value;
    }
}
