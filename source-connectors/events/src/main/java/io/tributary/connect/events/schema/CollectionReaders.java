package io.tributary.connect.events.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/** Readers of Avro arrays and maps, as Connect arrays and maps with string keys. */
final class CollectionReaders {

    private CollectionReaders() {
    }

    static ValueReader array(Schema schema, ValueReader elements) {
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                if (token != JsonToken.START_ARRAY) {
                    throw Mismatch.expected("an array", token);
                }
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    try {
                        list.add(elements.read(parser));
                    } catch (Mismatch mismatch) {
                        throw mismatch.at(list.size());
                    }
                }
                return list;
            }
        };
    }

    /** A JSON object of any keys; an error names the map, not the key, as keys may be personal data. */
    static ValueReader map(Schema schema, ValueReader values) {
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                if (token != JsonToken.START_OBJECT) {
                    throw Mismatch.expected("an object", token);
                }
                Map<String, Object> map = new LinkedHashMap<>();
                String key;
                while ((key = parser.nextFieldName()) != null) {
                    parser.nextToken();
                    try {
                        map.put(key, values.read(parser));
                    } catch (Mismatch mismatch) {
                        throw mismatch.inMapValue();
                    }
                }
                return map;
            }
        };
    }
}
