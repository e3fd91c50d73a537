package io.tributary.connect.events.schema;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.apache.kafka.connect.data.Schema;

/** Reads one JSON event into the Connect value its stream produces. */
public interface EventReader {

    /** The schema of every value {@link #read} returns, or {@code null} for schemaless maps. */
    Schema schema();

    /**
     * Reads the event whose first token is the parser's current token.
     *
     * <p>The whole JSON value is consumed, also when it is invalid, so that the parser stands on the event's
     * last token and the next event of a JSON array can be read.
     *
     * @throws InvalidEventException when the event is not an object or does not fit the schema
     * @throws IOException when the text is not JSON; the parser cannot go on after that
     */
    Object read(JsonParser parser) throws IOException, InvalidEventException;
}
