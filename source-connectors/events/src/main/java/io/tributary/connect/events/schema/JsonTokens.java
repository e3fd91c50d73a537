package io.tributary.connect.events.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** What both readers need of the token stream: naming what arrived, and getting past an event that failed. */
final class JsonTokens {

    private JsonTokens() {
    }

    /** The type of a token, for messages: what arrived, never its value. */
    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "a " + token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The first token of an event is an object's, or the event is invalid whatever its schema. */
    static void requireObject(JsonParser parser) throws IOException, InvalidEventException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT) {
            // Consumed all the same, so that the next event of a batch can be read.
            parser.skipChildren();
            throw new InvalidEventException("an event must be a JSON object, not " + describe(token));
        }
    }

    /**
     * Reads on to the closing token of the event that {@code outside} encloses, from wherever a mismatch left the
     * parser: on a value not entered yet, on a scalar, or on the end of some record inside the event.
     *
     * <p>The parsing context tells the depth, so nothing has to be counted while the event is read.
     */
    static void finishEvent(JsonParser parser, JsonStreamContext outside) throws IOException {
        JsonToken token = parser.currentToken();
        while (true) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
            }
            if (parser.getParsingContext() == outside || token == null) {
                return;
            }
            token = parser.nextToken();
        }
    }
}
