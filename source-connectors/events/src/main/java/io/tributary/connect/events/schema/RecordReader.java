package io.tributary.connect.events.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Reads a JSON object into a {@link Struct}, in whatever order its fields come: each name is looked up once,
 * and the fields seen are marked in a bit mask, so that absent ones can take their defaults at the end.
 */
final class RecordReader extends ValueReader {

    /** One field of the record: where its value goes, how it is read, and what it takes when absent. */
    record Slot(Field field, ValueReader reader, Supplier<Object> absent) {
    }

    private final Map<String, Slot> byName = new HashMap<>();
    private final Slot[] slots;
    private final boolean rejectUnknown;
    /** The mask of the first 64 fields when all are present; records of more fields are rare and marked apart. */
    private final long allSeen;

    RecordReader(Schema schema, List<Slot> slots, boolean rejectUnknown) {
        super(schema);
        this.slots = slots.toArray(new Slot[0]);
        this.rejectUnknown = rejectUnknown;
        this.allSeen = this.slots.length >= 64 ? -1L : (1L << this.slots.length) - 1;
        for (Slot slot : slots) {
            byName.put(slot.field().name(), slot);
        }
    }

    @Override
    Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
        if (token != JsonToken.START_OBJECT) {
            throw Mismatch.expected("an object", token);
        }
        Struct struct = new Struct(schema());
        long seen = 0;
        boolean[] seenBeyond = slots.length > 64 ? new boolean[slots.length - 64] : null;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            Slot slot = byName.get(name);
            parser.nextToken();
            if (slot == null) {
                if (rejectUnknown) {
                    throw Mismatch.unknown(name);
                }
                parser.skipChildren();
                continue;
            }
            Object value;
            try {
                value = slot.reader().read(parser);
            } catch (Mismatch mismatch) {
                throw mismatch.in(name);
            }
            // Also a null: of a field sent twice, the last value counts, as in JSON objects read by Jackson.
            struct.put(slot.field(), value);
            int index = slot.field().index();
            if (index < 64) {
                seen |= 1L << index;
            } else {
                seenBeyond[index - 64] = true;
            }
        }
        if (seen != allSeen || seenBeyond != null) {
            fillAbsent(struct, seen, seenBeyond);
        }
        return struct;
    }

    /**
     * An absent field takes its default; an absent optional field without one is null, which is friendlier to
     * JSON senders than Avro's rule (a field without a default must be there) and means the same.
     */
    private void fillAbsent(Struct struct, long seen, boolean[] seenBeyond) throws Mismatch {
        for (int index = 0; index < slots.length; index++) {
            boolean present = index < 64 ? (seen & 1L << index) != 0 : seenBeyond[index - 64];
            if (present) {
                continue;
            }
            Slot slot = slots[index];
            if (slot.absent() != null) {
                struct.put(slot.field(), slot.absent().get());
            } else if (!slot.reader().schema().isOptional()) {
                throw Mismatch.missing(slot.field().name());
            }
        }
    }
}
