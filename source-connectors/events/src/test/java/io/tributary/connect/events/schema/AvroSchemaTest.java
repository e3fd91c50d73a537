package io.tributary.connect.events.schema;

import static io.tributary.connect.events.schema.Events.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvroSchemaTest {

    private static String record(String fields) {
        return "{\"type\": \"record\", \"name\": \"Event\", \"fields\": [" + fields + "]}";
    }

    private static void assertRefused(String schema, String message) {
        assertThatThrownBy(() -> AvroEventReader.parse(schema, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void refusesTextThatIsNotAnAvroSchemaWithAvrosReason() {
        assertThatThrownBy(() -> AvroEventReader.parse("{\"type\": \"recrod\"}", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid Avro schema: ").hasMessageContaining("\"type\"");
        assertThatThrownBy(() -> AvroEventReader.parse("{\"type\": ", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a valid Avro schema: ");
        String badDefault = record("{\"name\": \"c\", \"type\": \"int\", \"default\": \"x\"}");
        assertThatThrownBy(() -> AvroEventReader.parse(badDefault, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid Avro schema: ").hasMessageContaining("default");
    }

    @Test
    void refusesATopLevelSchemaThatIsNotARecord() {
        assertRefused("\"string\"", "the top-level schema must be a record, not a string");
        assertRefused("{\"type\": \"array\", \"items\": \"int\"}",
                "the top-level schema must be a record, not an array");
        assertRefused("[\"null\", " + record("") + "]", "the top-level schema must be a record, not a union");
    }

    @Test
    void refusesUnionsOtherThanOptionalOnesNamingTheField() {
        String message = "unions other than [null, T] are not supported";
        assertRefused(record("{\"name\": \"u\", \"type\": [\"int\", \"string\"]}"), "field 'u': " + message);
        assertRefused(record("{\"name\": \"u\", \"type\": [\"null\", \"int\", \"string\"]}"), "field 'u': " + message);
        assertRefused(record("{\"name\": \"u\", \"type\": [\"int\"]}"), "field 'u': " + message);
        assertRefused(record("{\"name\": \"list\", \"type\": {\"type\": \"array\", \"items\": [\"int\", \"long\"]}}"),
                "field 'list[]': " + message);
        assertRefused(record("{\"name\": \"a\", \"type\": {\"type\": \"record\", \"name\": \"A\", \"fields\": ["
                + "{\"name\": \"m\", \"type\": {\"type\": \"map\", \"values\": [\"int\", \"boolean\"]}}]}}"),
                "field 'a.m{}': " + message);
    }

    @Test
    void refusesWhatHasNoConnectSchema() {
        assertRefused(record("{\"name\": \"n\", \"type\": \"null\"}"),
                "field 'n': the type null is only supported in a union [null, T]");
        assertRefused("{\"type\": \"record\", \"name\": \"Node\", \"namespace\": \"test\", \"fields\": ["
                + "{\"name\": \"value\", \"type\": \"int\"}, {\"name\": \"next\", \"type\": [\"null\", \"Node\"]}]}",
                "field 'next': the record test.Node contains itself, which a Connect schema cannot");
        assertRefused(record("{\"name\": \"d\", \"type\": {\"type\": \"fixed\", \"name\": \"D\", \"size\": 12, "
                + "\"logicalType\": \"duration\"}}"),
                "field 'd': the logical type duration on a fixed is not supported");
    }

    @Test
    void servesANamedTypeUsedTwiceThatIsNotRecursive() {
        AvroEventReader reader = AvroEventReader.parse(record("""
                {"name": "from", "type": {"type": "record", "name": "Point", "fields": [{"name": "x", "type": "int"}]}},
                {"name": "to", "type": ["null", "Point"]}"""), false);
        Struct event = (Struct) read(reader, "{\"from\": {\"x\": 1}, \"to\": {\"x\": 2}}");
        assertThat(event.getStruct("to").getInt32("x")).isEqualTo(2);
        assertThat(reader.schema().field("to").schema().isOptional()).isTrue();
        assertThat(reader.schema().field("from").schema().isOptional()).isFalse();
    }

    @Test
    void derivesTheConnectSchemaOnce() {
        AvroEventReader reader = AvroEventReader.parse(record("{\"name\": \"a\", \"type\": \"int\"}"), false);
        assertThat(reader.schema()).isSameAs(reader.schema());
        assertThat(((Struct) read(reader, "{\"a\": 1}")).schema()).isSameAs(reader.schema());
    }

    @Test
    void readsASchemaFile(@TempDir Path dir) throws Exception {
        Path example = Path.of(getClass().getResource("/schemas/click.avsc").toURI());
        Path file = Files.copy(example, dir.resolve("click.avsc"));
        AvroEventReader reader = AvroEventReader.fromFile(file, true);

        Schema schema = reader.schema();
        assertThat(schema.name()).isEqualTo("io.tributary.examples.retail.Click");
        assertThat(schema.doc()).startsWith("One click of a shopper");
        assertThat(schema.fields()).extracting(f -> f.name()).containsExactly("event_id", "user_id", "session_hint",
                "url", "referrer", "event_time", "device", "price", "tags", "attributes");
        assertThat(schema.field("event_id").schema().doc()).startsWith("Unique per click");
        assertThat(schema.field("session_hint").schema().isOptional()).isTrue();
        assertThat(schema.field("event_time").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(schema.field("device").schema().name()).isEqualTo("io.tributary.examples.retail.Device");
        assertThat(schema.field("device").schema().field("type").schema().type()).isEqualTo(Schema.Type.STRING);
        Schema price = schema.field("price").schema();
        assertThat(price.name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(price.isOptional()).isTrue();
        assertThat(price.parameters()).containsEntry("connect.decimal.precision", "10").containsEntry("scale", "2");

        Struct click = (Struct) read(reader, """
                {"event_id": "0192f2c4-7a1b-7c3d-8e4f-a0b1c2d3e4f5", "user_id": "u-829", "url": "/p/sku-1",
                 "event_time": "2026-12-02T10:15:30.123Z", "device": {"type": "mobile", "os": "iOS 19"},
                 "price": 24.9, "tags": ["sale"], "attributes": {"ab": "b"}}""");
        click.validate();
        assertThat(click.get("event_time")).isEqualTo(Date.from(Instant.parse("2026-12-02T10:15:30.123Z")));
        assertThat(click.get("price")).isEqualTo(new BigDecimal("24.90"));
        assertThat(click.get("referrer")).isNull();
        assertThat(click.getStruct("device").get("type")).isEqualTo("mobile");
        assertThat(click.get("tags")).isEqualTo(List.of("sale"));
        assertThat(click.get("attributes")).isEqualTo(Map.of("ab", "b"));

        Struct bare = (Struct) read(reader, """
                {"event_id": "e", "user_id": "u", "url": "/", "event_time": 1, "device": {"type": "desktop"}}""");
        assertThat(bare.get("tags")).isEqualTo(List.of());
        assertThat(bare.get("attributes")).isEqualTo(Map.of());
    }

    @Test
    void namesTheFileWhenItCannotBeUsed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.avsc");
        assertThatThrownBy(() -> AvroEventReader.fromFile(missing, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the schema file " + missing + ": no such file");
        assertThatThrownBy(() -> AvroEventReader.fromFile(dir, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the schema file " + dir + ": ");
        Path invalid = Files.writeString(dir.resolve("invalid.avsc"), "{\"type\": \"recrod\"}");
        assertThatThrownBy(() -> AvroEventReader.fromFile(invalid, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the schema file " + invalid + ": not a valid Avro schema: ");
        Path union = Files.writeString(dir.resolve("union.avsc"),
                record("{\"name\": \"u\", \"type\": [\"int\", \"string\"]}"));
        assertThatThrownBy(() -> AvroEventReader.fromFile(union, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the schema file " + union + ": field 'u': unions other than [null, T] are not supported");
        Path latin1 = Files.write(dir.resolve("latin1.avsc"), new byte[] {'{', (byte) 0xe9, '}'});
        assertThatThrownBy(() -> AvroEventReader.fromFile(latin1, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the schema file " + latin1 + ": not UTF-8 text");
    }
}
