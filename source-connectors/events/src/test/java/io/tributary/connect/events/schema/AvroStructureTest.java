package io.tributary.connect.events.schema;

import static io.tributary.connect.events.schema.Events.read;
import static io.tributary.connect.events.schema.Events.reason;
import static io.tributary.connect.events.schema.Events.reader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class AvroStructureTest {

    private static final String ITEM = "{\"type\": \"record\", \"name\": \"Item\", \"fields\": ["
            + "{\"name\": \"sku\", \"type\": \"string\"}, {\"name\": \"qty\", \"type\": \"int\"}]}";

    /** An order: nested, optional nested, arrays and maps of records, all the shapes of structure. */
    private static final AvroEventReader ORDER = reader("""
            {"name": "id", "type": "string"},
            {"name": "user", "type": {"type": "record", "name": "User", "namespace": "test.people", "doc": "Who.",
              "fields": [
                {"name": "id", "type": "string"},
                {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
                  {"name": "city", "type": "string"}]}}]}},
            {"name": "items", "type": {"type": "array", "items": %s}},
            {"name": "by_warehouse", "type": {"type": "map", "values": "Item"}},
            {"name": "gift", "type": ["null", {"type": "record", "name": "Gift", "fields": [
              {"name": "note", "type": "string"}]}]},
            {"name": "attrs", "type": {"type": "map", "values": "string"}},
            {"name": "scores", "type": {"type": "array", "items": ["null", "double"]}}
            """.formatted(ITEM));

    private static final String VALID_ORDER = """
            {"id": "o-1", "user": {"id": "u-1", "address": {"city": "Lyon"}},
             "items": [{"sku": "a", "qty": 1}, {"qty": 2, "sku": "b"}],
             "by_warehouse": {"north": {"sku": "c", "qty": 3}},
             "gift": {"note": "happy birthday"}, "attrs": {"color": "red"}, "scores": [1.5, null]}""";

    @Test
    void derivesNamedStructSchemasWithDocsAndOptionalVariants() {
        Schema schema = ORDER.schema();
        assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(schema.name()).isEqualTo("test.Event");
        Schema user = schema.field("user").schema();
        assertThat(user.name()).isEqualTo("test.people.User");
        assertThat(user.doc()).isEqualTo("Who.");
        assertThat(user.field("address").schema().name()).as("namespace inherited").isEqualTo("test.people.Address");
        Schema items = schema.field("items").schema();
        assertThat(items.type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(items.valueSchema().name()).isEqualTo("test.Item");
        Schema warehouses = schema.field("by_warehouse").schema();
        assertThat(warehouses.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(warehouses.valueSchema()).isEqualTo(items.valueSchema());
        Schema gift = schema.field("gift").schema();
        assertThat(gift.isOptional()).isTrue();
        assertThat(gift.name()).isEqualTo("test.Gift");
        assertThat(gift.field("note").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.field("scores").schema().valueSchema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
    }

    @Test
    void readsNestedRecordsArraysAndMapsOfRecords() {
        Struct order = (Struct) read(ORDER, VALID_ORDER);

        order.validate();
        assertThat(order.schema()).isSameAs(ORDER.schema());
        assertThat(order.getStruct("user").getStruct("address").getString("city")).isEqualTo("Lyon");
        List<Struct> items = order.getArray("items");
        assertThat(items).extracting(item -> item.getString("sku")).containsExactly("a", "b");
        assertThat(items).extracting(item -> item.getInt32("qty")).containsExactly(1, 2);
        Map<String, Struct> warehouses = order.getMap("by_warehouse");
        assertThat(warehouses.get("north").getInt32("qty")).isEqualTo(3);
        assertThat(order.getStruct("gift").getString("note")).isEqualTo("happy birthday");
        assertThat(order.getMap("attrs")).isEqualTo(Map.of("color", "red"));
        assertThat(order.getArray("scores")).containsExactly(1.5, null);
    }

    @Test
    void readsAnOptionalNestedRecordAsNullWhenNullOrAbsent() {
        Struct withNull = (Struct) read(ORDER, VALID_ORDER.replace("{\"note\": \"happy birthday\"}", "null"));
        assertThat(withNull.get("gift")).isNull();
        Struct absent = (Struct) read(ORDER, VALID_ORDER.replace("\"gift\": {\"note\": \"happy birthday\"},", ""));
        assertThat(absent.get("gift")).isNull();
        absent.validate();
    }

    @Test
    void namesTheFieldPathOfAMismatchAtAnyDepth() {
        assertThat(reason(ORDER, VALID_ORDER.replace("\"city\": \"Lyon\"", "\"city\": 69")))
                .isEqualTo("field 'user.address.city': expected a string, got a number");
        assertThat(reason(ORDER, VALID_ORDER.replace("{\"qty\": 2, \"sku\": \"b\"}", "{\"qty\": 2, \"sku\": false}")))
                .isEqualTo("field 'items[1].sku': expected a string, got a boolean");
        assertThat(reason(ORDER, VALID_ORDER.replace("\"sku\": \"c\"", "\"sku\": [\"c\"]")))
                .isEqualTo("field 'by_warehouse{}.sku': expected a string, got an array")
                .doesNotContain("north");
        assertThat(reason(ORDER, VALID_ORDER.replace("\"color\": \"red\"", "\"color\": {\"r\": 255}")))
                .isEqualTo("field 'attrs{}': expected a string, got an object")
                .doesNotContain("color");
        assertThat(reason(ORDER, VALID_ORDER.replace("[1.5, null]", "[1.5, \"x\"]")))
                .isEqualTo("field 'scores[1]': expected a number, got a string");
        assertThat(reason(ORDER, VALID_ORDER.replace("{\"note\": \"happy birthday\"}", "\"happy birthday\"")))
                .isEqualTo("field 'gift': expected an object, got a string")
                .doesNotContain("happy");
        assertThat(reason(ORDER, VALID_ORDER.replace("[{\"sku\": \"a\", \"qty\": 1}, {\"qty\": 2, \"sku\": \"b\"}]",
                "{\"sku\": \"a\"}")))
                .isEqualTo("field 'items': expected an array, got an object");
    }

    @Test
    void namesMissingAndNullRequiredFieldsByPath() {
        assertThat(reason(ORDER, VALID_ORDER.replace("\"id\": \"o-1\", ", "")))
                .isEqualTo("missing required field 'id'");
        assertThat(reason(ORDER, VALID_ORDER.replace("{\"city\": \"Lyon\"}", "{}")))
                .isEqualTo("missing required field 'user.address.city'");
        assertThat(reason(ORDER, VALID_ORDER.replace("{\"qty\": 2, \"sku\": \"b\"}", "{\"qty\": 2}")))
                .isEqualTo("missing required field 'items[1].sku'");
        assertThat(reason(ORDER, VALID_ORDER.replace("\"id\": \"u-1\"", "\"id\": null")))
                .isEqualTo("field 'user.id' must not be null");
        assertThat(reason(ORDER, VALID_ORDER.replace("\"qty\": 3", "\"qty\": null")))
                .isEqualTo("field 'by_warehouse{}.qty' must not be null");
    }

    @Test
    void reportsTheFirstProblemOnly() {
        String twoProblems = VALID_ORDER.replace("\"id\": \"o-1\"", "\"id\": 1")
                .replace("\"city\": \"Lyon\"", "\"city\": 2");
        assertThat(reason(ORDER, twoProblems)).isEqualTo("field 'id': expected a string, got a number");
    }

    @Test
    void skipsUnknownFieldsWithAllTheirContent() {
        Struct order = (Struct) read(ORDER, VALID_ORDER.replace("{\"id\": \"o-1\",",
                "{\"extra\": {\"id\": 5, \"deep\": [[{\"sku\": 1}]]}, \"id\": \"o-1\", \"more\": [1, {\"a\": null}],")
                .replace("{\"city\": \"Lyon\"}", "{\"zip\": \"69001\", \"city\": \"Lyon\"}"));
        assertThat(order.getString("id")).isEqualTo("o-1");
        assertThat(order.getStruct("user").getStruct("address").getString("city")).isEqualTo("Lyon");
    }

    @Test
    void refusesUnknownFieldsByPathWhenAskedTo() {
        AvroEventReader strict = reader("{\"name\": \"a\", \"type\": {\"type\": \"record\", \"name\": \"A\", "
                + "\"fields\": [{\"name\": \"b\", \"type\": \"int\"}]}}", true);
        assertThat(read(strict, "{\"a\": {\"b\": 1}}")).isNotNull();
        assertThat(reason(strict, "{\"a\": {\"b\": 1}, \"c\": {\"x\": [1]}}")).isEqualTo("unknown field 'c'");
        assertThat(reason(strict, "{\"a\": {\"b\": 1, \"zip\": [1, {\"y\": 2}]}}")).isEqualTo("unknown field 'a.zip'");
    }

    @Test
    void takesTheLastValueOfAFieldSentTwice() {
        AvroEventReader reader = reader("{\"name\": \"a\", \"type\": [\"null\", \"string\"]}");
        assertThat(((Struct) read(reader, "{\"a\": \"x\", \"a\": \"y\"}")).get("a")).isEqualTo("y");
        assertThat(((Struct) read(reader, "{\"a\": \"x\", \"a\": null}")).get("a")).isNull();
    }

    @Test
    void refusesAnEventThatIsNotAnObject() {
        assertThat(reason(ORDER, "[{\"id\": \"o-1\"}]")).isEqualTo("an event must be a JSON object, not an array");
        assertThat(reason(ORDER, "\"o-1\"")).isEqualTo("an event must be a JSON object, not a string");
        assertThat(reason(ORDER, "12")).isEqualTo("an event must be a JSON object, not a number");
        assertThat(reason(ORDER, "null")).isEqualTo("an event must be a JSON object, not null");
    }

    @Test
    void continuesWithTheNextEventOfABatchAfterAnInvalidOne() throws Exception {
        String[] invalid = {
            VALID_ORDER.replace("\"city\": \"Lyon\"", "\"city\": {\"a\": [1, 2]}"),
            VALID_ORDER.replace("{\"qty\": 2, \"sku\": \"b\"}", "{\"qty\": [[2]], \"sku\": \"b\"}"),
            VALID_ORDER.replace("{\"city\": \"Lyon\"}", "{}"),
            VALID_ORDER.replace("\"id\": \"o-1\", ", ""),
            VALID_ORDER.replace("\"sku\": \"c\"", "\"sku\": null"),
        };
        for (String bad : invalid) {
            String batch = "[" + VALID_ORDER + ", " + bad + ", " + VALID_ORDER.replace("o-1", "o-3") + "]";
            try (JsonParser parser = Events.parser(batch)) {
                assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
                parser.nextToken();
                assertThat(((Struct) ORDER.read(parser)).getString("id")).isEqualTo("o-1");
                parser.nextToken();
                assertThatThrownBy(() -> ORDER.read(parser)).isInstanceOf(InvalidEventException.class);
                assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
                parser.nextToken();
                assertThat(((Struct) ORDER.read(parser)).getString("id")).as(bad).isEqualTo("o-3");
                assertThat(parser.nextToken()).isEqualTo(JsonToken.END_ARRAY);
            }
        }
    }

    @Test
    void leavesTextThatIsNotJsonToJackson() throws Exception {
        try (JsonParser parser = Events.parser("{\"id\": \"o-1\", \"user\": {\"id\": ")) {
            parser.nextToken();
            assertThatThrownBy(() -> ORDER.read(parser)).isInstanceOf(JsonParseException.class);
        }
        try (JsonParser parser = Events.parser("{\"id\": 1, \"user\": {\"id\": }")) {
            parser.nextToken();
            assertThatThrownBy(() -> ORDER.read(parser)).isInstanceOf(JsonParseException.class);
        }
    }

    @Test
    void readsRecordsOfMoreThanSixtyFourFields() {
        StringBuilder fields = new StringBuilder();
        StringBuilder event = new StringBuilder("{");
        for (int i = 0; i < 70; i++) {
            fields.append(i == 0 ? "" : ", ").append("{\"name\": \"f").append(i).append("\", \"type\": \"int\"}");
            if (i != 66) {
                event.append(i == 0 ? "" : ", ").append("\"f").append(i).append("\": ").append(i);
            }
        }
        AvroEventReader wide = reader(fields.toString());
        assertThat(reason(wide, event + "}")).isEqualTo("missing required field 'f66'");
        Struct struct = (Struct) read(wide, event + ", \"f66\": 66}");
        assertThat(struct.getInt32("f69")).isEqualTo(69);
        assertThat(struct.getInt32("f66")).isEqualTo(66);
    }
}
