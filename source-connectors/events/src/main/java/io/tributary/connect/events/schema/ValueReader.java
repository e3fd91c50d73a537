package io.tributary.connect.events.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.apache.kafka.connect.data.Schema;

/**
 * Reads the JSON values of one part of a stream's schema into Connect values of {@link #schema()}.
 *
 * <p>A tree of these is compiled once per stream by {@link ReaderCompiler}; reading an event only walks it.
 */
abstract class ValueReader {

    private final Schema schema;

    ValueReader(Schema schema) {
        this.schema = schema;
    }

    final Schema schema() {
        return schema;
    }

    /**
     * Reads the value whose first token the parser stands on and leaves the parser on its last token.
     *
     * @throws Mismatch when the value does not fit; the parser may then stand anywhere inside the value
     */
    final Object read(JsonParser parser) throws IOException, Mismatch {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            if (schema.isOptional()) {
                return null;
            }
            throw Mismatch.mustNotBeNull();
        }
        return readPresent(parser, token);
    }

    /** Reads a value that is not JSON null; {@code token} is the parser's current token. */
    abstract Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch;
}
