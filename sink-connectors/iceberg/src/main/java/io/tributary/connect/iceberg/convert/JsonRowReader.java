package io.tributary.connect.iceberg.convert;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.apache.iceberg.data.GenericRecord;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads a JSON object straight into a row of one table schema, without the tree and the map that Kafka's
 * {@code JsonConverter} builds first. The row is the one {@link RecordConverter} makes of the converter's map:
 * top-level fields are matched to columns by name and converted by the same per-column converters, nested
 * objects and arrays are read as maps and lists and converted as such.
 *
 * <p>A field the table has no column for ends the read with no row: the caller then takes the map path, where
 * the table's schema can evolve to take the field (or the record fails if it may not).
 *
 * <p>Build one per {@link RecordConverter}, whose per-column converters it shares; safe for concurrent use.
 */
public final class JsonRowReader {

    private final StructConverter root;

    public JsonRowReader(RecordConverter converter) {
        this.root = converter.root();
    }

    /**
     * @return the row, or null when the object has a field that is not a column
     * @throws DataException when the text is not one JSON object, or a value does not fit its column
     */
    public GenericRecord read(byte[] json) {
        try (JsonParser parser = JsonParsing.parser(json)) {
            JsonParsing.expectObject(parser);
            GenericRecord row = root.newRecord();
            String name;
            while ((name = parser.nextFieldName()) != null) {
                int position = root.position(name);
                if (position < 0) {
                    return null;
                }
                parser.nextToken();
                root.set(row, position, JsonParsing.readValue(parser));
            }
            JsonParsing.expectEnd(parser);
            root.checkRequired(row);
            return row;
        } catch (IOException e) {
            throw JsonParsing.invalid(e);
        }
    }
}
