package io.tributary.connect.events.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Events of a stream with an Avro record schema: each JSON event is checked against the schema while it is read,
 * token by token, into a {@link Struct} of the Connect schema derived from it once. How JSON maps onto each Avro
 * type is in the package documentation.
 *
 * <p>Safe for concurrent use: the compiled readers keep no state between events.
 */
public final class AvroEventReader implements EventReader {

    private final ValueReader root;

    private AvroEventReader(org.apache.avro.Schema avro, boolean rejectUnknownFields) {
        this.root = ReaderCompiler.compile(avro, rejectUnknownFields);
    }

    /**
     * @param rejectUnknownFields whether a JSON field the schema lacks makes an event invalid (else it is skipped)
     * @throws IllegalArgumentException saying what is wrong with the schema, or what of it cannot be served
     */
    public static AvroEventReader parse(String avroSchemaJson, boolean rejectUnknownFields) {
        org.apache.avro.Schema avro;
        try {
            avro = new org.apache.avro.Schema.Parser().parse(avroSchemaJson);
        } catch (RuntimeException e) {
            // SchemaParseException for the JSON and the names, AvroTypeException for defaults, and others.
            throw new IllegalArgumentException("not a valid Avro schema: " + e.getMessage(), e);
        }
        return new AvroEventReader(avro, rejectUnknownFields);
    }

    /** @throws IllegalArgumentException naming the file, when it cannot be read or holds no usable schema */
    public static AvroEventReader fromFile(Path file, boolean rejectUnknownFields) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the schema file " + file + ": " + why(e), e);
        }
        try {
            return parse(text, rejectUnknownFields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the schema file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Schema schema() {
        return root.schema();
    }

    @Override
    public Object read(JsonParser parser) throws IOException, InvalidEventException {
        JsonTokens.requireObject(parser);
        JsonStreamContext outside = parser.getParsingContext().getParent();
        try {
            return root.read(parser);
        } catch (Mismatch mismatch) {
            JsonTokens.finishEvent(parser, outside);
            throw new InvalidEventException(mismatch.reason());
        }
    }

    /** The messages of these exceptions are only the path, which the caller names already. */
    private static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
