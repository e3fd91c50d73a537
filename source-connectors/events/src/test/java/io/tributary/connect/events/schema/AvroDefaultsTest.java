package io.tributary.connect.events.schema;

import static io.tributary.connect.events.schema.Events.read;
import static io.tributary.connect.events.schema.Events.reader;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class AvroDefaultsTest {

    private static final AvroEventReader READER = reader("""
            {"name": "id", "type": "string"},
            {"name": "count", "type": "int", "default": 3, "doc": "How many."},
            {"name": "total", "type": "long", "default": 40000000000},
            {"name": "ratio", "type": "float", "default": 0.5},
            {"name": "score", "type": "double", "default": 1},
            {"name": "name", "type": "string", "default": "anon"},
            {"name": "flag", "type": "boolean", "default": true},
            {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["a", "b"]}, "default": "b"},
            {"name": "raw", "type": "bytes", "default": "\\u0001\\u00ff"},
            {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2},
             "default": "\\u0004\\u00d2"},
            {"name": "at", "type": {"type": "long", "logicalType": "timestamp-micros"}, "default": 1500000},
            {"name": "day", "type": {"type": "int", "logicalType": "date"}, "default": 2},
            {"name": "tags", "type": {"type": "array", "items": "string"}, "default": ["x", "y"]},
            {"name": "attrs", "type": {"type": "map", "values": "long"}, "default": {"k": 1}},
            {"name": "place", "type": {"type": "record", "name": "Place", "fields": [
              {"name": "city", "type": "string"},
              {"name": "zip", "type": ["null", "string"], "default": null},
              {"name": "floor", "type": "int", "default": 0}]},
             "default": {"city": "Paris"}},
            {"name": "items", "type": {"type": "array", "items": {"type": "record", "name": "Item", "fields": [
              {"name": "sku", "type": "string"}]}}, "default": [{"sku": "s-1"}]},
            {"name": "note", "type": ["null", "string"], "default": null},
            {"name": "level", "type": ["string", "null"], "default": "info"},
            {"name": "hint", "type": ["null", "string"]}
            """);

    @Test
    void absentFieldsTakeTheirDefaults() {
        Struct event = (Struct) read(READER, "{\"id\": \"e-1\"}");

        event.validate();
        assertThat(event.get("count")).isEqualTo(3);
        assertThat(event.get("total")).isEqualTo(40_000_000_000L);
        assertThat(event.get("ratio")).isEqualTo(0.5f);
        assertThat(event.get("score")).isEqualTo(1.0d);
        assertThat(event.get("name")).isEqualTo("anon");
        assertThat(event.get("flag")).isEqualTo(true);
        assertThat(event.get("kind")).isEqualTo("b");
        assertThat(event.get("raw")).isEqualTo(new byte[] {1, (byte) 0xff});
        assertThat(event.get("price")).isEqualTo(new BigDecimal("12.34"));
        assertThat(event.get("at")).isEqualTo(new Date(1500));
        assertThat(event.get("day")).isEqualTo(new Date(2 * 86_400_000L));
        assertThat(event.get("tags")).isEqualTo(List.of("x", "y"));
        assertThat(event.get("attrs")).isEqualTo(Map.of("k", 1L));
        Struct place = event.getStruct("place");
        assertThat(place.schema()).isSameAs(READER.schema().field("place").schema());
        assertThat(place.getString("city")).isEqualTo("Paris");
        assertThat(place.get("zip")).isNull();
        assertThat(place.get("floor")).as("a field the record default leaves out takes its own").isEqualTo(0);
        assertThat(event.<Struct>getArray("items")).singleElement()
                .satisfies(item -> assertThat(item.getString("sku")).isEqualTo("s-1"));
        assertThat(event.get("note")).isNull();
        assertThat(event.get("level")).isEqualTo("info");
        assertThat(event.get("hint")).as("optional without a default").isNull();
    }

    @Test
    void presentFieldsOverrideTheirDefaults() {
        Struct event = (Struct) read(READER, """
                {"id": "e-1", "count": 9, "tags": [], "place": {"city": "Oslo", "floor": 4}, "level": "warn"}""");
        assertThat(event.get("count")).isEqualTo(9);
        assertThat(event.get("tags")).isEqualTo(List.of());
        assertThat(event.getStruct("place").get("floor")).isEqualTo(4);
        assertThat(event.get("level")).isEqualTo("warn");
    }

    @Test
    void defaultsAreTheConnectFieldDefaultsExceptOnStructs() {
        Schema schema = READER.schema();
        assertThat(schema.field("count").schema().defaultValue()).isEqualTo(3);
        assertThat(schema.field("count").schema().doc()).isEqualTo("How many.");
        assertThat(schema.field("name").schema().defaultValue()).isEqualTo("anon");
        assertThat(schema.field("price").schema().defaultValue()).isEqualTo(new BigDecimal("12.34"));
        assertThat(schema.field("at").schema().defaultValue()).isEqualTo(new Date(1500));
        assertThat(schema.field("tags").schema().defaultValue()).isEqualTo(List.of("x", "y"));
        assertThat(schema.field("level").schema().defaultValue()).isEqualTo("info");
        assertThat(schema.field("level").schema().isOptional()).isTrue();
        assertThat(schema.field("place").schema().defaultValue()).isNull();
        assertThat(schema.field("note").schema().defaultValue()).isNull();
        assertThat(schema.field("hint").schema().defaultValue()).isNull();
    }

    @Test
    void aNullSentForAnOptionalFieldWithADefaultIsNullInTheStruct() {
        Struct event = (Struct) read(READER, "{\"id\": \"e-1\", \"level\": null}");
        // Struct.get falls back to the schema's default for a null; the value read is null all the same.
        assertThat(event.getWithoutDefault("level")).isNull();
    }

    @Test
    void mutableDefaultsAreNotSharedBetweenEvents() {
        Struct first = (Struct) read(READER, "{\"id\": \"e-1\"}");
        Struct second = (Struct) read(READER, "{\"id\": \"e-2\"}");
        assertThat(first.get("tags")).isNotSameAs(second.get("tags"));
        assertThat(first.get("raw")).isNotSameAs(second.get("raw"));
        assertThat(first.get("at")).isNotSameAs(second.get("at"));
        assertThat(first.get("place")).isNotSameAs(second.get("place"));
        first.getStruct("place").put("city", "Rome");
        Struct third = (Struct) read(READER, "{\"id\": \"e-3\"}");
        assertThat(third.getStruct("place").getString("city")).isEqualTo("Paris");
    }
}
